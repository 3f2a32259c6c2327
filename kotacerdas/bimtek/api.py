"""REST API of the bimtek: workshops, participants, outputs with provenance, the stage checklist, vision keywords."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from kotacerdas.bimtek import selectors, services
from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, user_of
from kotacerdas.masterplan.selectors import masterplan_or_404

router = Router(tags=["bimtek"])

BimtekNumber = Field(..., ge=1, le=4, description="1 to 4 (Bimtek I–IV)")
OutputKind = Literal[tuple(Output.Kind.values)]
SwotCategory = Literal[("", *Output.SwotCategory.values)]
ParticipantGroup = Literal[tuple(Participant.Group.values)]


# --- schemas --------------------------------------------------------------------------------


class BimtekMentorOut(Schema):
    id: int
    name: str
    institution: str


class BimtekOut(Schema):
    id: int
    version: int
    masterplan_id: int
    number: int
    roman: str
    title: str
    start_date: datetime.date
    end_date: datetime.date
    venue: str
    agenda: str
    mentor_ids: list[int]
    mentors: list[BimtekMentorOut] = Field(..., description="The mentors of `mentor_ids`, for display (read-only).")
    minutes: str
    is_held: bool
    participant_count: int
    attendee_count: int
    output_count: int


class BimtekPage(Schema):
    count: int
    items: list[BimtekOut]


class BimtekFilters(Paging):
    masterplan_id: Id | None = Field(None, description="Defaults to the city's current masterplan.")


class BimtekIn(Input):
    masterplan_id: Id | None = Field(None, description="Defaults to the city's current masterplan.")
    number: int = BimtekNumber
    title: str = Field("", max_length=200, description="Empty: the usual title of this bimtek.")
    start_date: datetime.date
    end_date: datetime.date
    venue: str = Field("", max_length=200)
    agenda: str = ""
    mentor_ids: list[Id] = Field([], description="Mentors assigned to the city (`/mentor-assignments?city_code=`).")
    minutes: str = ""


class BimtekPatch(Input):
    number: int = absent(ge=1, le=4)
    title: str = absent(max_length=200, description="Empty: the usual title of this bimtek.")
    start_date: datetime.date = absent()
    end_date: datetime.date = absent()
    venue: str = absent(max_length=200)
    agenda: str = absent()
    mentor_ids: list[Id] = absent(description="Replaces the mentors; each assigned to the city.")
    minutes: str = absent()
    is_held: bool = absent(description="true: the bimtek took place (the city reaches its stage on its last day).")


class BimtekParticipantOut(Schema):
    id: int
    version: int
    bimtek_id: int
    name: str
    group: str
    group_label: str
    organisation: str
    opd_id: int | None
    opd_name: str | None
    stakeholder_id: int | None
    stakeholder_name: str | None
    attended: bool


class BimtekParticipantPage(Schema):
    count: int
    items: list[BimtekParticipantOut]


class BimtekParticipantFilters(Paging):
    group: ParticipantGroup | None = None


class BimtekParticipantIn(Input):
    name: str = Field(..., max_length=150)
    group: ParticipantGroup
    organisation: str = Field("", max_length=200, description="Empty: the department's or stakeholder's name.")
    opd_id: Id | None = None
    stakeholder_id: Id | None = None
    attended: bool = False


class BimtekParticipantPatch(Input):
    name: str = absent(max_length=150)
    group: ParticipantGroup = absent()
    organisation: str = absent(max_length=200)
    opd_id: Id | None = absent()
    stakeholder_id: Id | None = absent()
    attended: bool = absent()


class BimtekAttendanceIn(Input):
    attended_participant_ids: list[Id] = []
    absent_participant_ids: list[Id] = []


class BimtekAttendanceOut(Schema):
    changed_count: int


class BimtekOutputOut(Schema):
    id: int
    version: int
    bimtek_id: int
    bimtek_number: int
    kind: str
    kind_label: str
    text: str
    dimension_code: str | None
    dimension_name: str | None
    lens_code: str | None
    lens_name: str | None
    swot_category: str
    swot_category_label: str
    proposed_by_opd_id: int | None
    proposed_by_opd_name: str | None
    proposed_by_stakeholder_id: int | None
    proposed_by_stakeholder_name: str | None
    provenance: str
    programme_ids: list[int] = Field(..., description="Programmes made from this output.")
    swot_item_ids: list[int] = Field(..., description="SWOT items of the readiness analysis adopted from it.")
    gap_item_ids: list[int] = Field(..., description="Gap items of the readiness analysis adopted from it.")
    strategy_ids: list[int] = Field(..., description="Strategies of the masterplan adopted from it.")
    created_at: datetime.datetime


class BimtekOutputPage(Schema):
    count: int
    items: list[BimtekOutputOut]


class BimtekOutputFilters(Paging):
    kind: OutputKind | None = None


class BimtekOutputIn(Input):
    kind: OutputKind
    text: str
    dimension_code: str | None = Field(None, description="Programme ideas and strategies need one, e.g. governance.")
    lens_code: str | None = Field(None, description="SWOT and gap items need one, e.g. struktur.")
    swot_category: SwotCategory = Field("", description="S, W, O or T (SWOT items)")
    proposed_by_opd_id: Id | None = None
    proposed_by_stakeholder_id: Id | None = None


class BimtekOutputPatch(Input):
    kind: OutputKind = absent()
    text: str = absent()
    dimension_code: str | None = absent()
    lens_code: str | None = absent()
    swot_category: SwotCategory = absent()
    proposed_by_opd_id: Id | None = absent()
    proposed_by_stakeholder_id: Id | None = absent()


class BimtekChecklistPartOut(Schema):
    label: str
    count: int
    needed: int
    done: bool


class BimtekChecklistItemOut(Schema):
    key: str
    label: str
    done: bool
    count: int
    parts: list[BimtekChecklistPartOut]
    missing: list[str]
    link: str | None
    note: str


class BimtekChecklistOut(Schema):
    number: int
    roman: str
    bimtek_id: int | None
    done_count: int
    item_count: int
    items: list[BimtekChecklistItemOut]


class BimtekVisionKeywordOut(Schema):
    id: int
    text: str
    bimtek_id: int
    bimtek_number: int
    proposed_by_opd_id: int | None
    proposed_by_opd_name: str | None
    proposed_by_stakeholder_id: int | None
    proposed_by_stakeholder_name: str | None


class BimtekVisionKeywordPage(Schema):
    count: int
    items: list[BimtekVisionKeywordOut]


class BimtekVisionKeywordFilters(Paging):
    masterplan_id: Id | None = Field(None, description="Defaults to the city's current masterplan.")


# --- serialisers (from annotated and prefetched rows: no query per item) ---------------------


def _bimtek_out(w: Workshop) -> dict:
    mentors = list(w.mentors.all())
    return {
        "id": w.pk,
        "version": w.version,
        "masterplan_id": w.masterplan_id,
        "number": w.number,
        "roman": w.roman,
        "title": w.title,
        "start_date": w.start_date,
        "end_date": w.end_date,
        "venue": w.venue,
        "agenda": w.agenda,
        "mentor_ids": [m.pk for m in mentors],
        "mentors": [{"id": m.pk, "name": m.name, "institution": m.institution} for m in mentors],
        "minutes": w.minutes,
        "is_held": w.is_held,
        "participant_count": w.n_participants,
        "attendee_count": w.n_attended,
        "output_count": w.n_outputs,
    }


def _participant_out(p: Participant) -> dict:
    return {
        "id": p.pk,
        "version": p.version,
        "bimtek_id": p.workshop_id,
        "name": p.name,
        "group": p.group,
        "group_label": p.get_group_display(),
        "organisation": p.organisation,
        "opd_id": p.opd_id,
        "opd_name": p.opd.name if p.opd else None,
        "stakeholder_id": p.stakeholder_id,
        "stakeholder_name": p.stakeholder.name if p.stakeholder else None,
        "attended": p.attended,
    }


def _proposers(o: Output) -> dict:
    return {
        "proposed_by_opd_id": o.proposed_by_opd_id,
        "proposed_by_opd_name": o.proposed_by_opd.name if o.proposed_by_opd else None,
        "proposed_by_stakeholder_id": o.proposed_by_stakeholder_id,
        "proposed_by_stakeholder_name": o.proposed_by_stakeholder.name if o.proposed_by_stakeholder else None,
    }


def _output_out(o: Output) -> dict:
    return {
        "id": o.pk,
        "version": o.version,
        "bimtek_id": o.workshop_id,
        "bimtek_number": o.workshop.number,
        "kind": o.kind,
        "kind_label": o.get_kind_display(),
        "text": o.text,
        "dimension_code": o.dimension.code if o.dimension else None,
        "dimension_name": o.dimension.name if o.dimension else None,
        "lens_code": o.lens.code if o.lens else None,
        "lens_name": o.lens.name if o.lens else None,
        "swot_category": o.swot_category,
        "swot_category_label": o.get_swot_category_display() if o.swot_category else "",
        **_proposers(o),
        "provenance": o.provenance,
        "programme_ids": [p.pk for p in o.programmes.all()],
        "swot_item_ids": [s.pk for s in o.swot_items.all()],
        "gap_item_ids": [g.pk for g in o.gap_items.all()],
        "strategy_ids": [s.pk for s in o.strategies.all()],
        "created_at": o.created_at,
    }


def _keyword_out(o: Output) -> dict:
    return {"id": o.pk, "text": o.text, "bimtek_id": o.workshop_id, "bimtek_number": o.workshop.number, **_proposers(o)}


def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


def _bimtek(request, code: str, bimtek_id: int):
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    return user, city, selectors.workshop_or_404(city, bimtek_id)


# --- bimtek ---------------------------------------------------------------------------------


@router.get("/{code}/bimtek", response={200: BimtekPage, **ERROR_RESPONSES}, summary="The bimtek of a masterplan")
def list_bimtek(request, code: str, filters: Query[BimtekFilters]):
    """Bimtek I–IV of the city's current masterplan (or `masterplan_id`), with dates, venue, held flag and counts."""
    city = _city(request, code)
    workshops = selectors.workshops_of(masterplan_or_404(city, filters.masterplan_id)).prefetch_related("mentors")
    return page(workshops, filters, _bimtek_out)


@router.post("/{code}/bimtek", response={201: BimtekOut, **ERROR_RESPONSES}, summary="Plan a bimtek")
def create_bimtek(request, code: str, payload: BimtekIn):
    city = _city(request, code)
    workshop = services.workshop_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, _bimtek_out(selectors.workshop_or_404(city, workshop.pk)))


@router.get("/{code}/bimtek/{bimtek_id}", response={200: BimtekOut, **ERROR_RESPONSES}, summary="One bimtek")
def get_bimtek(request, code: str, bimtek_id: int):
    _user, _city, workshop = _bimtek(request, code, bimtek_id)
    return _bimtek_out(workshop)


@router.patch("/{code}/bimtek/{bimtek_id}", response={200: BimtekOut, **ERROR_RESPONSES}, summary="Change a bimtek or mark it held")
def update_bimtek(request, code: str, bimtek_id: int, payload: BimtekPatch):
    user, city, workshop = _bimtek(request, code, bimtek_id)
    with concurrency.from_request(request, workshop):
        services.workshop_update(actor=user, workshop=workshop, **changes(payload))
    return _bimtek_out(selectors.workshop_or_404(city, workshop.pk))


@router.delete("/{code}/bimtek/{bimtek_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a bimtek")
def delete_bimtek(request, code: str, bimtek_id: int):
    """Deletes its participants and outputs too; refused (409 `still_linked`) while outputs of it became plan content."""
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    services.workshop_delete(actor=user, workshop=workshop)
    return Status(204, None)


@router.get(
    "/{code}/bimtek/{bimtek_id}/checklist", response={200: BimtekChecklistOut, **ERROR_RESPONSES}, summary="What the bimtek should produce"
)
def get_bimtek_checklist(request, code: str, bimtek_id: int):
    """Each expected output of this bimtek: done or not, with counts per lens, dimension or horizon and what is missing."""
    _user, _city, workshop = _bimtek(request, code, bimtek_id)
    stage = next(s for s in selectors.checklist(workshop.masterplan) if s["number"] == workshop.number)
    return {
        "number": stage["number"],
        "roman": stage["roman"],
        "bimtek_id": stage["workshop_id"],
        "done_count": stage["done"],
        "item_count": stage["total"],
        "items": stage["items"],
    }


# --- participants ---------------------------------------------------------------------------


@router.get("/{code}/bimtek/{bimtek_id}/participants", response={200: BimtekParticipantPage, **ERROR_RESPONSES}, summary="Participants")
def list_bimtek_participants(request, code: str, bimtek_id: int, filters: Query[BimtekParticipantFilters]):
    """Grouped as the attendance list is: department staff, council, team, stakeholders, mentors."""
    _user, _city, workshop = _bimtek(request, code, bimtek_id)
    return page(selectors.participants_of(workshop, filters.group), filters, _participant_out)


@router.post(
    "/{code}/bimtek/{bimtek_id}/participants", response={201: BimtekParticipantOut, **ERROR_RESPONSES}, summary="Add a participant"
)
def add_bimtek_participant(request, code: str, bimtek_id: int, payload: BimtekParticipantIn):
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    participant = services.participant_add(actor=user, workshop=workshop, **payload.dict())
    return Status(201, _participant_out(selectors.participant_or_404(workshop, participant.pk)))


@router.post(
    "/{code}/bimtek/{bimtek_id}/participants/attendance",
    response={200: BimtekAttendanceOut, **ERROR_RESPONSES},
    summary="Record attendance in bulk",
)
def mark_bimtek_attendance(request, code: str, bimtek_id: int, payload: BimtekAttendanceIn):
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    return {"changed_count": services.participants_mark_attendance(actor=user, workshop=workshop, **payload.dict())}


@router.patch(
    "/{code}/bimtek/{bimtek_id}/participants/{participant_id}",
    response={200: BimtekParticipantOut, **ERROR_RESPONSES},
    summary="Change a participant",
)
def update_bimtek_participant(request, code: str, bimtek_id: int, participant_id: int, payload: BimtekParticipantPatch):
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    participant = selectors.participant_or_404(workshop, participant_id)
    with concurrency.from_request(request, participant):
        services.participant_update(actor=user, participant=participant, **changes(payload))
    return _participant_out(selectors.participant_or_404(workshop, participant_id))


@router.delete(
    "/{code}/bimtek/{bimtek_id}/participants/{participant_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove a participant"
)
def remove_bimtek_participant(request, code: str, bimtek_id: int, participant_id: int):
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    services.participant_remove(actor=user, participant=selectors.participant_or_404(workshop, participant_id))
    return Status(204, None)


# --- outputs --------------------------------------------------------------------------------


@router.get("/{code}/bimtek/{bimtek_id}/outputs", response={200: BimtekOutputPage, **ERROR_RESPONSES}, summary="Outputs with provenance")
def list_bimtek_outputs(request, code: str, bimtek_id: int, filters: Query[BimtekOutputFilters]):
    """What the bimtek produced, who proposed it, and what plan content it became."""
    _user, _city, workshop = _bimtek(request, code, bimtek_id)
    return page(selectors.outputs_of(workshop, kind=filters.kind), filters, _output_out)


@router.post("/{code}/bimtek/{bimtek_id}/outputs", response={201: BimtekOutputOut, **ERROR_RESPONSES}, summary="Record an output")
def record_bimtek_output(request, code: str, bimtek_id: int, payload: BimtekOutputIn):
    """Coordinators record any output; a department's operator or a stakeholder only their own proposals."""
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    output = services.output_record(actor=user, workshop=workshop, **payload.dict())
    return Status(201, _output_out(selectors.output_or_404(workshop, output.pk)))


@router.patch(
    "/{code}/bimtek/{bimtek_id}/outputs/{output_id}", response={200: BimtekOutputOut, **ERROR_RESPONSES}, summary="Change an output"
)
def update_bimtek_output(request, code: str, bimtek_id: int, output_id: int, payload: BimtekOutputPatch):
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    output = selectors.output_or_404(workshop, output_id)
    with concurrency.from_request(request, output):
        services.output_update(actor=user, output=output, **changes(payload))
    return _output_out(selectors.output_or_404(workshop, output_id))


@router.delete("/{code}/bimtek/{bimtek_id}/outputs/{output_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete an output")
def delete_bimtek_output(request, code: str, bimtek_id: int, output_id: int):
    """Refused (409 `still_linked`) once the output became plan content."""
    user, _city, workshop = _bimtek(request, code, bimtek_id)
    services.output_delete(actor=user, output=selectors.output_or_404(workshop, output_id))
    return Status(204, None)


# --- vision keywords of a masterplan --------------------------------------------------------


@router.get(
    "/{code}/vision-keywords", response={200: BimtekVisionKeywordPage, **ERROR_RESPONSES}, summary="Vision keywords proposed in the bimtek"
)
def list_vision_keywords(request, code: str, filters: Query[BimtekVisionKeywordFilters]):
    """The vision keywords recorded in the bimtek of the city's current masterplan (or `masterplan_id`), Bimtek I first, with who proposed them."""
    city = _city(request, code)
    return page(selectors.vision_keywords(masterplan_or_404(city, filters.masterplan_id)), filters, _keyword_out)
