"""The regulation, meeting and attachment pages: who sees what, forms that refuse bad files, query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory
from kotacerdas.governance import services
from kotacerdas.governance.models import Attachment, Regulation
from kotacerdas.governance.tests.conftest import pdf

pytestmark = pytest.mark.django_db


def url(name, city, *args):
    return reverse(f"governance:{name}", args=[city.code, *args])


def test_the_public_reads_enacted_regulations_of_a_published_city_but_no_draft_and_no_meeting(client, ambon, perwali, draft, meeting):
    ambon.is_published = True
    ambon.save()
    body = client.get(url("regulation_list", ambon)).content.decode()
    assert perwali.title in body and draft.title not in body
    assert client.get(url("regulation_detail", ambon, draft.pk)).status_code == 404
    for page in ("meeting_list", "attachment_list"):  # a note to sign in, no record
        body = client.get(url(page, ambon)).content.decode()
        assert meeting.title not in body and "hanya untuk pengguna daerah ini" in body
    assert client.get(url("meeting_detail", ambon, meeting.pk)).status_code == 302  # to the sign-in page


def test_an_operator_reads_meetings_and_minutes_but_cannot_record_one(login, operator_dinkes, ambon, meeting, unchanged):
    client = login(operator_dinkes)
    listing = client.get(url("meeting_list", ambon)).content.decode()
    assert meeting.title in listing and url("meeting_create", ambon) not in listing
    assert "Pembahasan quick win." in client.get(url("meeting_detail", ambon, meeting.pk)).content.decode()
    with unchanged():
        response = client.post(
            url("meeting_create", ambon), {"kind": "sosialisasi", "title": "X", "held_on": "2020-01-01", "attendance_count": 5}
        )
    assert response.status_code == 403


def test_the_coordinator_records_a_regulation_with_its_document(login, koordinator, ambon, plan):
    client = login(koordinator)
    response = client.post(
        url("regulation_create", ambon),
        {
            "type": "perwali",
            "number": "17 Tahun 2020",
            "title": "Masterplan Smart City",
            "issued_on": "2020-06-08",
            "status": "enacted",
            "masterplan": plan.pk,
            "file": pdf("perwali-17-2020.pdf"),
        },
    )
    regulation = Regulation.objects.get()
    assert response.status_code == 302 and regulation.masterplan == plan and regulation.original_name == "perwali-17-2020.pdf"
    download = client.get(url("regulation_file", ambon, regulation.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_an_enacted_regulation_without_number_stays_on_the_form_with_the_reason(login, koordinator, ambon, unchanged):
    client = login(koordinator)
    with unchanged():
        response = client.post(url("regulation_create", ambon), {"type": "perwali", "title": "Masterplan", "status": "enacted"})
    assert response.status_code == 200 and "nomor dan tanggal" in response.content.decode()


def test_an_upload_with_a_lying_extension_is_refused_on_the_page(login, koordinator, ambon, commitment, unchanged):
    client = login(koordinator)
    liar = SimpleUploadedFile("lembar-komitmen.pdf", b"MZ\x90\x00 a program", content_type="application/pdf")
    with unchanged():
        response = client.post(
            url("attachment_upload", ambon), {"record": f"commitment:{commitment.pk}", "file": liar, "description": "Lembar komitmen"}
        )
    assert response.status_code == 400 and "lembar-komitmen.pdf" in response.content.decode()


def test_an_attachment_is_uploaded_listed_and_served_only_within_the_city(
    login, koordinator, operator_dinkes, koordinator_lain, ambon, council
):
    client = login(koordinator)
    response = client.post(url("attachment_upload", ambon), {"record": f"body:{council.pk}", "file": pdf(), "description": "SK Dewan"})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert "SK Dewan" in client.get(url("attachment_list", ambon) + "?subject=body").content.decode()
    assert login(operator_dinkes).get(url("attachment_file", ambon, attachment.pk)).status_code == 200
    assert login(koordinator_lain).get(url("attachment_file", ambon, attachment.pk)).status_code == 404


def _crowd(city, actor, n):
    opds = [OpdFactory(city=city) for _ in range(3)]
    stakeholders = [StakeholderFactory(city=city) for _ in range(2)]
    for i in range(n):
        services.regulation_create(
            actor=actor,
            city=city,
            type_code="keputusan",
            number=f"{i}/KEP/2020",
            title=f"Keputusan {i}",
            issued_on=datetime.date(2020, 1, 1 + i % 27),
            status="enacted",
        )
        meeting = services.meeting_create(
            actor=actor,
            city=city,
            kind_code="forum-smart-city",
            title=f"Forum {i}",
            held_on=datetime.date(2021, 1, 1 + i % 27),
            opd_ids=[o.pk for o in opds],
            stakeholder_ids=[s.pk for s in stakeholders],
        )
        services.attachment_upload(actor=actor, city=city, subject="meeting", record_id=meeting.pk, file=pdf(), description=f"Notulen {i}")


@pytest.mark.parametrize("page, queries", [("regulation_list", 8), ("meeting_list", 8), ("attachment_list", 11)])
def test_list_pages_do_not_grow_with_the_data(page, queries, login, koordinator, ambon, django_assert_num_queries):
    client = login(koordinator)
    _crowd(ambon, koordinator, 2)
    with django_assert_num_queries(queries):
        assert client.get(url(page, ambon)).status_code == 200
    _crowd(ambon, koordinator, 12)
    with django_assert_num_queries(queries):
        assert client.get(url(page, ambon)).status_code == 200
