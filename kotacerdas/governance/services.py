"""Writes to the regulation register, meetings and attachments (the city's coordinators and the ministry).

Each use case is one function: permission first, then the references (ids and codes, always of the
same city), then the domain rules, then `core.services.record_*` (validated, saved, audited).
Files follow the rules of programme evidence (`programmes.files`): the type decided by the content,
at most `settings.EVIDENCE_MAX_BYTES`, stored privately under a generated name.
"""

from __future__ import annotations

import datetime

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.bimtek.models import Workshop
from kotacerdas.cities.models import Body, City, Commitment, Opd, Stakeholder
from kotacerdas.core import permissions
from kotacerdas.core.api import resolve, resolve_code, resolve_many
from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.services import check_editable, record_create, record_delete, record_update, required_text
from kotacerdas.framework.models import MeetingKind, RegulationType
from kotacerdas.governance.error_codes import GovernanceError
from kotacerdas.governance.models import Attachment, Meeting, Regulation, head_regulation_type
from kotacerdas.masterplan import selectors as masterplan_selectors
from kotacerdas.masterplan import services as masterplan_services
from kotacerdas.masterplan.models import Masterplan, Revision
from kotacerdas.programmes import files

REGULATION_FIELDS = {"type_code", "number", "title", "issued_on", "status", "masterplan_id", "body_id", "revises_id", "note"}
MEETING_FIELDS = {"kind_code", "title", "held_on", "place", "body_id", "opd_ids", "stakeholder_ids", "attendance_count", "minutes"}


def _not_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ServiceError(CoreError.DATE_IN_FUTURE, _("The date %(date)s lies in the future.") % {"date": day.isoformat()}, field=field)


def _ref(model, pk, city: City, field: str):
    return None if pk is None else resolve(model, pk, city=city, field=field)


def _text(value) -> str:
    return str(value or "").strip()


# --- regulations ---------------------------------------------------------------------------


def _regulation_data(city: City, fields: dict, current: Regulation | None = None) -> dict:
    """The model's fields from the service's arguments, references resolved in the city, rules checked."""
    data = {}
    if "type_code" in fields:
        data["type"] = resolve_code(RegulationType, fields["type_code"], field="type_code")
    if "title" in fields:
        data["title"] = required_text(fields["title"], "title", _("Give the regulation's title."))
    for name in ("number", "note"):
        if name in fields:
            data[name] = _text(fields[name])
    if "issued_on" in fields:
        _not_future(fields["issued_on"], "issued_on")
        data["issued_on"] = fields["issued_on"]
    if "status" in fields:
        data["status"] = fields["status"]
    if "masterplan_id" in fields:
        data["masterplan"] = _ref(Masterplan, fields["masterplan_id"], city, "masterplan_id")
    if "body_id" in fields:
        data["body"] = _ref(Body, fields["body_id"], city, "body_id")
    if "revises_id" in fields:
        data["revises"] = _ref(Regulation, fields["revises_id"], city, "revises_id")
        if current is not None and data["revises"] is not None and _revises_itself(current, data["revises"]):
            raise ServiceError(CoreError.INVALID, _("A regulation cannot revise itself or one of its own revisions."), field="revises_id")

    def value(name):
        return data[name] if name in data else getattr(current, name, None)

    status, number, issued_on = value("status") or Regulation.Status.DRAFT, value("number"), value("issued_on")
    if status != Regulation.Status.DRAFT and not (number and issued_on):
        raise ServiceError(
            GovernanceError.REGULATION_INCOMPLETE,
            _("An enacted or revoked regulation needs its number and date; record it as a draft until they are known."),
            field="number" if not number else "issued_on",
        )
    if current is not None and current.revision_id is not None:
        _check_still_amending(current, status, issued_on, value("masterplan"))
    original = value("revises")
    if original is not None and original.issued_on and issued_on and issued_on < original.issued_on:
        raise ServiceError(
            CoreError.REVISION_BEFORE_ORIGINAL,
            _("The revision is dated %(date)s, before the regulation it revises (%(original)s, %(original_date)s).")
            % {"date": issued_on.isoformat(), "original": str(original), "original_date": original.issued_on.isoformat()},
            field="issued_on",
        )
    return data


def _check_still_amending(regulation: Regulation, status: str, issued_on, masterplan) -> None:
    """A regulation that closed a masterplan revision stays an enacted (or revoked) regulation of that
    masterplan, dated neither in the future nor before the regulation it amends."""
    revision = regulation.revision
    if status == Regulation.Status.DRAFT:
        raise ServiceError(
            GovernanceError.REGULATION_NOT_ENACTED,
            _("This regulation closed %(revision)s: it cannot become a draft again.") % {"revision": revision},
            field="status",
        )
    if masterplan is None or masterplan.pk != revision.masterplan_id:
        raise ServiceError(
            GovernanceError.REGULATION_OTHER_MASTERPLAN,
            _("This regulation closed %(revision)s: it concerns that masterplan.") % {"revision": revision},
            field="masterplan_id",
        )
    masterplan_services.check_amending_date(revision.masterplan, issued_on, field="issued_on")


def _revises_itself(regulation: Regulation, original: Regulation) -> bool:
    seen = original
    while seen is not None:
        if seen.pk == regulation.pk:
            return True
        seen = seen.revises
    return False


@transaction.atomic
def regulation_create(
    *,
    actor,
    city: City,
    type_code: str,
    title: str,
    number: str = "",
    issued_on: datetime.date | None = None,
    status: str = Regulation.Status.DRAFT,
    masterplan_id: int | None = None,
    body_id: int | None = None,
    revises_id: int | None = None,
    note: str = "",
    file=None,
) -> Regulation:
    """Record a regulation (a draft needs no number or date; an enacted one does), optionally with its document."""
    permissions.ensure(permissions.can_manage_governance(actor, city), "governance.manage")
    fields = {
        "type_code": type_code,
        "title": title,
        "number": number,
        "issued_on": issued_on,
        "status": status,
        "masterplan_id": masterplan_id,
        "body_id": body_id,
        "revises_id": revises_id,
        "note": note,
    }
    data = _regulation_data(city, fields)
    if file is not None:
        data.update(_file_data(file))
    return record_create(actor=actor, model=Regulation, city=city, data={"city": city, **data})


@transaction.atomic
def regulation_update(*, actor, regulation: Regulation, file=None, **fields) -> Regulation:
    """Change a regulation's fields (only those given); a new `file` replaces its document."""
    permissions.ensure(permissions.can_manage_governance(actor, regulation.city), "governance.manage")
    check_editable(fields, REGULATION_FIELDS)
    data = _regulation_data(regulation.city, fields, current=regulation)
    old_file = regulation.file.name
    if file is not None:
        data.update(_file_data(file))
    updated = record_update(actor=actor, instance=regulation, city=regulation.city, data=data)
    if file is not None and old_file:
        files.delete_after_commit([old_file])
    return updated


@transaction.atomic
def regulation_document_replace(*, actor, regulation: Regulation, file) -> Regulation:
    """Upload the regulation's document (the signed, scanned text), replacing the one before."""
    permissions.ensure(permissions.can_manage_governance(actor, regulation.city), "governance.manage")
    old_file = regulation.file.name
    updated = record_update(actor=actor, instance=regulation, city=regulation.city, data=_file_data(file))
    if old_file:
        files.delete_after_commit([old_file])
    return updated


@transaction.atomic
def regulation_delete(*, actor, regulation: Regulation) -> None:
    """Delete a regulation no revision refers to (its document leaves storage once committed)."""
    permissions.ensure(permissions.can_manage_governance(actor, regulation.city), "governance.manage")
    if regulation.revision_id is not None:
        raise ServiceError(
            CoreError.STILL_LINKED,
            _("This regulation closed %(revision)s: it stays in the register.") % {"revision": regulation.revision},
        )
    name = regulation.file.name
    record_delete(actor=actor, instance=regulation, city=regulation.city)
    files.delete_after_commit([name])


# --- the amending regulation of a masterplan revision ----------------------------------------


@transaction.atomic
def amending_regulation_record(
    *,
    actor,
    revision: Revision,
    regulation_id: int | None = None,
    type_code: str = "",
    number: str = "",
    title: str = "",
    issued_on: datetime.date | None = None,
    note: str = "",
    file=None,
) -> Regulation:
    """Close a masterplan revision by its amending regulation, an entry of the city's register: the entry
    chosen (`regulation_id`: enacted, of the same city, closing no other revision) or a new enacted one
    (`number`, `issued_on`, `title`, `note`, a `file`; `type_code` defaults to the region's Perwali or Perbup),
    which revises the masterplan's legalising entry when the register has it. All or nothing."""
    masterplan = revision.masterplan
    city = masterplan.city
    permissions.ensure(permissions.can_manage_governance(actor, city), "governance.manage")
    if regulation_id is not None:
        regulation = resolve(Regulation, regulation_id, city=city, field="regulation_id")
        _check_may_amend(regulation, revision)
        masterplan_services.revision_close(actor=actor, revision=revision, regulation_date=regulation.issued_on, field="regulation_id")
        return record_update(actor=actor, instance=regulation, city=city, data={"revision": revision, "masterplan": masterplan})
    fields = {
        "type_code": type_code or head_regulation_type(city.name),
        "number": number,
        "title": title or amending_title(revision),
        "issued_on": issued_on,
        "status": Regulation.Status.ENACTED,
        "masterplan_id": masterplan.pk,
        "note": note,
    }
    data = _regulation_data(city, fields)
    data["revises"] = masterplan_selectors.legalising_regulation(masterplan)
    if file is not None:
        data.update(_file_data(file))
    masterplan_services.revision_close(actor=actor, revision=revision, regulation_date=issued_on, field="issued_on")
    return record_create(actor=actor, model=Regulation, city=city, data={"city": city, **data, "revision": revision})


def amending_title(revision: Revision) -> str:
    """The title a new amending regulation gets when none is given, in Indonesian like the regulation itself."""
    with translation.override("id"):
        return _("Amendment of %(plan)s (revision %(n)d)") % {"plan": revision.masterplan, "n": revision.number}


def _check_may_amend(regulation: Regulation, revision: Revision) -> None:
    if regulation.revision_id is not None:
        raise ServiceError(
            CoreError.DUPLICATE,
            _("“%(regulation)s” already closed %(revision)s.") % {"regulation": regulation, "revision": regulation.revision},
            field="regulation_id",
        )
    if regulation.status != Regulation.Status.ENACTED:
        raise ServiceError(
            GovernanceError.REGULATION_NOT_ENACTED,
            _("“%(regulation)s” is not enacted: only an enacted regulation closes a revision.") % {"regulation": regulation},
            field="regulation_id",
        )
    if regulation.masterplan_id not in (None, revision.masterplan_id):
        raise ServiceError(
            GovernanceError.REGULATION_OTHER_MASTERPLAN,
            _("“%(regulation)s” concerns %(plan)s, not the revised masterplan.")
            % {"regulation": regulation, "plan": regulation.masterplan},
            field="regulation_id",
        )


# --- meetings ------------------------------------------------------------------------------


def _meeting_data(city: City, fields: dict, current: Meeting | None = None) -> tuple[dict, dict]:
    data, m2m = {}, {}
    if "kind_code" in fields:
        data["kind"] = resolve_code(MeetingKind, fields["kind_code"], field="kind_code")
    if "title" in fields:
        data["title"] = required_text(fields["title"], "title", _("Give the meeting a title."))
    if "held_on" in fields:
        if fields["held_on"] is None:
            raise ServiceError(CoreError.REQUIRED, _("Give the meeting's date."), field="held_on")
        _not_future(fields["held_on"], "held_on")
        data["held_on"] = fields["held_on"]
    for name in ("place", "minutes"):
        if name in fields:
            data[name] = _text(fields[name])
    if "body_id" in fields:
        data["body"] = _ref(Body, fields["body_id"], city, "body_id")
    if "attendance_count" in fields:
        data["attendance_count"] = fields["attendance_count"]
    if "opd_ids" in fields:
        m2m["opds"] = resolve_many(Opd, fields["opd_ids"] or [], city=city, field="opd_ids")
    if "stakeholder_ids" in fields:
        m2m["stakeholders"] = resolve_many(Stakeholder, fields["stakeholder_ids"] or [], city=city, field="stakeholder_ids")
    count = data["attendance_count"] if "attendance_count" in data else getattr(current, "attendance_count", None)
    opds = m2m["opds"] if "opds" in m2m else (list(current.opds.all()) if current else [])
    stakeholders = m2m["stakeholders"] if "stakeholders" in m2m else (list(current.stakeholders.all()) if current else [])
    if not count and not opds and not stakeholders:
        raise ServiceError(
            GovernanceError.ATTENDANCE_MISSING,
            _("Record who attended: the departments or stakeholders present, or the number of participants."),
            field="attendance_count",
        )
    return data, m2m


@transaction.atomic
def meeting_create(
    *,
    actor,
    city: City,
    kind_code: str,
    title: str,
    held_on: datetime.date,
    place: str = "",
    body_id: int | None = None,
    opd_ids: list[int] | None = None,
    stakeholder_ids: list[int] | None = None,
    attendance_count: int | None = None,
    minutes: str = "",
) -> Meeting:
    """Record a meeting that took place, with its attendance (who was present, or a count) and minutes."""
    permissions.ensure(permissions.can_manage_governance(actor, city), "governance.manage")
    fields = {
        "kind_code": kind_code,
        "title": title,
        "held_on": held_on,
        "place": place,
        "body_id": body_id,
        "opd_ids": opd_ids or [],
        "stakeholder_ids": stakeholder_ids or [],
        "attendance_count": attendance_count,
        "minutes": minutes,
    }
    data, m2m = _meeting_data(city, fields)
    return record_create(actor=actor, model=Meeting, city=city, data={"city": city, **data}, m2m=m2m)


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    permissions.ensure(permissions.can_manage_governance(actor, meeting.city), "governance.manage")
    check_editable(fields, MEETING_FIELDS)
    data, m2m = _meeting_data(meeting.city, fields, current=meeting)
    return record_update(actor=actor, instance=meeting, city=meeting.city, data=data, m2m=m2m)


@transaction.atomic
def meeting_delete(*, actor, meeting: Meeting) -> None:
    """Delete a meeting with its attachments (each removal audited; files leave storage once committed)."""
    permissions.ensure(permissions.can_manage_governance(actor, meeting.city), "governance.manage")
    names = []
    for attachment in meeting.attachments.all():
        names.append(attachment.file.name)
        record_delete(actor=actor, instance=attachment, city=meeting.city)
    record_delete(actor=actor, instance=meeting, city=meeting.city)
    files.delete_after_commit(names)


# --- attachments ---------------------------------------------------------------------------

SUBJECT_MODELS = {"commitment": Commitment, "body": Body, "bimtek": Workshop, "meeting": Meeting}


def _file_data(file) -> dict:
    """The checked file under a generated name, and the name its uploader gave it."""
    extension = files.checked_extension(file)
    return {"file": File(file, name=f"upload.{extension}"), "original_name": files.original_name(file.name, 255)}


@transaction.atomic
def attachment_upload(*, actor, city: City, subject: str, file, description: str, record_id: int | None = None) -> Attachment:
    """Attach a document to the city's MoU (`subject="mou"`, no `record_id`) or to one of its commitments,
    bodies, bimtek or meetings (`record_id` of that record)."""
    permissions.ensure(permissions.can_manage_governance(actor, city), "governance.manage")
    if subject not in Attachment.Subject.values:
        raise ServiceError(CoreError.INVALID, _("Choose what the file is attached to."), field="subject")
    data = {"city": city, "subject": subject}
    if subject in SUBJECT_MODELS:
        if record_id is None:
            raise ServiceError(GovernanceError.ATTACHMENT_SUBJECT, _("Choose the record the file belongs to."), field="record_id")
        data[Attachment.SUBJECT_FIELDS[subject]] = resolve(SUBJECT_MODELS[subject], record_id, city=city, field="record_id")
    elif record_id is not None:
        raise ServiceError(GovernanceError.ATTACHMENT_SUBJECT, _("The MoU is the city's own: name no record."), field="record_id")
    file_data = _file_data(file)
    description = required_text(description, "description", _("Describe what the file shows."))
    limit = Attachment._meta.get_field("description").max_length
    if len(description) > limit:
        raise ServiceError(CoreError.TOO_LONG, _("The description is longer than %(n)d characters.") % {"n": limit}, field="description")
    return record_create(
        actor=actor,
        model=Attachment,
        city=city,
        data={**data, **file_data, "description": description, "uploaded_by": actor if getattr(actor, "pk", None) else None},
    )


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    permissions.ensure(permissions.can_manage_governance(actor, attachment.city), "governance.manage")
    name = attachment.file.name
    record_delete(actor=actor, instance=attachment, city=attachment.city)
    files.delete_after_commit([name])
