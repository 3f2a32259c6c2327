"""Readiness analysis: /api/v1/cities/{code}/readiness (per lens), lens assessments, SWOT items, gaps, adopted bimtek outputs;
the strategies per dimension: /api/v1/cities/{code}/strategies."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from kotacerdas.bimtek.models import Output
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency
from kotacerdas.core.api import ERROR_RESPONSES, Id, Input, Paging, absent, changes, page, resolve, resolve_code, user_of
from kotacerdas.framework.models import Dimension, ReadinessLens
from kotacerdas.readiness import selectors, services
from kotacerdas.readiness.models import GapItem, Strategy, SwotItem

router = Router(tags=["readiness"])

ORDER = {"ge": 1, "le": 32767}
# S, W, O, T: an inline enum in the document (the model's choices).
SwotCategory = Literal[tuple(SwotItem.Category.values)]  # type: ignore[valid-type]
# SO, ST, WO, WT, or "" for none: the quadrant of the TOWS matrix.
Pairing = Literal[("", *Strategy.Pairing.values)]  # type: ignore[valid-type]


# --- answers ---------------------------------------------------------------------------------


class ReadinessAssessmentOut(Schema):
    lens_code: str
    lens_name: str
    rating_code: int | None = Field(
        description="The value of the rating scale's level (`/framework/readiness-ratings`), null when not rated."
    )
    rating_name: str | None
    current_condition: str
    target_condition: str


class ReadinessSwotItemOut(Schema):
    id: int
    version: int
    masterplan_id: int
    lens_code: str
    lens_name: str
    category: SwotCategory
    category_label: str
    text: str
    order: int
    origin_output_id: int | None = Field(description="The bimtek output this item was adopted from.")
    provenance: str = Field(description="“Bimtek I · Dinas Kesehatan”: where and by whom it was proposed (empty if not adopted).")


class ReadinessGapOut(Schema):
    id: int
    version: int
    masterplan_id: int
    lens_code: str
    lens_name: str
    description: str
    current_condition: str
    target_condition: str
    programme_ids: list[int] = Field(description="The programmes of the masterplan that close the gap.")
    programme_names: list[str] = Field(description="Their names, in the order of `programme_ids`.")
    origin_output_id: int | None
    provenance: str


class ReadinessLensAnalysisOut(Schema):
    lens_code: str
    lens_name: str
    is_core: bool
    assessment: ReadinessAssessmentOut | None
    swot_items: list[ReadinessSwotItemOut]
    gaps: list[ReadinessGapOut]


class ReadinessOut(Schema):
    masterplan_id: int
    lenses: list[ReadinessLensAnalysisOut]
    gap_ids_without_programme: list[int] = Field(description="Gaps no programme closes yet: findings the masterplan must answer.")


class ReadinessGapPage(Schema):
    count: int
    items: list[ReadinessGapOut]


class ReadinessStrategySwotOut(Schema):
    id: int
    lens_code: str
    category: SwotCategory
    text: str


class ReadinessStrategyOut(Schema):
    id: int
    version: int
    masterplan_id: int
    dimension_code: str
    dimension_name: str
    title: str
    text: str
    order: int
    pairing: Pairing = Field(description="The quadrant of the TOWS matrix (SO, ST, WO, WT), empty when none.")
    pairing_label: str
    swot_item_ids: list[int] = Field(description="The SWOT items of the masterplan it answers.")
    swot_items: list[ReadinessStrategySwotOut] = Field(description="The same SWOT items, read-only, in the order of the analysis.")
    programme_ids: list[int] = Field(description="The programmes of the masterplan that carry it.")
    programme_names: list[str] = Field(description="Their names, in the order of `programme_ids`.")
    origin_output_id: int | None = Field(description="The bimtek strategy output it was adopted from.")
    provenance: str


class ReadinessStrategyPage(Schema):
    count: int
    items: list[ReadinessStrategyOut]


class ReadinessAdoptedOut(Schema):
    kind: str
    kind_label: str
    swot_item: ReadinessSwotItemOut | None = None
    gap: ReadinessGapOut | None = None
    strategy: ReadinessStrategyOut | None = None


# --- questions and bodies --------------------------------------------------------------------


class ReadinessFilters(Schema):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")


class ReadinessGapFilters(Paging):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    lens_code: str | None = None
    without_programme: bool = Field(False, description="Only the gaps no programme closes yet.")


class ReadinessAssessmentIn(Input):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    rating_code: int | None = Field(None, description="A value of the rating scale; null: not rated.")
    current_condition: str = ""
    target_condition: str = ""


class ReadinessSwotItemIn(Input):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    lens_code: str
    category: SwotCategory
    text: str
    order: int | None = Field(None, description="Its place within the category; last when left out.", **ORDER)


class ReadinessSwotItemPatch(Input):
    category: SwotCategory = absent(description="A new category puts the item last in it (unless `order` is sent).")
    text: str = absent()
    order: int = absent(**ORDER)


class ReadinessGapIn(Input):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    lens_code: str
    description: str
    current_condition: str = ""
    target_condition: str = ""
    programme_ids: list[Id] = Field([], description="Programmes of the same masterplan that close the gap.")


class ReadinessGapPatch(Input):
    description: str = absent()
    current_condition: str = absent()
    target_condition: str = absent()
    programme_ids: list[Id] = absent(description="Replaces the closing programmes; [] unlinks them all.")


class ReadinessStrategyFilters(Paging):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    dimension_code: str | None = None


class ReadinessStrategyIn(Input):
    masterplan_id: Id | None = Field(None, description="A masterplan of the city; the current one when left out.")
    dimension_code: str
    title: str = Field(max_length=200)
    text: str = ""
    pairing: Pairing = ""
    order: int | None = Field(None, description="Its place within the dimension; last when left out.", **ORDER)
    swot_item_ids: list[Id] = Field([], description="SWOT items of the same masterplan that it answers.")
    programme_ids: list[Id] = Field([], description="Programmes of the same masterplan that carry it.")


class ReadinessStrategyPatch(Input):
    dimension_code: str = absent(description="A new dimension puts the strategy last in it (unless `order` is sent).")
    title: str = absent(max_length=200)
    text: str = absent()
    pairing: Pairing = absent()
    order: int = absent(**ORDER)
    swot_item_ids: list[Id] = absent(description="Replaces the SWOT items it answers; [] unlinks them all.")
    programme_ids: list[Id] = absent(description="Replaces the programmes carrying it; [] unlinks them all.")


class ReadinessAdoptIn(Input):
    lens_code: str | None = Field(None, description="Only for a gap output recorded without a lens.")


# --- serialisers -----------------------------------------------------------------------------


def assessment_out(a, lens: ReadinessLens) -> dict | None:
    if a is None:
        return None
    return {
        "lens_code": lens.code,
        "lens_name": lens.name,
        "rating_code": a.rating.value if a.rating else None,
        "rating_name": a.rating.label if a.rating else None,
        "current_condition": a.current_condition,
        "target_condition": a.target_condition,
    }


def swot_out(item) -> dict:
    return {
        "id": item.pk,
        "version": item.version,
        "masterplan_id": item.masterplan_id,
        "lens_code": item.lens.code,
        "lens_name": item.lens.name,
        "category": item.category,
        "category_label": item.get_category_display(),
        "text": item.text,
        "order": item.order,
        "origin_output_id": item.origin_id,
        "provenance": selectors.provenance(item.origin),
    }


def gap_out(item) -> dict:
    programmes = list(item.programmes.all())
    return {
        "id": item.pk,
        "version": item.version,
        "masterplan_id": item.masterplan_id,
        "lens_code": item.lens.code,
        "lens_name": item.lens.name,
        "description": item.description,
        "current_condition": item.current_condition,
        "target_condition": item.target_condition,
        "programme_ids": [p.pk for p in programmes],
        "programme_names": [p.name for p in programmes],
        "origin_output_id": item.origin_id,
        "provenance": selectors.provenance(item.origin),
    }


def strategy_out(strategy) -> dict:
    swot = list(strategy.swot_items.all())
    programmes = list(strategy.programmes.all())
    return {
        "id": strategy.pk,
        "version": strategy.version,
        "masterplan_id": strategy.masterplan_id,
        "dimension_code": strategy.dimension.code,
        "dimension_name": strategy.dimension.name,
        "title": strategy.title,
        "text": strategy.text,
        "order": strategy.order,
        "pairing": strategy.pairing,
        "pairing_label": strategy.get_pairing_display() if strategy.pairing else "",
        "swot_item_ids": [i.pk for i in swot],
        "swot_items": [{"id": i.pk, "lens_code": i.lens.code, "category": i.category, "text": i.text} for i in swot],
        "programme_ids": [p.pk for p in programmes],
        "programme_names": [p.name for p in programmes],
        "origin_output_id": strategy.origin_id,
        "provenance": selectors.provenance(strategy.origin),
    }


# --- helpers ---------------------------------------------------------------------------------


def _city(request, code: str):
    return city_selectors.city_or_404(user_of(request), code)


def _swot_item(city, pk: int) -> SwotItem:
    item = resolve(SwotItem, pk, city=city, queryset=SwotItem.objects.select_related("masterplan", "lens"))
    item.masterplan.city = city
    return item


def _gap(city, pk: int) -> GapItem:
    item = resolve(GapItem, pk, city=city, queryset=GapItem.objects.select_related("masterplan", "lens"))
    item.masterplan.city = city
    return item


def _strategy(city, pk: int) -> Strategy:
    strategy = resolve(Strategy, pk, city=city, queryset=Strategy.objects.select_related("masterplan"))
    strategy.masterplan.city = city
    return strategy


def _reload_strategy(strategy) -> dict:
    return strategy_out(selectors.strategies(strategy.masterplan).get(pk=strategy.pk))


def _reload_swot(item) -> dict:
    return swot_out(selectors.swot_items(item.masterplan).get(pk=item.pk))


def _reload_gap(item) -> dict:
    return gap_out(selectors.gap_items(item.masterplan).get(pk=item.pk))


# --- reads -----------------------------------------------------------------------------------


@router.get("/{code}/readiness", response={200: ReadinessOut, **ERROR_RESPONSES}, summary="The readiness analysis, per lens")
def get_readiness(request, code: str, filters: Query[ReadinessFilters]):
    """Per lens: the assessment, SWOT items and gaps (with the programmes closing them), and the gaps nothing closes yet."""
    plan = selectors.masterplan_of(_city(request, code), filters.masterplan_id)
    rows = selectors.readiness_by_lens(plan)
    return {
        "masterplan_id": plan.pk,
        "lenses": [
            {
                "lens_code": r["lens"].code,
                "lens_name": r["lens"].name,
                "is_core": r["lens"].is_core,
                "assessment": assessment_out(r["assessment"], r["lens"]),
                "swot_items": [swot_out(i) for i in r["swot"]],
                "gaps": [gap_out(g) for g in r["gaps"]],
            }
            for r in rows
        ],
        "gap_ids_without_programme": [g.pk for g in selectors.gaps_without_programme(rows)],
    }


@router.get("/{code}/readiness/gaps", response={200: ReadinessGapPage, **ERROR_RESPONSES}, summary="Gaps of the analysis")
def list_readiness_gaps(request, code: str, filters: Query[ReadinessGapFilters]):
    """Gaps of a masterplan, filterable by lens and to those no programme closes yet."""
    plan = selectors.masterplan_of(_city(request, code), filters.masterplan_id)
    gaps = selectors.gap_items(plan)
    if filters.lens_code is not None:
        gaps = gaps.filter(lens=resolve_code(ReadinessLens, filters.lens_code, field="lens_code"))
    if filters.without_programme:
        gaps = gaps.filter(programmes__isnull=True)
    return page(gaps, filters, gap_out)


# --- writes ----------------------------------------------------------------------------------


# Registered before the paths with an id so that none shadows another.
@router.put(
    "/{code}/readiness/lenses/{lens_code}/assessment",
    response={200: ReadinessAssessmentOut, **ERROR_RESPONSES},
    summary="Set a lens's assessment",
)
def replace_lens_assessment(request, code: str, lens_code: str, payload: ReadinessAssessmentIn):
    """A lens's rating (a value of the configurable scale, or null) and its current vs target condition."""
    city = _city(request, code)
    lens = selectors.lens_or_404(lens_code)
    assessment = services.assessment_save(
        actor=user_of(request),
        city=city,
        lens=lens,
        masterplan_id=payload.masterplan_id,
        rating_code=payload.rating_code,
        current_condition=payload.current_condition,
        target_condition=payload.target_condition,
    )
    return assessment_out(assessment, lens)


@router.post("/{code}/readiness/swot-items", response={201: ReadinessSwotItemOut, **ERROR_RESPONSES}, summary="Add a SWOT item")
def create_swot_item(request, code: str, payload: ReadinessSwotItemIn):
    item = services.swot_item_create(
        actor=user_of(request),
        city=_city(request, code),
        masterplan_id=payload.masterplan_id,
        lens_code=payload.lens_code,
        category=payload.category,
        text=payload.text,
        order=payload.order,
    )
    return Status(201, _reload_swot(item))


@router.patch(
    "/{code}/readiness/swot-items/{swot_item_id}", response={200: ReadinessSwotItemOut, **ERROR_RESPONSES}, summary="Change a SWOT item"
)
def update_swot_item(request, code: str, swot_item_id: int, payload: ReadinessSwotItemPatch):
    item = _swot_item(_city(request, code), swot_item_id)
    with concurrency.from_request(request, item):
        item = services.swot_item_update(actor=user_of(request), item=item, **changes(payload))
    return _reload_swot(item)


@router.delete("/{code}/readiness/swot-items/{swot_item_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a SWOT item")
def delete_swot_item(request, code: str, swot_item_id: int):
    services.swot_item_delete(actor=user_of(request), item=_swot_item(_city(request, code), swot_item_id))
    return Status(204, None)


@router.post("/{code}/readiness/gaps", response={201: ReadinessGapOut, **ERROR_RESPONSES}, summary="Add a gap")
def create_readiness_gap(request, code: str, payload: ReadinessGapIn):
    item = services.gap_item_create(
        actor=user_of(request),
        city=_city(request, code),
        masterplan_id=payload.masterplan_id,
        lens_code=payload.lens_code,
        description=payload.description,
        current_condition=payload.current_condition,
        target_condition=payload.target_condition,
        programme_ids=payload.programme_ids,
    )
    return Status(201, _reload_gap(item))


@router.patch("/{code}/readiness/gaps/{gap_id}", response={200: ReadinessGapOut, **ERROR_RESPONSES}, summary="Change a gap")
def update_readiness_gap(request, code: str, gap_id: int, payload: ReadinessGapPatch):
    item = _gap(_city(request, code), gap_id)
    with concurrency.from_request(request, item):
        item = services.gap_item_update(actor=user_of(request), item=item, **changes(payload))
    return _reload_gap(item)


@router.delete("/{code}/readiness/gaps/{gap_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a gap")
def delete_readiness_gap(request, code: str, gap_id: int):
    services.gap_item_delete(actor=user_of(request), item=_gap(_city(request, code), gap_id))
    return Status(204, None)


@router.post(
    "/{code}/readiness/outputs/{output_id}/adopt", response={201: ReadinessAdoptedOut, **ERROR_RESPONSES}, summary="Adopt a bimtek output"
)
def adopt_output(request, code: str, output_id: int, payload: ReadinessAdoptIn | None = None):
    """Turn a bimtek SWOT, gap or strategy output into content of the masterplan, keeping its provenance (`lens_code` only for a gap output recorded without one)."""
    city = _city(request, code)
    output = resolve(Output, output_id, city=city, queryset=Output.objects.select_related("workshop__masterplan", "lens"))
    output.workshop.masterplan.city = city
    item = services.output_adopt(actor=user_of(request), output=output, lens_code=payload.lens_code if payload else None)
    answer = {"kind": output.kind, "kind_label": output.get_kind_display()}
    if output.kind == "swot":
        return Status(201, {**answer, "swot_item": _reload_swot(item)})
    if output.kind == "strategy":
        return Status(201, {**answer, "strategy": _reload_strategy(item)})
    return Status(201, {**answer, "gap": _reload_gap(item)})


# --- strategies per dimension ----------------------------------------------------------------


@router.get("/{code}/strategies", response={200: ReadinessStrategyPage, **ERROR_RESPONSES}, summary="Strategies per dimension")
def list_strategies(request, code: str, filters: Query[ReadinessStrategyFilters]):
    """The masterplan's strategies in the order of the dimensions, each with the SWOT items it answers and the programmes carrying it."""
    plan = selectors.masterplan_of(_city(request, code), filters.masterplan_id)
    rows = selectors.strategies(plan)
    if filters.dimension_code is not None:
        rows = rows.filter(dimension=resolve_code(Dimension, filters.dimension_code, field="dimension_code"))
    return page(rows, filters, strategy_out)


@router.get("/{code}/strategies/{strategy_id}", response={200: ReadinessStrategyOut, **ERROR_RESPONSES}, summary="One strategy")
def get_strategy(request, code: str, strategy_id: int):
    return _reload_strategy(_strategy(_city(request, code), strategy_id))


@router.post("/{code}/strategies", response={201: ReadinessStrategyOut, **ERROR_RESPONSES}, summary="Add a strategy")
def create_strategy(request, code: str, payload: ReadinessStrategyIn):
    """SWOT items and programmes must be of the same masterplan (400 `other_masterplan` otherwise; nothing is written)."""
    strategy = services.strategy_create(
        actor=user_of(request),
        city=_city(request, code),
        masterplan_id=payload.masterplan_id,
        dimension_code=payload.dimension_code,
        title=payload.title,
        text=payload.text,
        pairing=payload.pairing,
        order=payload.order,
        swot_item_ids=payload.swot_item_ids,
        programme_ids=payload.programme_ids,
    )
    return Status(201, _reload_strategy(strategy))


@router.patch("/{code}/strategies/{strategy_id}", response={200: ReadinessStrategyOut, **ERROR_RESPONSES}, summary="Change a strategy")
def update_strategy(request, code: str, strategy_id: int, payload: ReadinessStrategyPatch):
    """Only the fields sent change; `swot_item_ids` and `programme_ids`, when sent, replace the links."""
    strategy = _strategy(_city(request, code), strategy_id)
    with concurrency.from_request(request, strategy):
        strategy = services.strategy_update(actor=user_of(request), strategy=strategy, **changes(payload))
    return _reload_strategy(strategy)


@router.delete("/{code}/strategies/{strategy_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a strategy")
def delete_strategy(request, code: str, strategy_id: int):
    services.strategy_delete(actor=user_of(request), strategy=_strategy(_city(request, code), strategy_id))
    return Status(204, None)
