"""API of the regulation register, meetings and attachments: who reads what, codes of refusals, multipart files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.governance.models import Attachment, Meeting
from kotacerdas.governance.tests.conftest import pdf

pytestmark = pytest.mark.django_db
API = "/api/v1/cities/81.71"


@pytest.fixture
def call(client, api_token):
    tokens = {}

    def _call(user, method, path, json=None, data=None):
        if user.is_authenticated and user.pk not in tokens:
            tokens[user.pk] = api_token(user)
        headers = tokens.get(user.pk, {}) if user.is_authenticated else {}
        if json is not None:
            return getattr(client, method)(f"{API}{path}", headers=headers, content_type="application/json", data=json)
        return getattr(client, method)(f"{API}{path}", headers=headers, data=data or {})

    return _call


def test_the_public_reads_the_enacted_register_of_a_published_city(call, warga, ambon, perwali, draft):
    ambon.is_published = True
    ambon.save()
    answer = call(warga, "get", "/regulations")
    assert answer.status_code == 200
    assert [r["id"] for r in answer.json()["items"]] == [perwali.pk]
    item = answer.json()["items"][0]
    assert item["regulation_type_code"] == "perwali" and item["status"] == "enacted" and item["masterplan_id"] == perwali.masterplan_id
    assert call(warga, "get", f"/regulations/{draft.pk}").status_code == 404
    assert call(warga, "get", "/meetings").json()["code"] == "not_authenticated"


def test_a_meeting_without_attendance_answers_its_code(call, koordinator, ambon, unchanged):
    body = {"meeting_kind_code": "forum-smart-city", "title": "Forum", "held_on": "2020-05-05"}
    call(koordinator, "get", "/meetings")  # the token is issued before the refused request
    with unchanged():
        answer = call(koordinator, "post", "/meetings", json=body)
    assert answer.status_code == 400 and answer.json()["code"] == "attendance_missing"
    created = call(koordinator, "post", "/meetings", json={**body, "attendance_count": 25})
    assert created.status_code == 201 and created.json()["attendance_count"] == 25
    assert Meeting.objects.get().title == "Forum"


def test_a_revision_dated_before_its_original_answers_its_code(call, koordinator, perwali, unchanged):
    body = {
        "regulation_type_code": "perwali",
        "title": "Perubahan",
        "number": "1 Tahun 2019",
        "issued_on": "2019-01-01",
        "status": "enacted",
        "revises_id": perwali.pk,
    }
    call(koordinator, "get", "/regulations")
    with unchanged():
        answer = call(koordinator, "post", "/regulations", json=body)
    assert answer.status_code == 400 and answer.json()["code"] == "revision_before_original"
    assert answer.json()["errors"][0]["field"] == "issued_on"


def test_an_operator_may_not_write_and_changes_nothing(call, operator_dinkes, meeting, unchanged):
    call(operator_dinkes, "get", "/meetings")
    with unchanged():
        assert call(operator_dinkes, "patch", f"/meetings/{meeting.pk}", json={"minutes": "x"}).status_code == 403
        assert call(operator_dinkes, "delete", f"/meetings/{meeting.pk}").status_code == 403
    assert call(operator_dinkes, "get", f"/meetings/{meeting.pk}").json()["opd_ids"] == [o.pk for o in meeting.opds.all()]


def test_attachments_upload_as_multipart_and_refuse_a_lying_extension(call, koordinator, koordinator_lain, ambon, council, unchanged):
    liar = SimpleUploadedFile("sk.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    call(koordinator, "get", "/attachments")
    with unchanged():
        answer = call(
            koordinator, "post", "/attachments", data={"subject": "body", "record_id": council.pk, "file": liar, "description": "SK"}
        )
    assert answer.status_code == 400 and answer.json()["code"] == "file_invalid"
    answer = call(
        koordinator, "post", "/attachments", data={"subject": "body", "record_id": council.pk, "file": pdf(), "description": "SK"}
    )
    assert answer.status_code == 201 and answer.json()["record_id"] == council.pk
    attachment = Attachment.objects.get()
    download = call(koordinator, "get", f"/attachments/{attachment.pk}/file")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert call(koordinator_lain, "get", f"/attachments/{attachment.pk}/file").status_code == 404


def test_a_regulation_document_is_uploaded_and_downloaded(call, koordinator, perwali):
    assert call(koordinator, "get", f"/regulations/{perwali.pk}/document").status_code == 404
    answer = call(koordinator, "post", f"/regulations/{perwali.pk}/document", data={"file": pdf("perwali.pdf")})
    assert answer.status_code == 200 and answer.json()["file_name"] == "perwali.pdf"
    assert call(koordinator, "get", answer.json()["download_url"].removeprefix(API)).status_code == 200


def test_regulation_types_and_meeting_kinds_are_listed_as_reference_data(client):
    types = [t["code"] for t in client.get("/api/v1/framework/regulation-types").json()["items"]]
    kinds = [k["code"] for k in client.get("/api/v1/framework/meeting-kinds").json()["items"]]
    assert {"perwali", "perbup", "keputusan", "perda", "ranperda"} <= set(types)
    assert {"rapat-koordinasi-dewan", "forum-smart-city", "sosialisasi", "forum-csr"} <= set(kinds)
