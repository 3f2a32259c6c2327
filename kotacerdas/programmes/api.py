"""The programme registry API (a public contract): programmes, their summary and the quick wins.

Input refers to reference data by code (dimension, element, horizon, status, funding source),
to departments and stakeholders by id and to regions by their Kemendagri code.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.bimtek.models import Output
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.masterplan.selectors import masterplan_or_404
from kotacerdas.programmes import selectors, services
from kotacerdas.programmes.models import Programme
from kotacerdas.regions.models import Region

router = Router(tags=["programmes"])
MAX_LIMIT = 100


# --- schemas ------------------------------------------------------------------------------

class Ref(Schema):
    id: int
    name: str


class OpdRef(Schema):
    id: int
    short_name: str
    name: str


class RegionRef(Schema):
    code: str
    name: str


class YearOut(Schema):
    year: int
    output_indicator: str
    target: Decimal | None
    unit: str
    budget: int
    funding_source: str | None
    realisation: Decimal | None


class PartnerOut(Schema):
    stakeholder: Ref
    role: str


class OriginOut(Schema):
    id: int
    bimtek: int
    text: str
    proposed_by_opd: OpdRef | None
    proposed_by_stakeholder: Ref | None


class QuickWinOut(Schema):
    programme_id: int
    programme: str
    stage: str
    problem: str
    innovation: str
    benefit: str
    partners: str
    risks: str
    timeline: str
    scores: dict[str, int]
    total_score: int


class ProgrammeOut(Schema):
    id: int
    name: str
    dimension: str
    element: str
    lead_opd: OpdRef | None
    horizon: str
    start_year: int
    end_year: int
    status: str
    is_quick_win: bool
    budget_total: int


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    problem: str
    person_in_charge: str
    supporting_opds: list[OpdRef]
    outcome_indicator: str
    outcome_baseline: str
    outcome_target: str
    district: RegionRef | None
    village: RegionRef | None
    origin: OriginOut | None
    years: list[YearOut]
    partners: list[PartnerOut]
    quick_win: QuickWinOut | None


class ProgrammePage(Schema):
    count: int
    items: list[ProgrammeOut]


class QuickWinPage(Schema):
    count: int
    items: list[QuickWinOut]


class DimensionSummary(Schema):
    code: str
    name: str
    programmes: int
    realised: int
    budget: int
    realisation_ratio: float | None


class YearIn(Schema):
    year: int
    output_indicator: str = ""
    target: Decimal | None = None
    unit: str = ""
    budget: Decimal = Decimal(0)
    funding_source: str | None = None
    realisation: Decimal | None = None


class PartnerIn(Schema):
    stakeholder: int
    role: str


class ProgrammePatch(Schema):
    name: str | None = None
    description: str | None = None
    problem: str | None = None
    dimension: str | None = None
    element: str | None = None
    lead_opd: int | None = None
    supporting_opds: list[int] | None = None
    person_in_charge: str | None = None
    horizon: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    status: str | None = None
    outcome_indicator: str | None = None
    outcome_baseline: str | None = None
    outcome_target: str | None = None
    district: str | None = None
    village: str | None = None
    is_quick_win: bool | None = None
    origin: int | None = None
    years: list[YearIn] | None = None
    partners: list[PartnerIn] | None = None


class ProgrammeIn(ProgrammePatch):
    name: str
    dimension: str
    element: str
    horizon: str
    start_year: int
    end_year: int
    status: str


class QuickWinIn(Schema):
    stage: str | None = None
    problem: str | None = None
    innovation: str | None = None
    benefit: str | None = None
    partners: str | None = None
    risks: str | None = None
    timeline: str | None = None
    scores: dict[str, int] | None = None


class ListFilters(Schema):
    dimension: str | None = None
    element: str | None = None
    opd: int | None = None
    horizon: str | None = None
    status: str | None = None
    funding_source: str | None = None
    quick_win: bool | None = None
    q: str | None = None
    limit: int = settings.PAGE_SIZE
    offset: int = 0


# --- endpoints ----------------------------------------------------------------------------

@router.get("/{code}/programmes", response={200: ProgrammePage, **ERROR_RESPONSES}, summary="List programmes")
def list_programmes(request, code: str, filters: Query[ListFilters]):
    """Programmes of the city's current masterplan, filtered, with their total budget."""
    _city, masterplan = _scope(request, code)
    params = filters.dict(exclude={"limit", "offset"}, exclude_none=True)
    qs = selectors.filtered_programmes(masterplan, selectors.parse_filters(params))
    limit, offset = min(max(filters.limit, 1), MAX_LIMIT), max(filters.offset, 0)
    return {"count": qs.count(), "items": [_summary(p) for p in qs[offset:offset + limit]]}


@router.post("/{code}/programmes", response={201: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="Create a programme")
def create_programme(request, code: str, payload: ProgrammeIn):
    city, masterplan = _scope(request, code)
    data = _resolve(city, masterplan, payload.dict(exclude_unset=True))
    programme = services.programme_create(actor=user_of(request), masterplan=masterplan, **data)
    return 201, _detail(selectors.programme_detail(masterplan, programme.pk))


@router.get("/{code}/programmes/summary", response={200: list[DimensionSummary], **ERROR_RESPONSES}, summary="Programmes by dimension")
def programme_summary(request, code: str):
    """Per dimension: programmes, realised programmes, realisation ratio and budget."""
    _city, masterplan = _scope(request, code)
    return [{**row, "budget": int(row["budget"])} for row in selectors.summary_by_dimension(masterplan)]


@router.get("/{code}/programmes/{programme_id}", response={200: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="One programme")
def get_programme(request, code: str, programme_id: int):
    _city, masterplan = _scope(request, code)
    return _detail(_programme(masterplan, programme_id))


@router.patch("/{code}/programmes/{programme_id}", response={200: ProgrammeDetailOut, **ERROR_RESPONSES}, summary="Change a programme")
def update_programme(request, code: str, programme_id: int, payload: ProgrammePatch):
    """Only the fields sent change; `years` and `partners`, when sent, replace the existing rows."""
    city, masterplan = _scope(request, code)
    programme = _programme(masterplan, programme_id)
    data = _resolve(city, masterplan, payload.dict(exclude_unset=True))
    services.programme_update(actor=user_of(request), programme=Programme.objects.get(pk=programme.pk), **data)
    return _detail(selectors.programme_detail(masterplan, programme.pk))


@router.delete("/{code}/programmes/{programme_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a programme")
def delete_programme(request, code: str, programme_id: int, force: bool = False):
    """A programme still linked (plans, gaps, selected quick win) answers 409 `programme_linked` unless a coordinator forces it."""
    _city, masterplan = _scope(request, code)
    services.programme_delete(actor=user_of(request), programme=_programme(masterplan, programme_id), force=force)
    return 204, None


@router.get("/{code}/quick-wins", response={200: QuickWinPage, **ERROR_RESPONSES}, summary="Quick wins")
def list_quick_wins(request, code: str, stage: str | None = None):
    """Quick-win sheets with their scores, best total first; `stage` filters (candidate, shortlisted, selected)."""
    _city, masterplan = _scope(request, code)
    qs = selectors.quick_wins(masterplan)
    if stage:
        qs = qs.filter(stage=stage)
    items = [_quick_win(sheet) for sheet in qs]
    return {"count": len(items), "items": items}


@router.put("/{code}/programmes/{programme_id}/quick-win", response={200: QuickWinOut, **ERROR_RESPONSES}, summary="Write a quick-win sheet")
def put_quick_win(request, code: str, programme_id: int, payload: QuickWinIn):
    """Mark the programme as a quick win and write its sheet; `scores` ({criterion code: score}) and `stage` need a coordinator."""
    _city, masterplan = _scope(request, code)
    programme = _programme(masterplan, programme_id)
    actor = user_of(request)
    data = payload.dict(exclude_unset=True)
    scores, stage = data.pop("scores", None), data.pop("stage", None)
    services.quick_win_save(actor=actor, programme=programme, **data)
    if scores:
        services.quick_win_score(actor=actor, programme=programme, scores=scores)
    if stage:
        services.quick_win_set_stage(actor=actor, programme=programme, stage=stage)
    return _quick_win(selectors.quick_wins(masterplan).get(programme=programme))


@router.delete("/{code}/programmes/{programme_id}/quick-win", response={204: None, **ERROR_RESPONSES}, summary="No longer a quick win")
def delete_quick_win(request, code: str, programme_id: int):
    _city, masterplan = _scope(request, code)
    services.quick_win_remove(actor=user_of(request), programme=_programme(masterplan, programme_id))
    return 204, None


# --- helpers ------------------------------------------------------------------------------

def _scope(request, code: str):
    city = city_selectors.city_or_404(user_of(request), code)
    return city, masterplan_or_404(city)


def _programme(masterplan, programme_id: int) -> Programme:
    programme = selectors.programme_detail(masterplan, programme_id)
    if programme is None:
        raise Http404(_("No programme %(id)s in this masterplan.") % {"id": programme_id})
    return programme


def _by_code(model, code, field: str, error: str):
    found = model.objects.filter(code=code).first()
    if found is None:
        raise ServiceError(error, _("Unknown %(field)s code “%(code)s”.") % {"field": field, "code": code}, field=field)
    return found


def _resolve(city, masterplan, data: dict) -> dict:
    """Turn codes and ids of the payload into records; unknown ones answer 400 with a stable code."""
    for field, model in (("dimension", Dimension), ("element", Element), ("horizon", Horizon), ("status", ProgrammeStatus)):
        if data.get(field) is not None:
            data[field] = _by_code(model, data[field], field, f"unknown_{field}")
    if data.get("lead_opd") is not None:
        data["lead_opd"] = _opd(city, data["lead_opd"], "lead_opd")
    if data.get("supporting_opds") is not None:
        data["supporting_opds"] = [_opd(city, pk, "supporting_opds") for pk in data["supporting_opds"]]
    for field in ("district", "village"):
        if data.get(field) is not None:
            region = Region.objects.filter(code=data[field]).first()
            if region is None:
                raise ServiceError("unknown_region", _("No region with code %(code)s.") % {"code": data[field]}, field=field)
            data[field] = region
    if data.get("origin") is not None:
        origin = Output.objects.select_related("workshop").filter(pk=data["origin"], workshop__masterplan=masterplan).first()
        if origin is None:
            raise ServiceError("unknown_origin", _("No bimtek output %(id)s in this masterplan.") % {"id": data["origin"]}, field="origin")
        data["origin"] = origin
    if data.get("years") is not None:
        for row in data["years"]:
            if row.get("funding_source") is not None:
                row["funding_source"] = _by_code(FundingSource, row["funding_source"], "funding_source", "unknown_funding_source")
    if data.get("partners") is not None:
        stakeholders = {s.pk: s for s in city.stakeholders.all()}
        for row in data["partners"]:
            if row["stakeholder"] not in stakeholders:
                raise ServiceError("unknown_stakeholder", _("No stakeholder %(id)s in this city.") % {"id": row["stakeholder"]}, field="partners")
            row["stakeholder"] = stakeholders[row["stakeholder"]]
    for field in ("years", "partners"):
        if field in data and data[field] is None:
            data.pop(field)
    return data


def _opd(city, pk: int, field: str):
    opd = city.opds.filter(pk=pk).first()
    if opd is None:
        raise ServiceError("unknown_opd", _("No department %(id)s in this city.") % {"id": pk}, field=field)
    return opd


def _opd_ref(opd) -> dict | None:
    return {"id": opd.pk, "short_name": opd.short_name, "name": opd.name} if opd else None


def _region_ref(region) -> dict | None:
    return {"code": region.code, "name": region.name} if region else None


def _summary(p: Programme) -> dict:
    return {
        "id": p.pk, "name": p.name, "dimension": p.dimension.code, "element": p.element.code,
        "lead_opd": _opd_ref(p.lead_opd), "horizon": p.horizon.code, "start_year": p.start_year, "end_year": p.end_year,
        "status": p.status.code, "is_quick_win": p.is_quick_win, "budget_total": int(p.budget_total or 0),
    }


def _detail(p: Programme) -> dict:
    origin = p.origin
    sheet = getattr(p, "quick_win", None) if p.is_quick_win else None
    return {
        **_summary(p),
        "description": p.description, "problem": p.problem, "person_in_charge": p.person_in_charge,
        "supporting_opds": [_opd_ref(o) for o in p.supporting_opds.all()],
        "outcome_indicator": p.outcome_indicator, "outcome_baseline": p.outcome_baseline, "outcome_target": p.outcome_target,
        "district": _region_ref(p.district), "village": _region_ref(p.village),
        "origin": {
            "id": origin.pk, "bimtek": origin.workshop.number, "text": origin.text,
            "proposed_by_opd": _opd_ref(origin.proposed_by_opd),
            "proposed_by_stakeholder": {"id": origin.proposed_by_stakeholder.pk, "name": origin.proposed_by_stakeholder.name}
            if origin.proposed_by_stakeholder else None,
        } if origin else None,
        "years": [{
            "year": y.year, "output_indicator": y.output_indicator, "target": y.target, "unit": y.unit, "budget": int(y.budget),
            "funding_source": y.funding_source.code if y.funding_source else None, "realisation": y.realisation,
        } for y in p.years.all()],
        "partners": [{"stakeholder": {"id": s.stakeholder.pk, "name": s.stakeholder.name}, "role": s.role} for s in p.partners.all()],
        "quick_win": _quick_win(sheet, programme=p) if sheet else None,
    }


def _quick_win(sheet, programme=None) -> dict:
    programme = programme or sheet.programme
    scores = {s.criterion.code: s.score for s in sheet.scores.all()}
    return {
        "programme_id": programme.pk, "programme": programme.name, "stage": sheet.stage,
        **{f: getattr(sheet, f) for f in services.SHEET_FIELDS}, "scores": scores, "total_score": sum(scores.values()),
    }
