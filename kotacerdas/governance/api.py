"""API of the regulation register, meetings and attachments (mounted at /api/v1/cities; docs/api.md).

Enacted and revoked regulations are public for a published city; drafts, meetings and attachments
answer signed-in users who may see the city. Files are uploaded as multipart and served only
through the permission-checked download operations (`programmes.files.evidence_response`).
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency, permissions
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, user_of
from kotacerdas.governance import selectors, services
from kotacerdas.governance.models import Attachment, Regulation
from kotacerdas.masterplan import selectors as masterplan_selectors
from kotacerdas.masterplan.api import MasterplanRevisionOut
from kotacerdas.masterplan.models import Revision
from kotacerdas.programmes import files

router = Router(tags=["governance"])

RegulationStatus = Literal[tuple(Regulation.Status.values)]
AttachmentSubject = Literal[tuple(Attachment.Subject.values)]
FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "The file, as an attachment named as it was uploaded.",
            "content": {ct: {"schema": {"type": "string", "format": "binary"}} for ct in sorted(set(files.CONTENT_TYPES.values()))},
        }
    }
}


def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


def _readable_city(request, code: str):
    """The city, for reads of meetings and attachments: signed-in users who may see it."""
    city = _city(request, code)
    permissions.ensure(permissions.can_view_governance(user_of(request), city), "governance.view")
    return city


# --- schemas ---------------------------------------------------------------------------------


class GovernanceRegulationOut(Schema):
    id: int
    version: int
    regulation_type_code: str
    regulation_type_name: str
    number: str
    title: str
    issued_on: datetime.date | None
    status: RegulationStatus
    status_label: str
    masterplan_id: int | None
    body_id: int | None
    revises_id: int | None
    revision_id: int | None = Field(..., description="The masterplan revision this regulation closed (its amending regulation).")
    note: str
    file_name: str | None
    download_url: str | None


class GovernanceRegulationPage(Schema):
    count: int
    items: list[GovernanceRegulationOut]


class GovernanceRegulationFilters(Paging):
    status: RegulationStatus | Literal[""] = ""
    regulation_type_code: str = Field("", max_length=40)
    q: str = Field("", max_length=100)


class GovernanceRegulationIn(Input):
    regulation_type_code: str = Field(..., max_length=40)
    title: str = Field(..., max_length=300)
    number: str = Field("", max_length=120)
    issued_on: datetime.date | None = None
    status: RegulationStatus = Regulation.Status.DRAFT
    masterplan_id: Id | None = None
    body_id: Id | None = None
    revises_id: Id | None = None
    note: str = ""


class GovernanceRegulationPatch(Input):
    regulation_type_code: str = absent(max_length=40)
    title: str = absent(max_length=300)
    number: str = absent(max_length=120)
    issued_on: datetime.date | None = absent()
    status: RegulationStatus = absent()
    masterplan_id: Id | None = absent()
    body_id: Id | None = absent()
    revises_id: Id | None = absent()
    note: str = absent()


class GovernanceAmendingRegulationIn(Input):
    regulation_id: Id | None = Field(None, description="An enacted entry of the register; otherwise a new entry is recorded.")
    regulation_type_code: str = Field(
        "", max_length=40, description="New entry: its type (default: `perwali` for a city, `perbup` for a regency)."
    )
    number: str = Field("", max_length=120, description="New entry: its number.")
    issued_on: datetime.date | None = Field(None, description="New entry: its date, not before the regulation it amends.")
    title: str = Field("", max_length=300, description="New entry: its title (default: “Amendment of … (revision n)”).")
    note: str = ""


class GovernanceMeetingOut(Schema):
    id: int
    version: int
    meeting_kind_code: str
    meeting_kind_name: str
    title: str
    held_on: datetime.date
    place: str
    body_id: int | None
    opd_ids: list[int]
    stakeholder_ids: list[int]
    attendance_count: int | None
    minutes: str
    attachment_count: int


class GovernanceMeetingPage(Schema):
    count: int
    items: list[GovernanceMeetingOut]


class GovernanceMeetingFilters(Paging):
    meeting_kind_code: str = Field("", max_length=40)
    year: int | None = Field(None, ge=2000, le=2100)


class GovernanceMeetingIn(Input):
    meeting_kind_code: str = Field(..., max_length=40)
    title: str = Field(..., max_length=300)
    held_on: datetime.date
    place: str = Field("", max_length=200)
    body_id: Id | None = None
    opd_ids: list[Id] = Field(default_factory=list, max_length=500)
    stakeholder_ids: list[Id] = Field(default_factory=list, max_length=500)
    attendance_count: int | None = Field(None, ge=1, le=100000)
    minutes: str = ""


class GovernanceMeetingPatch(Input):
    meeting_kind_code: str = absent(max_length=40)
    title: str = absent(max_length=300)
    held_on: datetime.date = absent()
    place: str = absent(max_length=200)
    body_id: Id | None = absent()
    opd_ids: list[Id] = absent(max_length=500)
    stakeholder_ids: list[Id] = absent(max_length=500)
    attendance_count: int | None = absent(ge=1, le=100000)
    minutes: str = absent()


class GovernanceAttachmentOut(Schema):
    id: int
    subject: AttachmentSubject
    subject_label: str
    record_id: int | None
    description: str
    file_name: str
    uploaded_by_name: str | None
    uploaded_at: datetime.datetime
    download_url: str


class GovernanceAttachmentPage(Schema):
    count: int
    items: list[GovernanceAttachmentOut]


class GovernanceAttachmentFilters(Paging):
    subject: AttachmentSubject | Literal[""] = ""


# --- shaping ---------------------------------------------------------------------------------


def _regulation_out(city, r: Regulation) -> dict:
    return {
        "id": r.pk,
        "version": r.version,
        "regulation_type_code": r.type.code,
        "regulation_type_name": r.type.name,
        "number": r.number,
        "title": r.title,
        "issued_on": r.issued_on,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "masterplan_id": r.masterplan_id,
        "body_id": r.body_id,
        "revises_id": r.revises_id,
        "revision_id": r.revision_id,
        "note": r.note,
        "file_name": r.original_name if r.file else None,
        "download_url": reverse("api-v1:get_regulation_document", kwargs={"code": city.code, "regulation_id": r.pk}) if r.file else None,
    }


def _meeting_out(m) -> dict:
    return {
        "id": m.pk,
        "version": m.version,
        "meeting_kind_code": m.kind.code,
        "meeting_kind_name": m.kind.name,
        "title": m.title,
        "held_on": m.held_on,
        "place": m.place,
        "body_id": m.body_id,
        "opd_ids": [o.pk for o in m.opds.all()],
        "stakeholder_ids": [s.pk for s in m.stakeholders.all()],
        "attendance_count": m.attendance_count,
        "minutes": m.minutes,
        "attachment_count": len(m.attachments.all()),
    }


def _attachment_out(city, a: Attachment) -> dict:
    field = Attachment.SUBJECT_FIELDS.get(a.subject)
    return {
        "id": a.pk,
        "subject": a.subject,
        "subject_label": str(a.get_subject_display()),
        "record_id": getattr(a, f"{field}_id") if field else None,
        "description": a.description,
        "file_name": a.original_name,
        "uploaded_by_name": (a.uploaded_by.get_full_name() or a.uploaded_by.username) if a.uploaded_by else None,
        "uploaded_at": a.uploaded_at,
        "download_url": reverse("api-v1:get_attachment_file", kwargs={"code": city.code, "attachment_id": a.pk}),
    }


def _meetings_prefetched(city):
    return selectors.meetings(city).prefetch_related("opds", "stakeholders", "attachments")


# --- regulations -----------------------------------------------------------------------------


@router.get("/{code}/regulations", response={200: GovernanceRegulationPage, **ERROR_RESPONSES}, summary="The regulation register")
def list_regulations(request, code: str, filters: Query[GovernanceRegulationFilters]):
    """Enacted and revoked regulations for everyone who may see the city; drafts for its signed-in users."""
    city = _city(request, code)
    rows = selectors.regulations(user_of(request), city, status=filters.status, type_code=filters.regulation_type_code, q=filters.q.strip())
    return page(rows, filters, lambda r: _regulation_out(city, r))


@router.post("/{code}/regulations", response={201: GovernanceRegulationOut, **ERROR_RESPONSES}, summary="Add a regulation")
def create_regulation(request, code: str, payload: GovernanceRegulationIn):
    city = _city(request, code)
    data = payload.dict()
    data["type_code"] = data.pop("regulation_type_code")
    regulation = services.regulation_create(actor=user_of(request), city=city, **data)
    return Status(201, _regulation_out(city, selectors.regulation_detail(user_of(request), city, regulation.pk)))


@router.get("/{code}/regulations/{regulation_id}", response={200: GovernanceRegulationOut, **ERROR_RESPONSES}, summary="One regulation")
def get_regulation(request, code: str, regulation_id: int):
    city = _city(request, code)
    return _regulation_out(city, selectors.regulation_detail(user_of(request), city, regulation_id))


@router.patch(
    "/{code}/regulations/{regulation_id}", response={200: GovernanceRegulationOut, **ERROR_RESPONSES}, summary="Change a regulation"
)
def update_regulation(request, code: str, regulation_id: int, payload: GovernanceRegulationPatch):
    city = _city(request, code)
    regulation = selectors.regulation_detail(user_of(request), city, regulation_id)
    data = changes(payload)
    if "regulation_type_code" in data:
        data["type_code"] = data.pop("regulation_type_code")
    with concurrency.from_request(request, regulation):
        services.regulation_update(actor=user_of(request), regulation=regulation, **data)
    return _regulation_out(city, selectors.regulation_detail(user_of(request), city, regulation_id))


@router.delete("/{code}/regulations/{regulation_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a regulation")
def delete_regulation(request, code: str, regulation_id: int):
    city = _city(request, code)
    services.regulation_delete(actor=user_of(request), regulation=selectors.regulation_detail(user_of(request), city, regulation_id))
    return Status(204, None)


@router.post(
    "/{code}/regulations/{regulation_id}/document",
    response={200: GovernanceRegulationOut, **ERROR_RESPONSES},
    summary="Upload a regulation's document (replaces the one before)",
)
def replace_regulation_document(request, code: str, regulation_id: int, file: File[UploadedFile]):
    """Multipart: a `file` (PDF, image, Office document, CSV or text; checked by its content, at most `EVIDENCE_MAX_BYTES`)."""
    city = _city(request, code)
    regulation = selectors.regulation_detail(user_of(request), city, regulation_id)
    services.regulation_document_replace(actor=user_of(request), regulation=regulation, file=file)
    return _regulation_out(city, selectors.regulation_detail(user_of(request), city, regulation_id))


@router.get(
    "/{code}/regulations/{regulation_id}/document",
    response={200: None, **ERROR_RESPONSES},
    summary="Download a regulation's document",
    url_name="get_regulation_document",
    openapi_extra=FILE_RESPONSE,
)
def get_regulation_document(request, code: str, regulation_id: int):
    """Whoever may see the regulation may download its document; a regulation without one answers 404."""
    city = _city(request, code)
    return files.evidence_response(selectors.regulation_with_document(user_of(request), city, regulation_id))


@router.post(
    "/{code}/revisions/{revision_id}/close",
    response={200: MasterplanRevisionOut, **ERROR_RESPONSES},
    summary="Close a masterplan revision with its amending regulation",
)
def record_revision_regulation(request, code: str, revision_id: int, payload: GovernanceAmendingRegulationIn):
    """The amending regulation is an entry of the register: `regulation_id` names one (enacted, of this city,
    closing no other revision: else 400 `unknown_reference`, 409 `regulation_not_enacted`, `duplicate`,
    `regulation_other_masterplan`), or `number` and `issued_on` record a new enacted one. It cannot predate
    the original (`revision_before_original`); the masterplan is frozen again. Nothing is written on a refusal."""
    city = _city(request, code)
    revision = resolve(Revision, revision_id, city=city, queryset=Revision.objects.select_related("masterplan"))
    revision.masterplan.city = city
    data = payload.dict()
    data["type_code"] = data.pop("regulation_type_code")
    services.amending_regulation_record(actor=user_of(request), revision=revision, **data)
    return masterplan_selectors.revisions_of(revision.masterplan).get(pk=revision.pk)


# --- meetings --------------------------------------------------------------------------------


@router.get("/{code}/meetings", response={200: GovernanceMeetingPage, **ERROR_RESPONSES}, summary="Meetings other than bimtek")
def list_meetings(request, code: str, filters: Query[GovernanceMeetingFilters]):
    city = _readable_city(request, code)
    rows = _meetings_prefetched(city)
    if filters.meeting_kind_code:
        rows = rows.filter(kind__code=filters.meeting_kind_code)
    if filters.year:
        rows = rows.filter(held_on__year=filters.year)
    return page(rows, filters, _meeting_out)


@router.post("/{code}/meetings", response={201: GovernanceMeetingOut, **ERROR_RESPONSES}, summary="Record a meeting")
def create_meeting(request, code: str, payload: GovernanceMeetingIn):
    city = _city(request, code)
    data = payload.dict()
    data["kind_code"] = data.pop("meeting_kind_code")
    meeting = services.meeting_create(actor=user_of(request), city=city, **data)
    return Status(201, _meeting_out(selectors.meeting_detail(city, meeting.pk)))


@router.get("/{code}/meetings/{meeting_id}", response={200: GovernanceMeetingOut, **ERROR_RESPONSES}, summary="One meeting")
def get_meeting(request, code: str, meeting_id: int):
    return _meeting_out(selectors.meeting_detail(_readable_city(request, code), meeting_id))


@router.patch("/{code}/meetings/{meeting_id}", response={200: GovernanceMeetingOut, **ERROR_RESPONSES}, summary="Change a meeting")
def update_meeting(request, code: str, meeting_id: int, payload: GovernanceMeetingPatch):
    city = _readable_city(request, code)
    meeting = selectors.meeting_detail(city, meeting_id)
    data = changes(payload)
    if "meeting_kind_code" in data:
        data["kind_code"] = data.pop("meeting_kind_code")
    with concurrency.from_request(request, meeting):
        services.meeting_update(actor=user_of(request), meeting=meeting, **data)
    return _meeting_out(selectors.meeting_detail(city, meeting_id))


@router.delete("/{code}/meetings/{meeting_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a meeting with its attachments")
def delete_meeting(request, code: str, meeting_id: int):
    city = _readable_city(request, code)
    services.meeting_delete(actor=user_of(request), meeting=selectors.meeting_detail(city, meeting_id))
    return Status(204, None)


# --- attachments -----------------------------------------------------------------------------


@router.get("/{code}/attachments", response={200: GovernanceAttachmentPage, **ERROR_RESPONSES}, summary="Documents attached to records")
def list_attachments(request, code: str, filters: Query[GovernanceAttachmentFilters]):
    city = _readable_city(request, code)
    return page(selectors.attachments(city, subject=filters.subject), filters, lambda a: _attachment_out(city, a))


@router.post("/{code}/attachments", response={201: GovernanceAttachmentOut, **ERROR_RESPONSES}, summary="Attach a document to a record")
def create_attachment(
    request,
    code: str,
    subject: Form[AttachmentSubject],
    record_id: Form[Id | None] = None,
    description: Form[str] = "",
    file: File[UploadedFile] = None,
):
    """Multipart: `subject` (mou, commitment, body, bimtek, meeting), the `record_id` of that record
    (none for the MoU), a `file` (checked by its content, at most `EVIDENCE_MAX_BYTES`) and a `description`."""
    city = _city(request, code)
    attachment = services.attachment_upload(
        actor=user_of(request), city=city, subject=subject, record_id=record_id, file=file, description=description
    )
    return Status(201, _attachment_out(city, selectors.attachment_detail(city, attachment.pk)))


@router.get(
    "/{code}/attachments/{attachment_id}/file",
    response={200: None, **ERROR_RESPONSES},
    summary="Download an attached document",
    url_name="get_attachment_file",
    openapi_extra=FILE_RESPONSE,
)
def get_attachment_file(request, code: str, attachment_id: int):
    city = _readable_city(request, code)
    return files.evidence_response(selectors.attachment_detail(city, attachment_id))


@router.delete("/{code}/attachments/{attachment_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove an attached document")
def delete_attachment(request, code: str, attachment_id: int):
    city = _readable_city(request, code)
    services.attachment_delete(actor=user_of(request), attachment=selectors.attachment_detail(city, attachment_id))
    return Status(204, None)
