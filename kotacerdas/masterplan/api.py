"""Masterplans and their vision tree: /api/v1/cities/{code}/masterplans, /vision, missions, objectives, targets."""
from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan import selectors, services
from kotacerdas.masterplan.models import Masterplan

router = Router(tags=["masterplan"])


class MasterplanOut(Schema):
    id: int
    city: str
    title: str
    start_year: int
    end_year: int
    status: str
    regulation_number: str
    regulation_date: datetime.date | None
    vision: str


class MasterplanList(Schema):
    count: int
    items: list[MasterplanOut]


class MasterplanIn(Schema):
    title: str
    start_year: int
    end_year: int
    vision: str = ""


class MasterplanPatch(Schema):
    title: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    vision: str | None = None
    status: str | None = None
    regulation_number: str | None = None
    regulation_date: datetime.date | None = None


class TargetOut(Schema):
    id: int
    indicator: str
    value: str
    unit: str
    year: int | None


class ObjectiveOut(Schema):
    id: int
    order: int
    text: str
    dimensions: list[str]
    targets: list[TargetOut]


class MissionOut(Schema):
    id: int
    order: int
    text: str
    objectives: list[ObjectiveOut]


class KeywordOut(Schema):
    id: int
    text: str
    bimtek: int
    proposed_by: str | None


class VisionOut(Schema):
    masterplan: MasterplanOut
    vision: str
    missions: list[MissionOut]
    unserved_dimensions: list[str]
    keywords: list[KeywordOut]


class MissionIn(Schema):
    text: str
    order: int | None = None


class MissionPatch(Schema):
    text: str | None = None
    order: int | None = None


class ObjectiveIn(Schema):
    text: str
    dimensions: list[str] = []
    order: int | None = None


class ObjectivePatch(Schema):
    text: str | None = None
    order: int | None = None
    dimensions: list[str] | None = None


class TargetIn(Schema):
    indicator: str
    value: str
    unit: str = ""
    year: int | None = None


class TargetPatch(Schema):
    indicator: str | None = None
    value: str | None = None
    unit: str | None = None
    year: int | None = None


# --- serialisers (from prefetched rows: no query per item) -------------------------------------

def masterplan_out(plan: Masterplan, city_code: str) -> dict:
    return {"id": plan.pk, "city": city_code, "title": plan.title, "start_year": plan.start_year, "end_year": plan.end_year,
            "status": plan.status, "regulation_number": plan.regulation_number, "regulation_date": plan.regulation_date,
            "vision": plan.vision}


def _target(t) -> dict:
    return {"id": t.pk, "indicator": t.indicator, "value": t.value, "unit": t.unit, "year": t.year}


def _objective(o) -> dict:
    return {"id": o.pk, "order": o.order, "text": o.text, "dimensions": [d.code for d in o.dimensions.all()],
            "targets": [_target(t) for t in o.targets.all()]}


def _mission(m) -> dict:
    return {"id": m.pk, "order": m.order, "text": m.text, "objectives": [_objective(o) for o in m.objectives.all()]}


def _reload_objective(objective):
    return {"id": objective.pk, "order": objective.order, "text": objective.text,
            "dimensions": list(objective.dimensions.order_by("order").values_list("code", flat=True)),
            "targets": [_target(t) for t in objective.targets.order_by("year", "id")]}


def _dimensions(codes: list[str]) -> list[Dimension]:
    found = {d.code: d for d in Dimension.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ServiceError("unknown_dimension", _("Unknown smart-city dimension: %(codes)s.") % {"codes": ", ".join(unknown)}, field="dimensions")
    return [found[c] for c in codes]


def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


# --- masterplans --------------------------------------------------------------------------------

@router.get("/{code}/masterplans", response={200: MasterplanList, **ERROR_RESPONSES})
def list_masterplans(request, code: str, limit: int = 25, offset: int = 0):
    """The city's masterplans, newest first."""
    city = _city(request, code)
    plans = selectors.masterplans_of(city)
    limit = min(max(limit, 1), 100)
    return {"count": plans.count(), "items": [masterplan_out(p, city.code) for p in plans[max(offset, 0):max(offset, 0) + limit]]}


@router.post("/{code}/masterplans", response={201: MasterplanOut, **ERROR_RESPONSES})
def create_masterplan(request, code: str, payload: MasterplanIn):
    city = _city(request, code)
    plan = services.masterplan_create(actor=user_of(request), city=city, **payload.dict())
    return 201, masterplan_out(plan, city.code)


@router.get("/{code}/masterplans/{masterplan_id}", response={200: MasterplanOut, **ERROR_RESPONSES})
def get_masterplan(request, code: str, masterplan_id: int):
    city = _city(request, code)
    return masterplan_out(selectors.masterplan_or_404(city, masterplan_id), city.code)


@router.patch("/{code}/masterplans/{masterplan_id}", response={200: MasterplanOut, **ERROR_RESPONSES})
def update_masterplan(request, code: str, masterplan_id: int, payload: MasterplanPatch):
    """Change the record; `status: legalised` needs `regulation_number` and `regulation_date`."""
    city = _city(request, code)
    plan = selectors.masterplan_or_404(city, masterplan_id)
    fields = payload.dict(exclude_unset=True)
    for text_field in ("title", "vision", "regulation_number", "status"):
        if text_field in fields and fields[text_field] is None:
            fields[text_field] = ""
    plan = services.masterplan_update(actor=user_of(request), masterplan=plan, **fields)
    return masterplan_out(plan, city.code)


# --- the vision tree ---------------------------------------------------------------------------

@router.get("/{code}/vision", response={200: VisionOut, **ERROR_RESPONSES})
def get_vision(request, code: str, masterplan: int | None = None):
    """Vision → missions → objectives (with dimension codes) → targets of the current (or given) masterplan."""
    city = _city(request, code)
    plan = selectors.masterplan_or_404(city, masterplan)
    tree = selectors.vision_tree(plan)
    keywords = [
        {"id": k.pk, "text": k.text, "bimtek": k.workshop.number,
         "proposed_by": (k.proposed_by_opd.name if k.proposed_by_opd else k.proposed_by_stakeholder.name if k.proposed_by_stakeholder else None)}
        for k in selectors.vision_keywords(plan)
    ]
    return {"masterplan": masterplan_out(plan, city.code), "vision": plan.vision, "missions": [_mission(m) for m in tree["missions"]],
            "unserved_dimensions": [d.code for d in tree["unserved"]], "keywords": keywords}


@router.post("/{code}/masterplans/{masterplan_id}/missions", response={201: MissionOut, **ERROR_RESPONSES})
def create_mission(request, code: str, masterplan_id: int, payload: MissionIn):
    plan = selectors.masterplan_or_404(_city(request, code), masterplan_id)
    mission = services.mission_create(actor=user_of(request), masterplan=plan, **payload.dict())
    return 201, {"id": mission.pk, "order": mission.order, "text": mission.text, "objectives": []}


@router.patch("/{code}/missions/{mission_id}", response={200: MissionOut, **ERROR_RESPONSES})
def update_mission(request, code: str, mission_id: int, payload: MissionPatch):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    mission = services.mission_update(actor=user_of(request), mission=mission, **fields)
    return {"id": mission.pk, "order": mission.order, "text": mission.text,
            "objectives": [_reload_objective(o) for o in mission.objectives.order_by("order", "id")]}


@router.delete("/{code}/missions/{mission_id}", response={204: None, **ERROR_RESPONSES})
def delete_mission(request, code: str, mission_id: int):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    services.mission_delete(actor=user_of(request), mission=mission)
    return 204, None


@router.post("/{code}/missions/{mission_id}/objectives", response={201: ObjectiveOut, **ERROR_RESPONSES})
def create_objective(request, code: str, mission_id: int, payload: ObjectiveIn):
    mission = selectors.mission_or_404(_city(request, code), mission_id)
    data = payload.dict()
    data["dimensions"] = _dimensions(data["dimensions"])
    objective = services.objective_create(actor=user_of(request), mission=mission, **data)
    return 201, _reload_objective(objective)


@router.patch("/{code}/objectives/{objective_id}", response={200: ObjectiveOut, **ERROR_RESPONSES})
def update_objective(request, code: str, objective_id: int, payload: ObjectivePatch):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "dimensions" in fields:
        fields["dimensions"] = _dimensions(fields["dimensions"])
    objective = services.objective_update(actor=user_of(request), objective=objective, **fields)
    return _reload_objective(objective)


@router.delete("/{code}/objectives/{objective_id}", response={204: None, **ERROR_RESPONSES})
def delete_objective(request, code: str, objective_id: int):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    services.objective_delete(actor=user_of(request), objective=objective)
    return 204, None


@router.post("/{code}/objectives/{objective_id}/targets", response={201: TargetOut, **ERROR_RESPONSES})
def create_target(request, code: str, objective_id: int, payload: TargetIn):
    objective = selectors.objective_or_404(_city(request, code), objective_id)
    return 201, _target(services.target_create(actor=user_of(request), objective=objective, **payload.dict()))


@router.patch("/{code}/targets/{target_id}", response={200: TargetOut, **ERROR_RESPONSES})
def update_target(request, code: str, target_id: int, payload: TargetPatch):
    target = selectors.target_or_404(_city(request, code), target_id)
    fields = payload.dict(exclude_unset=True)
    for text_field in ("indicator", "value", "unit"):
        if text_field in fields and fields[text_field] is None:
            fields[text_field] = ""
    return _target(services.target_update(actor=user_of(request), target=target, **fields))


@router.delete("/{code}/targets/{target_id}", response={204: None, **ERROR_RESPONSES})
def delete_target(request, code: str, target_id: int):
    target = selectors.target_or_404(_city(request, code), target_id)
    services.target_delete(actor=user_of(request), target=target)
    return 204, None
