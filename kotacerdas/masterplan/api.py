"""Masterplans and their vision tree: /api/v1/cities/{code}/masterplans, /vision, missions, objectives, targets.

The vision keywords collected in the bimtek are the bimtek's: `GET /cities/{code}/vision-keywords`.
"""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, user_of
from kotacerdas.masterplan import selectors, services
from kotacerdas.masterplan.models import Masterplan

router = Router(tags=["masterplan"])

MasterplanStatus = Literal[tuple(Masterplan.Status.values)]


# --- schemas --------------------------------------------------------------------------------


class MasterplanOut(Schema):
    id: int
    version: int
    city_code: str
    title: str
    start_year: int
    end_year: int
    status: str
    status_label: str
    regulation_number: str
    regulation_date: datetime.date | None
    vision: str
    period_reason: str
    revision_open: bool = Field(..., description="A revision is open: the legalised masterplan may change until it is closed.")


class MasterplanPage(Schema):
    count: int
    items: list[MasterplanOut]


class MasterplanIn(Input):
    title: str = Field(..., max_length=200)
    start_year: int = Field(..., ge=1900, le=2200)
    end_year: int = Field(..., ge=1900, le=2200)
    vision: str = ""
    period_reason: str = Field("", description="Why the period is not 5–10 years (needed for a longer one, and to legalise any other).")


class MasterplanPatch(Input):
    title: str = absent(max_length=200)
    start_year: int = absent(ge=1900, le=2200)
    end_year: int = absent(ge=1900, le=2200)
    vision: str = absent()
    period_reason: str = absent(description="Why the period is not 5–10 years.")
    status: MasterplanStatus = absent(
        description="`legalised` needs `regulation_number`, `regulation_date`, a vision, a programme and the cycle's commitment "
        "(`not_ready_to_legalise` lists what is missing). A legalised masterplan changes only while a revision is open (`revision_required`)."
    )
    regulation_number: str = absent(max_length=120)
    regulation_date: datetime.date | None = absent()


class MasterplanRevisionOut(Schema):
    id: int
    masterplan_id: int
    number: int
    reason: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    is_open: bool
    regulation_id: int | None = Field(..., description="The amending regulation: its entry in the city's regulation register.")
    regulation_number: str = Field(..., description="The amending regulation's number (read from the register entry).")
    regulation_date: datetime.date | None = Field(..., description="The amending regulation's date (read from the register entry).")

    @staticmethod
    def resolve_regulation_id(revision) -> int | None:
        regulation = revision.amending_regulation
        return regulation.pk if regulation else None

    @staticmethod
    def resolve_regulation_number(revision) -> str:
        regulation = revision.amending_regulation
        return regulation.number if regulation else ""

    @staticmethod
    def resolve_regulation_date(revision) -> datetime.date | None:
        regulation = revision.amending_regulation
        return regulation.issued_on if regulation else None


class MasterplanRevisionPage(Schema):
    count: int
    items: list[MasterplanRevisionOut]


class MasterplanRevisionIn(Input):
    reason: str = Field(..., min_length=1, max_length=2000)


class MasterplanTargetOut(Schema):
    id: int
    version: int
    objective_id: int
    indicator: str
    value: str
    unit: str
    year: int | None


class MasterplanObjectiveOut(Schema):
    id: int
    version: int
    mission_id: int
    order: int
    text: str
    dimension_codes: list[str]
    dimension_names: list[str]
    targets: list[MasterplanTargetOut]


class MasterplanMissionOut(Schema):
    id: int
    version: int
    masterplan_id: int
    order: int
    text: str
    objectives: list[MasterplanObjectiveOut]


class MasterplanVisionOut(Schema):
    masterplan_id: int
    vision: str
    missions: list[MasterplanMissionOut]
    unserved_dimension_codes: list[str]


class MasterplanMissionIn(Input):
    text: str
    order: int | None = Field(None, ge=0, le=32767, description="Defaults to after the last mission.")


class MasterplanMissionPatch(Input):
    text: str = absent()
    order: int = absent(ge=0, le=32767)


class MasterplanObjectiveIn(Input):
    text: str
    dimension_codes: list[str] = Field([], description="Codes of the smart-city dimensions served, e.g. governance")
    order: int | None = Field(None, ge=0, le=32767, description="Defaults to after the mission's last objective.")


class MasterplanObjectivePatch(Input):
    text: str = absent()
    order: int = absent(ge=0, le=32767)
    dimension_codes: list[str] = absent(description="Replaces the dimensions served.")


class MasterplanTargetIn(Input):
    indicator: str = Field(..., max_length=300)
    value: str = Field(..., max_length=60)
    unit: str = Field("", max_length=60)
    year: int | None = Field(None, ge=1900, le=2200, description="Within the masterplan's period.")


class MasterplanTargetPatch(Input):
    indicator: str = absent(max_length=300)
    value: str = absent(max_length=60)
    unit: str = absent(max_length=60)
    year: int | None = absent(ge=1900, le=2200)


class MasterplanVisionFilters(Schema):
    masterplan_id: Id | None = Field(None, description="Defaults to the city's current masterplan.")


# --- serialisers (from prefetched rows: no query per item) -------------------------------------


def masterplan_out(plan: Masterplan, city_code: str) -> dict:
    return {
        "id": plan.pk,
        "version": plan.version,
        "city_code": city_code,
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "status": plan.status,
        "status_label": plan.get_status_display(),
        "regulation_number": plan.regulation_number,
        "regulation_date": plan.regulation_date,
        "vision": plan.vision,
        "period_reason": plan.period_reason,
        "revision_open": plan.has_open_revision if hasattr(plan, "has_open_revision") else services.open_revision(plan) is not None,
    }


def _target(t) -> dict:
    return {
        "id": t.pk,
        "version": t.version,
        "objective_id": t.objective_id,
        "indicator": t.indicator,
        "value": t.value,
        "unit": t.unit,
        "year": t.year,
    }


def _objective(o, dimensions=None, targets=None) -> dict:
    dimensions = list(o.dimensions.all()) if dimensions is None else dimensions
    targets = list(o.targets.all()) if targets is None else targets
    return {
        "id": o.pk,
        "version": o.version,
        "mission_id": o.mission_id,
        "order": o.order,
        "text": o.text,
        "dimension_codes": [d.code for d in dimensions],
        "dimension_names": [d.name for d in dimensions],
        "targets": [_target(t) for t in targets],
    }


def _mission(m, objectives=None) -> dict:
    return {
        "id": m.pk,
        "version": m.version,
        "masterplan_id": m.masterplan_id,
        "order": m.order,
        "text": m.text,
        "objectives": objectives if objectives is not None else [_objective(o) for o in m.objectives.all()],
    }


def _reload_objective(objective) -> dict:
    return _objective(
        objective, dimensions=list(objective.dimensions.order_by("order", "code")), targets=list(objective.targets.order_by("year", "id"))
    )


def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


# --- masterplans --------------------------------------------------------------------------------


@router.get("/{code}/masterplans", response={200: MasterplanPage, **ERROR_RESPONSES}, summary="The city's masterplans")
def list_masterplans(request, code: str, paging: Query[Paging]):
    """The city's masterplans, newest first."""
    city = _city(request, code)
    return page(selectors.masterplans_of(city), paging, lambda plan: masterplan_out(plan, city.code))


@router.post("/{code}/masterplans", response={201: MasterplanOut, **ERROR_RESPONSES}, summary="Open a masterplan")
def create_masterplan(request, code: str, payload: MasterplanIn):
    """A new draft masterplan of 5 to 10 years; one per first year."""
    city = _city(request, code)
    plan = services.masterplan_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, masterplan_out(plan, city.code))


@router.get("/{code}/masterplans/{masterplan_id}", response={200: MasterplanOut, **ERROR_RESPONSES}, summary="One masterplan")
def get_masterplan(request, code: str, masterplan_id: int):
    city = _city(request, code)
    return masterplan_out(selectors.masterplan_or_404(city, masterplan_id), city.code)


@router.patch(
    "/{code}/masterplans/{masterplan_id}", response={200: MasterplanOut, **ERROR_RESPONSES}, summary="Change a masterplan or legalise it"
)
def update_masterplan(request, code: str, masterplan_id: int, payload: MasterplanPatch):
    """Change the record; `status: legalised` needs `regulation_number` and `regulation_date` and advances the city."""
    city = _city(request, code)
    plan = selectors.masterplan_or_404(city, masterplan_id)
    with concurrency.from_request(request, plan):
        plan = services.masterplan_update(actor=user_of(request), masterplan=plan, **changes(payload))
    return masterplan_out(plan, city.code)


# --- revisions of a legalised masterplan ---------------------------------------------------------


@router.get("/{code}/masterplans/{masterplan_id}/revisions", response={200: MasterplanRevisionPage, **ERROR_RESPONSES}, summary="Revisions")
def list_revisions(request, code: str, masterplan_id: int, paging: Query[Paging]):
    """The recorded revisions of a masterplan, oldest first."""
    return page(selectors.revisions_of(selectors.masterplan_or_404(_city(request, code), masterplan_id)), paging)


@router.post(
    "/{code}/masterplans/{masterplan_id}/revisions",
    response={201: MasterplanRevisionOut, **ERROR_RESPONSES},
    summary="Open a revision of a legalised masterplan",
)
def create_revision(request, code: str, masterplan_id: int, payload: MasterplanRevisionIn):
    """While it is open the masterplan's record and vision tree may change; `revision_open` if one already is."""
    plan = selectors.masterplan_or_404(_city(request, code), masterplan_id)
    return Status(201, services.revision_open(actor=user_of(request), masterplan=plan, **payload.dict()))


# --- the vision tree ---------------------------------------------------------------------------


@router.get("/{code}/vision", response={200: MasterplanVisionOut, **ERROR_RESPONSES}, summary="The vision tree of a masterplan")
def get_vision(request, code: str, filters: Query[MasterplanVisionFilters]):
    """Vision → missions → objectives (with dimension codes) → targets of the current masterplan (or `masterplan_id`).

    The vision keywords proposed in the bimtek: `GET /cities/{code}/vision-keywords`.
    """
    city = _city(request, code)
    plan = selectors.masterplan_or_404(city, filters.masterplan_id)
    tree = selectors.vision_tree(plan)
    return {
        "masterplan_id": plan.pk,
        "vision": plan.vision,
        "missions": [_mission(m) for m in tree["missions"]],
        "unserved_dimension_codes": [d.code for d in tree["unserved"]],
    }


@router.post(
    "/{code}/masterplans/{masterplan_id}/missions", response={201: MasterplanMissionOut, **ERROR_RESPONSES}, summary="Add a mission"
)
def create_mission(request, code: str, masterplan_id: int, payload: MasterplanMissionIn):
    plan = selectors.masterplan_or_404(_city(request, code), masterplan_id)
    mission = services.mission_create(actor=user_of(request), masterplan=plan, **payload.dict())
    return Status(201, _mission(mission, objectives=[]))


@router.patch("/{code}/missions/{mission_id}", response={200: MasterplanMissionOut, **ERROR_RESPONSES}, summary="Change a mission")
def update_mission(request, code: str, mission_id: int, payload: MasterplanMissionPatch):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    with concurrency.from_request(request, mission):
        mission = services.mission_update(actor=user_of(request), mission=mission, **changes(payload))
    return _mission(mission, objectives=[_reload_objective(o) for o in mission.objectives.order_by("order", "id")])


@router.delete(
    "/{code}/missions/{mission_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a mission with its objectives and targets"
)
def delete_mission(request, code: str, mission_id: int):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    services.mission_delete(actor=user_of(request), mission=mission)
    return Status(204, None)


@router.post(
    "/{code}/missions/{mission_id}/objectives", response={201: MasterplanObjectiveOut, **ERROR_RESPONSES}, summary="Add an objective"
)
def create_objective(request, code: str, mission_id: int, payload: MasterplanObjectiveIn):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    objective = services.objective_create(actor=user_of(request), mission=mission, **payload.dict())
    return Status(201, _reload_objective(objective))


@router.patch("/{code}/objectives/{objective_id}", response={200: MasterplanObjectiveOut, **ERROR_RESPONSES}, summary="Change an objective")
def update_objective(request, code: str, objective_id: int, payload: MasterplanObjectivePatch):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    with concurrency.from_request(request, objective):
        objective = services.objective_update(actor=user_of(request), objective=objective, **changes(payload))
    return _reload_objective(objective)


@router.delete("/{code}/objectives/{objective_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete an objective with its targets")
def delete_objective(request, code: str, objective_id: int):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    services.objective_delete(actor=user_of(request), objective=objective)
    return Status(204, None)


@router.post("/{code}/objectives/{objective_id}/targets", response={201: MasterplanTargetOut, **ERROR_RESPONSES}, summary="Add a target")
def create_target(request, code: str, objective_id: int, payload: MasterplanTargetIn):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    return Status(201, _target(services.target_create(actor=user_of(request), objective=objective, **payload.dict())))


@router.patch("/{code}/targets/{target_id}", response={200: MasterplanTargetOut, **ERROR_RESPONSES}, summary="Change a target")
def update_target(request, code: str, target_id: int, payload: MasterplanTargetPatch):
    target = selectors.target_or_404(_city(request, code), target_id)
    with concurrency.from_request(request, target):
        return _target(services.target_update(actor=user_of(request), target=target, **changes(payload)))


@router.delete("/{code}/targets/{target_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a target")
def delete_target(request, code: str, target_id: int):
    target = selectors.target_or_404(_city(request, code), target_id)
    services.target_delete(actor=user_of(request), target=target)
    return Status(204, None)
