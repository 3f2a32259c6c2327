"""The regulation register, meetings and attachments from the programme's point of view: who may write,
what a city really records, and bad input refused with a stable code and nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.governance import selectors, services
from kotacerdas.governance.models import Attachment, Meeting, Regulation
from kotacerdas.governance.tests.conftest import pdf
from kotacerdas.programmes.tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
WRITERS = {"kementerian", "koordinator"}


def _sk(city, **extra):
    return {
        "city": city,
        "type_code": "keputusan",
        "number": "188.45/512/KEP/2019",
        "title": "Pembentukan Dewan Smart City",
        "issued_on": datetime.date(2019, 6, 20),
        "status": "enacted",
        **extra,
    }


# --- permissions: every role, every write ---------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_and_the_ministry_record_a_regulation(persona, personas, ambon, unchanged):
    if persona in WRITERS:
        regulation = services.regulation_create(actor=personas[persona], **_sk(ambon))
        assert regulation.status == "enacted"
        event = AuditEvent.objects.get(model="governance.regulation", action="create")
        assert event.actor == personas[persona] and event.city == ambon
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.regulation_create(actor=personas[persona], **_sk(ambon))


@pytest.mark.parametrize("persona", PERSONAS)
def test_regulation_update_and_delete_rights(persona, personas, perwali, unchanged):
    if persona in WRITERS:
        services.regulation_update(actor=personas[persona], regulation=perwali, note="Diundangkan dalam Berita Daerah")
        assert AuditEvent.objects.filter(model="governance.regulation", action="update").count() == 1
        services.regulation_delete(actor=personas[persona], regulation=perwali)
        assert not Regulation.objects.exists()
    else:
        with unchanged():
            with pytest.raises(PermissionDenied):
                services.regulation_update(actor=personas[persona], regulation=perwali, note="x")
            with pytest.raises(PermissionDenied):
                services.regulation_delete(actor=personas[persona], regulation=perwali)
            with pytest.raises(PermissionDenied):
                services.regulation_document_replace(actor=personas[persona], regulation=perwali, file=pdf())


@pytest.mark.parametrize("persona", PERSONAS)
def test_meeting_rights(persona, personas, ambon, dinkes, meeting, unchanged):
    args = {"city": ambon, "kind_code": "forum-csr", "title": "Forum CSR", "held_on": datetime.date(2021, 11, 18), "attendance_count": 30}
    if persona in WRITERS:
        created = services.meeting_create(actor=personas[persona], **args)
        services.meeting_update(actor=personas[persona], meeting=created, minutes="Notulen")
        services.meeting_delete(actor=personas[persona], meeting=created)
        actions = list(AuditEvent.objects.filter(model="governance.meeting", object_pk=str(created.pk)).values_list("action", flat=True))
        assert sorted(actions) == ["create", "delete", "update"]
    else:
        with unchanged():
            with pytest.raises(PermissionDenied):
                services.meeting_create(actor=personas[persona], **args)
            with pytest.raises(PermissionDenied):
                services.meeting_update(actor=personas[persona], meeting=meeting, minutes="x")
            with pytest.raises(PermissionDenied):
                services.meeting_delete(actor=personas[persona], meeting=meeting)


@pytest.mark.parametrize("persona", PERSONAS)
def test_attachment_rights(persona, personas, ambon, council, unchanged):
    if persona in WRITERS:
        attachment = services.attachment_upload(
            actor=personas[persona], city=ambon, subject="body", record_id=council.pk, file=pdf(), description="SK Dewan Smart City"
        )
        assert attachment.body == council and attachment.file.storage.exists(attachment.file.name)
        services.attachment_delete(actor=personas[persona], attachment=attachment)
        assert not Attachment.objects.exists()
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.attachment_upload(
                actor=personas[persona], city=ambon, subject="body", record_id=council.pk, file=pdf(), description="SK"
            )


# --- what the public sees -------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_sees_enacted_regulations_but_no_draft(persona, personas, ambon, perwali, draft):
    ambon.is_published = True
    ambon.save()
    seen = set(selectors.regulations(personas[persona], ambon).values_list("pk", flat=True))
    if persona in {"warga", "koordinator_lain"}:  # the public, and another city's users (who see Ambon as the public does)
        assert seen == {perwali.pk}
    else:
        assert seen == {perwali.pk, draft.pk}


# --- the register's rules -------------------------------------------------------------------


def test_a_draft_needs_no_number_but_an_enacted_regulation_does(koordinator, ambon, unchanged):
    draft = services.regulation_create(actor=koordinator, city=ambon, type_code="ranperda", title="Ranperda Kota Cerdas")
    assert draft.status == "draft" and draft.number == ""
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.regulation_update(actor=koordinator, regulation=draft, status="enacted")
    assert refused.value.code == "regulation_incomplete"
    services.regulation_update(
        actor=koordinator, regulation=draft, status="enacted", number="5 Tahun 2024", issued_on=datetime.date(2024, 3, 1)
    )
    draft.refresh_from_db()
    assert draft.status == "enacted"


def test_a_revision_keeps_the_original_and_cannot_be_dated_before_it(koordinator, ambon, perwali, unchanged):
    revision = services.regulation_create(
        actor=koordinator,
        city=ambon,
        type_code="perwali",
        number="9 Tahun 2023",
        title="Perubahan atas Perwali Masterplan Smart City",
        issued_on=datetime.date(2023, 4, 3),
        status="enacted",
        revises_id=perwali.pk,
    )
    perwali.refresh_from_db()
    assert perwali.issued_on == datetime.date(2020, 6, 8) and list(perwali.revisions.all()) == [revision]
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.regulation_create(
            actor=koordinator,
            city=ambon,
            type_code="perwali",
            number="1 Tahun 2019",
            title="Perubahan bertanggal mundur",
            issued_on=datetime.date(2019, 1, 2),
            status="enacted",
            revises_id=perwali.pk,
        )
    assert refused.value.code == "revision_before_original" and refused.value.field == "issued_on"
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.regulation_update(actor=koordinator, regulation=perwali, revises_id=revision.pk)
    assert refused.value.field == "revises_id"


def test_a_regulation_is_never_dated_in_the_future_nor_linked_to_another_city(koordinator, ambon, tual, unchanged):
    from kotacerdas.masterplan.tests.factories import MasterplanFactory

    other_plan = MasterplanFactory(city=tual)
    with unchanged():
        with pytest.raises(ServiceError) as refused:
            services.regulation_create(actor=koordinator, **_sk(ambon, issued_on=datetime.date.today() + datetime.timedelta(days=2)))
        assert refused.value.code == "date_in_future"
        with pytest.raises(ServiceError) as refused:
            services.regulation_create(actor=koordinator, **_sk(ambon, masterplan_id=other_plan.pk))
        assert refused.value.code == "unknown_reference" and refused.value.field == "masterplan_id"
        with pytest.raises(ServiceError) as refused:
            services.regulation_create(actor=koordinator, **_sk(ambon, type_code="keppres"))
        assert refused.value.code == "unknown_code"


def test_a_regulation_types_list_is_reference_data(koordinator, ambon):
    from kotacerdas.framework.models import RegulationType

    RegulationType.objects.create(code="instruksi", name_id="Instruksi Wali Kota", order=99)
    regulation = services.regulation_create(actor=koordinator, **_sk(ambon, type_code="instruksi"))
    assert regulation.type.name == "Instruksi Wali Kota"


# --- meetings -------------------------------------------------------------------------------


def test_a_meeting_with_no_attendance_is_refused(koordinator, ambon, meeting, unchanged):
    with unchanged():
        with pytest.raises(ServiceError) as refused:
            services.meeting_create(
                actor=koordinator, city=ambon, kind_code="forum-smart-city", title="Forum", held_on=datetime.date(2020, 5, 5)
            )
        assert refused.value.code == "attendance_missing"
        with pytest.raises(ServiceError) as refused:
            services.meeting_update(actor=koordinator, meeting=meeting, opd_ids=[], stakeholder_ids=[])
        assert refused.value.code == "attendance_missing"


def test_a_meeting_counted_but_not_itemised_is_accepted(koordinator, ambon):
    meeting = services.meeting_create(
        actor=koordinator,
        city=ambon,
        kind_code="sosialisasi",
        title="Sosialisasi masterplan",
        held_on=datetime.date(2020, 9, 3),
        attendance_count=60,
    )
    assert meeting.attendance_count == 60 and not meeting.opds.exists()


def test_a_meeting_lists_the_departments_and_stakeholders_present(meeting, dinkes, bumn):
    meeting = selectors.meeting_detail(meeting.city, meeting.pk)
    assert list(meeting.opds.all()) == [dinkes] and list(meeting.stakeholders.all()) == [bumn]


def test_a_meeting_cannot_list_another_citys_department(koordinator, ambon, tual, unchanged):
    from kotacerdas.cities.tests.factories import OpdFactory

    foreign = OpdFactory(city=tual)
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.meeting_create(
            actor=koordinator, city=ambon, kind_code="sosialisasi", title="X", held_on=datetime.date(2020, 1, 1), opd_ids=[foreign.pk]
        )
    assert refused.value.code == "unknown_reference" and refused.value.field == "opd_ids"


def test_deleting_a_meeting_removes_its_attachments_and_their_files(koordinator, ambon, meeting, django_capture_on_commit_callbacks):
    attachment = services.attachment_upload(
        actor=koordinator, city=ambon, subject="meeting", record_id=meeting.pk, file=pdf("notulen.pdf"), description="Notulen"
    )
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_delete(actor=koordinator, meeting=meeting)
    assert not Meeting.objects.exists() and not Attachment.objects.exists() and not storage.exists(name)
    assert AuditEvent.objects.filter(model="governance.attachment", action="delete").count() == 1


# --- attachments ----------------------------------------------------------------------------


def test_a_file_whose_extension_lies_is_refused(koordinator, ambon, commitment, unchanged):
    fake = SimpleUploadedFile("komitmen.pdf", b"MZ\x90\x00 this is a program, not a PDF", content_type="application/pdf")
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.attachment_upload(
            actor=koordinator, city=ambon, subject="commitment", record_id=commitment.pk, file=fake, description="Lembar komitmen"
        )
    assert refused.value.code == "file_invalid" and refused.value.field == "file"


def test_a_file_over_the_limit_is_refused(settings, koordinator, ambon, unchanged):
    settings.EVIDENCE_MAX_BYTES = 50
    with unchanged(), pytest.raises(ServiceError) as refused:
        services.attachment_upload(actor=koordinator, city=ambon, subject="mou", file=pdf(size=100), description="MoU")
    assert refused.value.code == "file_invalid"


def test_attachments_go_to_the_mou_a_commitment_a_body_a_bimtek_or_a_meeting(koordinator, ambon, commitment, council, plan, meeting):
    workshop = WorkshopFactory(masterplan=plan, number=1)
    targets = {"mou": None, "commitment": commitment, "body": council, "bimtek": workshop, "meeting": meeting}
    for subject, record in targets.items():
        attachment = services.attachment_upload(
            actor=koordinator,
            city=ambon,
            subject=subject,
            record_id=record.pk if record else None,
            file=pdf(),
            description=f"Berkas {subject}",
        )
        assert attachment.subject_record == record
        assert attachment.file.name.startswith("evidence/") and "Berkas" not in attachment.file.name  # a generated name
        assert attachment.original_name == "sk-dewan.pdf"
    assert list(workshop.attachments.values_list("description", flat=True)) == ["Berkas bimtek"]


def test_an_attachment_names_the_record_its_subject_asks_for(koordinator, ambon, tual, council, unchanged):
    from kotacerdas.cities.tests.factories import BodyFactory

    foreign = BodyFactory(city=tual)
    with unchanged():
        for subject, record_id, code in [
            ("body", None, "attachment_subject"),
            ("mou", council.pk, "attachment_subject"),
            ("body", foreign.pk, "unknown_reference"),
        ]:
            with pytest.raises(ServiceError) as refused:
                services.attachment_upload(
                    actor=koordinator, city=ambon, subject=subject, record_id=record_id, file=pdf(), description="SK"
                )
            assert refused.value.code == code


def test_a_new_document_replaces_the_old_file(koordinator, perwali, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.regulation_document_replace(actor=koordinator, regulation=perwali, file=pdf("perwali.pdf")).file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = services.regulation_document_replace(actor=koordinator, regulation=perwali, file=pdf("perwali-salinan.pdf")).file.name
    perwali.refresh_from_db()
    assert perwali.original_name == "perwali-salinan.pdf" and first != second
    assert perwali.file.storage.exists(second) and not perwali.file.storage.exists(first)


def test_a_body_with_attached_decrees_is_not_deleted_silently(koordinator, ambon, council, unchanged):
    from kotacerdas.cities import services as city_services

    services.attachment_upload(actor=koordinator, city=ambon, subject="body", record_id=council.pk, file=pdf(), description="SK")
    with unchanged(), pytest.raises(ServiceError) as refused:
        city_services.body_delete(actor=koordinator, body=council)
    assert refused.value.code == "still_linked"
