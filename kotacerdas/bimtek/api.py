"""REST API of the bimtek: workshops, participants, outputs with provenance, the stage checklist."""
from __future__ import annotations

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.bimtek import selectors, services
from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import Dimension, ReadinessLens
from kotacerdas.masterplan.selectors import masterplan_or_404

router = Router(tags=["bimtek"])


# --- schemas --------------------------------------------------------------------------------

class Paging(Schema):
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


class WorkshopOut(Schema):
    id: int
    masterplan_id: int
    number: int
    roman: str
    title: str
    start_date: datetime.date
    end_date: datetime.date
    venue: str
    agenda: str
    mentors: list[str]
    minutes: str
    is_held: bool
    n_participants: int
    n_attended: int
    n_outputs: int


class WorkshopList(Schema):
    count: int
    items: list[WorkshopOut]


class WorkshopIn(Schema):
    masterplan_id: int | None = Field(None, description="Defaults to the city's current masterplan.")
    number: int = Field(..., description="1 to 4")
    title: str = ""
    start_date: datetime.date
    end_date: datetime.date
    venue: str = ""
    agenda: str = ""
    mentors: list[str] = []
    minutes: str = ""


class WorkshopPatch(Schema):
    number: int | None = None
    title: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    venue: str | None = None
    agenda: str | None = None
    mentors: list[str] | None = None
    minutes: str | None = None
    is_held: bool | None = Field(None, description="true: the bimtek took place (the city reaches its stage).")


class ParticipantOut(Schema):
    id: int
    name: str
    group: str
    organisation: str
    opd_id: int | None
    stakeholder_id: int | None
    attended: bool


class ParticipantList(Schema):
    count: int
    items: list[ParticipantOut]


class ParticipantIn(Schema):
    name: str
    group: str
    organisation: str = ""
    opd_id: int | None = None
    stakeholder_id: int | None = None
    attended: bool = False


class ParticipantPatch(Schema):
    name: str | None = None
    group: str | None = None
    organisation: str | None = None
    opd_id: int | None = None
    stakeholder_id: int | None = None
    attended: bool | None = None


class AttendanceIn(Schema):
    attended: list[int] = []
    absent: list[int] = []


class AttendanceOut(Schema):
    changed: int


class BecameOut(Schema):
    kind: str
    id: int
    label: str


class OutputOut(Schema):
    id: int
    workshop_id: int
    kind: str
    text: str
    dimension: str | None
    lens: str | None
    swot_category: str
    proposed_by_opd_id: int | None
    proposed_by_stakeholder_id: int | None
    proposer: str
    provenance: str
    became: list[BecameOut]
    created_at: datetime.datetime


class OutputList(Schema):
    count: int
    items: list[OutputOut]


class OutputIn(Schema):
    kind: str
    text: str
    dimension: str | None = Field(None, description="Dimension code, e.g. governance")
    lens: str | None = Field(None, description="Readiness lens code, e.g. struktur")
    swot_category: str = Field("", description="S, W, O or T")
    proposed_by_opd_id: int | None = None
    proposed_by_stakeholder_id: int | None = None


class OutputPatch(Schema):
    kind: str | None = None
    text: str | None = None
    dimension: str | None = None
    lens: str | None = None
    swot_category: str | None = None
    proposed_by_opd_id: int | None = None
    proposed_by_stakeholder_id: int | None = None


class PartOut(Schema):
    label: str
    count: int
    needed: int
    done: bool


class ItemOut(Schema):
    key: str
    label: str
    done: bool
    count: int
    parts: list[PartOut]
    missing: list[str]
    link: str | None
    note: str


class StageOut(Schema):
    number: int
    roman: str
    workshop_id: int | None
    done: int
    total: int
    items: list[ItemOut]


# --- helpers --------------------------------------------------------------------------------

def _workshop_out(w: Workshop) -> dict:
    return {
        "id": w.pk, "masterplan_id": w.masterplan_id, "number": w.number, "roman": w.roman, "title": w.title,
        "start_date": w.start_date, "end_date": w.end_date, "venue": w.venue, "agenda": w.agenda,
        "mentors": [line for line in w.mentors.splitlines() if line.strip()], "minutes": w.minutes, "is_held": w.is_held,
        "n_participants": w.n_participants, "n_attended": w.n_attended, "n_outputs": w.n_outputs,
    }


def _output_out(o: Output) -> dict:
    return {
        "id": o.pk, "workshop_id": o.workshop_id, "kind": o.kind, "text": o.text,
        "dimension": o.dimension.code if o.dimension else None, "lens": o.lens.code if o.lens else None,
        "swot_category": o.swot_category, "proposed_by_opd_id": o.proposed_by_opd_id,
        "proposed_by_stakeholder_id": o.proposed_by_stakeholder_id, "proposer": o.proposer_name,
        "provenance": o.provenance, "became": selectors.became(o), "created_at": o.created_at,
    }


def _workshop(request, code: str, bimtek_id: int):
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    return user, city, selectors.workshop_or_404(city, bimtek_id)


def _by_code(model, code: str | None, field: str, error: str):
    if not code:
        return None
    found = model.objects.filter(code=code).first()
    if found is None:
        raise ServiceError(error, _("Unknown code: %(code)s.") % {"code": code}, field=field)
    return found


def _of_city(queryset, pk: int | None, field: str, error: str, what: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ServiceError(error, _("This city has no %(what)s with id %(id)s.") % {"what": what, "id": pk}, field=field)
    return found


def _participant_fields(city, data: dict) -> dict:
    if "opd_id" in data:
        data["opd"] = _of_city(city.opds, data.pop("opd_id"), "opd_id", "unknown_opd", _("department"))
    if "stakeholder_id" in data:
        data["stakeholder"] = _of_city(city.stakeholders, data.pop("stakeholder_id"), "stakeholder_id", "unknown_stakeholder", _("stakeholder"))
    return data


def _output_fields(city, data: dict) -> dict:
    if "dimension" in data:
        data["dimension"] = _by_code(Dimension, data["dimension"], "dimension", "unknown_dimension")
    if "lens" in data:
        data["lens"] = _by_code(ReadinessLens, data["lens"], "lens", "unknown_lens")
    if "proposed_by_opd_id" in data:
        data["proposed_by_opd"] = _of_city(city.opds, data.pop("proposed_by_opd_id"), "proposed_by_opd_id", "unknown_opd", _("department"))
    if "proposed_by_stakeholder_id" in data:
        data["proposed_by_stakeholder"] = _of_city(city.stakeholders, data.pop("proposed_by_stakeholder_id"), "proposed_by_stakeholder_id",
                                                   "unknown_stakeholder", _("stakeholder"))
    if data.get("swot_category") is None and "swot_category" in data:
        data["swot_category"] = ""
    return data


# --- workshops ------------------------------------------------------------------------------

@router.get("/{code}/bimtek", response={200: WorkshopList, **ERROR_RESPONSES}, summary="The bimtek of a masterplan")
def list_workshops(request, code: str, paging: Query[Paging], masterplan_id: int | None = None):
    """Bimtek I–IV of the city's current masterplan (or `masterplan_id`), with dates, venue, held flag and counts."""
    city = city_selectors.city_or_404(user_of(request), code)
    rows = selectors.workshops_of(masterplan_or_404(city, masterplan_id))
    return {"count": rows.count(), "items": [_workshop_out(w) for w in rows[paging.offset:paging.offset + paging.limit]]}


@router.post("/{code}/bimtek", response={201: WorkshopOut, **ERROR_RESPONSES}, summary="Plan a bimtek")
def create_workshop(request, code: str, payload: WorkshopIn):
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    data = payload.dict()
    masterplan = masterplan_or_404(city, data.pop("masterplan_id"))
    data["mentors"] = "\n".join(data["mentors"])
    workshop = services.workshop_create(actor=user, masterplan=masterplan, **data)
    return 201, _workshop_out(selectors.workshop_or_404(city, workshop.pk))


@router.get("/{code}/bimtek/{bimtek_id}", response={200: WorkshopOut, **ERROR_RESPONSES}, summary="One bimtek")
def get_workshop(request, code: str, bimtek_id: int):
    _user, _city, workshop = _workshop(request, code, bimtek_id)
    return _workshop_out(workshop)


@router.patch("/{code}/bimtek/{bimtek_id}", response={200: WorkshopOut, **ERROR_RESPONSES}, summary="Change a bimtek or mark it held")
def update_workshop(request, code: str, bimtek_id: int, payload: WorkshopPatch):
    user, city, workshop = _workshop(request, code, bimtek_id)
    data = payload.dict(exclude_unset=True)
    held = data.pop("is_held", None)
    if "mentors" in data:
        data["mentors"] = "\n".join(data["mentors"] or [])
    if data:
        workshop = services.workshop_update(actor=user, workshop=workshop, **data)
    if held is not None and held != workshop.is_held:
        services.workshop_mark_held(actor=user, workshop=workshop, held=held)
    elif held is not None:
        permissions.ensure(permissions.can_manage_city(user, city), "city.manage")
    return _workshop_out(selectors.workshop_or_404(city, workshop.pk))


@router.delete("/{code}/bimtek/{bimtek_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a bimtek")
def delete_workshop(request, code: str, bimtek_id: int):
    user, _city, workshop = _workshop(request, code, bimtek_id)
    services.workshop_delete(actor=user, workshop=workshop)
    return 204, None


@router.get("/{code}/bimtek/{bimtek_id}/checklist", response={200: StageOut, **ERROR_RESPONSES}, summary="What the bimtek should produce")
def workshop_checklist(request, code: str, bimtek_id: int):
    """Each expected output of this bimtek: done or not, with counts per lens, dimension or horizon and what is missing."""
    _user, _city, workshop = _workshop(request, code, bimtek_id)
    return next(s for s in selectors.checklist(workshop.masterplan) if s["number"] == workshop.number)


# --- participants ---------------------------------------------------------------------------

@router.get("/{code}/bimtek/{bimtek_id}/participants", response={200: ParticipantList, **ERROR_RESPONSES}, summary="Participants")
def list_participants(request, code: str, bimtek_id: int, paging: Query[Paging], group: str | None = None):
    _user, _city, workshop = _workshop(request, code, bimtek_id)
    rows = selectors.participants_of(workshop, group)
    return {"count": rows.count(), "items": list(rows[paging.offset:paging.offset + paging.limit])}


@router.post("/{code}/bimtek/{bimtek_id}/participants", response={201: ParticipantOut, **ERROR_RESPONSES}, summary="Add a participant")
def add_participant(request, code: str, bimtek_id: int, payload: ParticipantIn):
    user, city, workshop = _workshop(request, code, bimtek_id)
    permissions.ensure(permissions.can_manage_city(user, city), "city.manage")
    return 201, services.participant_add(actor=user, workshop=workshop, **_participant_fields(city, payload.dict()))


@router.post("/{code}/bimtek/{bimtek_id}/participants/attendance", response={200: AttendanceOut, **ERROR_RESPONSES},
             summary="Record attendance in bulk")
def mark_attendance(request, code: str, bimtek_id: int, payload: AttendanceIn):
    user, _city, workshop = _workshop(request, code, bimtek_id)
    return {"changed": services.participants_mark_attendance(actor=user, workshop=workshop, attended=payload.attended, absent=payload.absent)}


def _participant(workshop: Workshop, pid: int) -> Participant:
    participant = selectors.participants_of(workshop).filter(pk=pid).first()
    if participant is None:
        raise Http404(_("%(workshop)s has no participant with id %(id)s.") % {"workshop": workshop, "id": pid})
    return participant


@router.patch("/{code}/bimtek/{bimtek_id}/participants/{pid}", response={200: ParticipantOut, **ERROR_RESPONSES}, summary="Change a participant")
def update_participant(request, code: str, bimtek_id: int, pid: int, payload: ParticipantPatch):
    user, city, workshop = _workshop(request, code, bimtek_id)
    participant = _participant(workshop, pid)
    permissions.ensure(permissions.can_manage_city(user, city), "city.manage")
    return services.participant_update(actor=user, participant=participant, **_participant_fields(city, payload.dict(exclude_unset=True)))


@router.delete("/{code}/bimtek/{bimtek_id}/participants/{pid}", response={204: None, **ERROR_RESPONSES}, summary="Remove a participant")
def remove_participant(request, code: str, bimtek_id: int, pid: int):
    user, _city, workshop = _workshop(request, code, bimtek_id)
    services.participant_remove(actor=user, participant=_participant(workshop, pid))
    return 204, None


# --- outputs --------------------------------------------------------------------------------

@router.get("/{code}/bimtek/{bimtek_id}/outputs", response={200: OutputList, **ERROR_RESPONSES}, summary="Outputs with provenance")
def list_outputs(request, code: str, bimtek_id: int, paging: Query[Paging], kind: str | None = None):
    """What the bimtek produced, who proposed it, and what plan content it became."""
    _user, _city, workshop = _workshop(request, code, bimtek_id)
    rows = selectors.outputs_of(workshop, kind=kind)
    return {"count": rows.count(), "items": [_output_out(o) for o in rows[paging.offset:paging.offset + paging.limit]]}


@router.post("/{code}/bimtek/{bimtek_id}/outputs", response={201: OutputOut, **ERROR_RESPONSES}, summary="Record an output")
def record_output(request, code: str, bimtek_id: int, payload: OutputIn):
    user, city, workshop = _workshop(request, code, bimtek_id)
    output = services.output_record(actor=user, workshop=workshop, **_output_fields(city, payload.dict()))
    return 201, _output_out(selectors.output_or_404(workshop, output.pk))


@router.patch("/{code}/bimtek/{bimtek_id}/outputs/{oid}", response={200: OutputOut, **ERROR_RESPONSES}, summary="Change an output")
def update_output(request, code: str, bimtek_id: int, oid: int, payload: OutputPatch):
    user, city, workshop = _workshop(request, code, bimtek_id)
    output = selectors.output_or_404(workshop, oid)
    services.output_update(actor=user, output=output, **_output_fields(city, payload.dict(exclude_unset=True)))
    return _output_out(selectors.output_or_404(workshop, oid))


@router.delete("/{code}/bimtek/{bimtek_id}/outputs/{oid}", response={204: None, **ERROR_RESPONSES}, summary="Delete an output")
def delete_output(request, code: str, bimtek_id: int, oid: int):
    user, _city, workshop = _workshop(request, code, bimtek_id)
    services.output_delete(actor=user, output=selectors.output_or_404(workshop, oid))
    return 204, None
