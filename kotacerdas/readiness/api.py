"""Readiness analysis: /api/v1/cities/{code}/readiness (per lens), assessments, SWOT and gap items, adoption."""
from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.framework.models import ReadinessRating
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.readiness import selectors, services

router = Router(tags=["readiness"])


class AssessmentOut(Schema):
    rating: int | None
    rating_label: str | None
    current_condition: str
    target_condition: str


class SwotOut(Schema):
    id: int
    lens: str
    category: str
    text: str
    order: int
    origin_output_id: int | None
    origin: str


class GapOut(Schema):
    id: int
    lens: str
    description: str
    current_condition: str
    target_condition: str
    programme_ids: list[int]
    origin_output_id: int | None
    origin: str


class LensOut(Schema):
    code: str
    name: str
    is_core: bool
    assessment: AssessmentOut | None
    swot_items: list[SwotOut]
    gap_items: list[GapOut]


class ReadinessOut(Schema):
    masterplan_id: int
    lenses: list[LensOut]
    gaps_without_programme: list[int]


class GapList(Schema):
    count: int
    items: list[GapOut]


class AssessmentIn(Schema):
    rating: int | None = None
    current_condition: str = ""
    target_condition: str = ""
    masterplan: int | None = None


class SwotIn(Schema):
    lens: str
    category: str
    text: str
    order: int | None = None
    masterplan: int | None = None


class SwotPatch(Schema):
    category: str | None = None
    text: str | None = None
    order: int | None = None


class GapIn(Schema):
    lens: str
    description: str
    current_condition: str = ""
    target_condition: str = ""
    programme_ids: list[int] = []
    masterplan: int | None = None


class GapPatch(Schema):
    description: str | None = None
    current_condition: str | None = None
    target_condition: str | None = None
    programme_ids: list[int] | None = None


class AdoptIn(Schema):
    lens: str | None = None


class AdoptedOut(Schema):
    kind: str
    swot_item: SwotOut | None = None
    gap_item: GapOut | None = None


# --- serialisers -----------------------------------------------------------------------------

def assessment_out(a) -> dict | None:
    if a is None:
        return None
    return {"rating": a.rating.value if a.rating else None, "rating_label": a.rating.label if a.rating else None,
            "current_condition": a.current_condition, "target_condition": a.target_condition}


def swot_out(item, lens_code: str) -> dict:
    return {"id": item.pk, "lens": lens_code, "category": item.category, "text": item.text, "order": item.order,
            "origin_output_id": item.origin_id, "origin": selectors.provenance(item.origin)}


def gap_out(item, lens_code: str) -> dict:
    return {"id": item.pk, "lens": lens_code, "description": item.description, "current_condition": item.current_condition,
            "target_condition": item.target_condition, "programme_ids": [p.pk for p in item.programmes.all()],
            "origin_output_id": item.origin_id, "origin": selectors.provenance(item.origin)}


# --- helpers ---------------------------------------------------------------------------------

def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


def _rating(value: int | None):
    if value is None:
        return None
    rating = ReadinessRating.objects.filter(value=value).first()
    if rating is None:
        values = ", ".join(str(v) for v in ReadinessRating.objects.values_list("value", flat=True))
        raise ServiceError("unknown_rating", _("Unknown rating %(value)s; the scale has: %(values)s.") % {"value": value, "values": values}, field="rating")
    return rating


def _programmes(ids: list[int]):
    from kotacerdas.programmes.models import Programme

    found = list(Programme.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {p.pk for p in found})
    if missing:
        raise ServiceError("unknown_programme", _("No programme with id %(ids)s.") % {"ids": ", ".join(map(str, missing))}, field="programme_ids")
    return found


def _reload_gap(item) -> dict:
    item = selectors.gap_items(item.masterplan).get(pk=item.pk)
    return gap_out(item, item.lens.code)


def _reload_swot(item) -> dict:
    item = selectors.swot_items(item.masterplan).select_related("lens").get(pk=item.pk)
    return swot_out(item, item.lens.code)


# --- reads -----------------------------------------------------------------------------------

@router.get("/{code}/readiness", response={200: ReadinessOut, **ERROR_RESPONSES})
def get_readiness(request, code: str, masterplan: int | None = None):
    """Per lens: the assessment, SWOT items and gap items (with the ids of the programmes closing them)."""
    plan = plan_selectors.masterplan_or_404(_city(request, code), masterplan)
    rows = selectors.readiness_by_lens(plan)
    return {
        "masterplan_id": plan.pk,
        "lenses": [{"code": r["lens"].code, "name": r["lens"].name, "is_core": r["lens"].is_core,
                    "assessment": assessment_out(r["assessment"]),
                    "swot_items": [swot_out(i, r["lens"].code) for i in r["swot"]],
                    "gap_items": [gap_out(g, r["lens"].code) for g in r["gaps"]]} for r in rows],
        "gaps_without_programme": [g.pk for g in selectors.gaps_without_programme(rows)],
    }


@router.get("/{code}/readiness/gaps", response={200: GapList, **ERROR_RESPONSES})
def list_gaps(request, code: str, masterplan: int | None = None, lens: str | None = None, without_programme: bool = False,
              limit: int = 25, offset: int = 0):
    """Gap items, filterable by lens and to those no programme closes yet."""
    plan = plan_selectors.masterplan_or_404(_city(request, code), masterplan)
    gaps = selectors.gap_items(plan)
    if lens:
        gaps = gaps.filter(lens__code=lens)
    if without_programme:
        gaps = gaps.filter(programmes__isnull=True)
    limit, offset = min(max(limit, 1), 100), max(offset, 0)
    return {"count": gaps.count(), "items": [gap_out(g, g.lens.code) for g in gaps[offset:offset + limit]]}


# --- writes ----------------------------------------------------------------------------------

@router.post("/{code}/readiness/swot", response={201: SwotOut, **ERROR_RESPONSES})
def create_swot(request, code: str, payload: SwotIn):
    plan = plan_selectors.masterplan_or_404(_city(request, code), payload.masterplan)
    lens = selectors.lens_or_404(payload.lens)
    item = services.swot_item_create(actor=user_of(request), masterplan=plan, lens=lens, category=payload.category,
                                     text=payload.text, order=payload.order)
    return 201, swot_out(item, lens.code)


@router.patch("/{code}/readiness/swot/{item_id}", response={200: SwotOut, **ERROR_RESPONSES})
def update_swot(request, code: str, item_id: int, payload: SwotPatch):
    item = selectors.swot_item_or_404(_city(request, code), item_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    item = services.swot_item_update(actor=user_of(request), item=item, **fields)
    return _reload_swot(item)


@router.delete("/{code}/readiness/swot/{item_id}", response={204: None, **ERROR_RESPONSES})
def delete_swot(request, code: str, item_id: int):
    item = selectors.swot_item_or_404(_city(request, code), item_id)
    services.swot_item_delete(actor=user_of(request), item=item)
    return 204, None


@router.post("/{code}/readiness/gaps", response={201: GapOut, **ERROR_RESPONSES})
def create_gap(request, code: str, payload: GapIn):
    plan = plan_selectors.masterplan_or_404(_city(request, code), payload.masterplan)
    lens = selectors.lens_or_404(payload.lens)
    item = services.gap_item_create(actor=user_of(request), masterplan=plan, lens=lens, description=payload.description,
                                    current_condition=payload.current_condition, target_condition=payload.target_condition,
                                    programmes=_programmes(payload.programme_ids))
    return 201, _reload_gap(item)


@router.patch("/{code}/readiness/gaps/{item_id}", response={200: GapOut, **ERROR_RESPONSES})
def update_gap(request, code: str, item_id: int, payload: GapPatch):
    item = selectors.gap_item_or_404(_city(request, code), item_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    ids = fields.pop("programme_ids", None)
    item = services.gap_item_update(actor=user_of(request), item=item, programmes=_programmes(ids) if ids is not None else None, **fields)
    return _reload_gap(item)


@router.delete("/{code}/readiness/gaps/{item_id}", response={204: None, **ERROR_RESPONSES})
def delete_gap(request, code: str, item_id: int):
    item = selectors.gap_item_or_404(_city(request, code), item_id)
    services.gap_item_delete(actor=user_of(request), item=item)
    return 204, None


@router.post("/{code}/readiness/adopt/{output_id}", response={201: AdoptedOut, **ERROR_RESPONSES})
def adopt_output(request, code: str, output_id: int, payload: AdoptIn | None = None):
    """Adopt a bimtek SWOT or gap output (`lens` only for a gap output recorded without one)."""
    city = _city(request, code)
    output = selectors.output_or_404(city, output_id)
    lens = selectors.lens_or_404(payload.lens) if payload and payload.lens else None
    item = services.output_adopt(actor=user_of(request), city=city, output=output, lens=lens)
    if output.kind == "swot":
        return 201, {"kind": "swot", "swot_item": _reload_swot(item)}
    return 201, {"kind": "gap", "gap_item": _reload_gap(item)}


# Registered last: `{lens_code}` would otherwise shadow the literal paths above.
@router.put("/{code}/readiness/{lens_code}", response={200: AssessmentOut, **ERROR_RESPONSES})
def put_assessment(request, code: str, lens_code: str, payload: AssessmentIn):
    """Set a lens's rating (a value of the configurable scale, or null) and its current vs target condition."""
    city = _city(request, code)
    plan = plan_selectors.masterplan_or_404(city, payload.masterplan)
    lens = selectors.lens_or_404(lens_code)
    assessment = services.assessment_save(actor=user_of(request), masterplan=plan, lens=lens, rating=_rating(payload.rating),
                                          current_condition=payload.current_condition, target_condition=payload.target_condition)
    return assessment_out(assessment)
