"""The national reference framework: public reads; evaluation weights set by the ministry."""
from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Path, Router, Schema
from pydantic import Field

from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.framework import models as m
from kotacerdas.framework import selectors, services
from kotacerdas.framework.models import StakeholderType

router = Router(tags=["framework"])

YEAR = Path(..., ge=services.YEAR_RANGE[0], le=services.YEAR_RANGE[1], description="Evaluation year, e.g. 2024.")


class Named(Schema):
    code: str
    name_id: str = Field(description="Name in Indonesian.")
    name_en: str = Field(description="Name in English (may be empty).")


class Described(Named):
    description_id: str
    description_en: str


class ElementOut(Named):
    pass


class DimensionOut(Described):
    elements: list[ElementOut]


class EvaluationDimensionOut(Described):
    pass


class FundingSourceOut(Named):
    pass


class ReadinessLensOut(Described):
    is_core: bool


class RatingOut(Schema):
    value: int
    label_id: str
    label_en: str


class StakeholderTypeOut(Named):
    pentahelix: Literal[tuple(StakeholderType.Group.values)] = Field(description="Pentahelix group.")


class ProgrammeStatusOut(Named):
    counts_as_realised: bool


class HorizonOut(Named):
    first_year: int = Field(description="First year of the plan it covers (1 = the plan's first year).")
    last_year: int


class CriterionOut(Named):
    max_score: int


class WeightOut(Schema):
    dimension: str = Field(alias="dimension.code")
    weight: float = Field(description="Percent; the weights of a year add up to 100.")


class EvaluationYearOut(Schema):
    year: int
    source: str
    weights: list[WeightOut]


class WeightsIn(Schema):
    weights: dict[str, Decimal] = Field(
        description="One weight (percent) per evaluation dimension code; they must add up to 100.",
        examples=[{"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-win": 20}],
    )
    source: str = Field("", max_length=300, description="Where the weights come from (letter, guideline).")


def _list(schema):
    """The `{count, items}` envelope of a complete (unpaginated) catalogue."""
    return type(f"{schema.__name__}List", (Schema,), {"__annotations__": {"count": int, "items": list[schema]}})


def _envelope(queryset):
    items = list(queryset)
    return {"count": len(items), "items": items}


@router.get("/dimensions", response={200: _list(DimensionOut), **ERROR_RESPONSES}, summary="Smart-city dimensions with their elements")
def dimension_list(request):
    """The six dimensions, each with its three elements."""
    return _envelope(selectors.dimensions())


@router.get("/evaluation-dimensions", response={200: _list(EvaluationDimensionOut), **ERROR_RESPONSES}, summary="Evaluation dimensions")
def evaluation_dimension_list(request):
    """Baseline, Output, Outcome, Impact, Quick Win: what the annual evaluation scores 0–5."""
    return _envelope(m.EvaluationDimension.objects.all())


@router.get("/evaluation-years", response={200: _list(EvaluationYearOut), **ERROR_RESPONSES}, summary="Evaluation years with weights")
def evaluation_year_list(request):
    """Every evaluation year, newest first, with the weight of each evaluation dimension."""
    return _envelope(selectors.evaluation_years())


@router.get("/evaluation-years/{year}", response={200: EvaluationYearOut, **ERROR_RESPONSES}, summary="One evaluation year")
def evaluation_year_detail(request, year: int = YEAR):
    """Errors: `not_found` when the year has no weights."""
    return selectors.evaluation_year_or_404(year)


@router.put("/evaluation-years/{year}", response={200: EvaluationYearOut, **ERROR_RESPONSES}, summary="Set a year's weights")
def evaluation_year_set(request, payload: WeightsIn, year: int = YEAR):
    """National administrators only. Errors: `weights_not_100`, `missing_weight`, `unknown_dimension`,
    `weight_out_of_range`, `forbidden` (403), `not_authenticated` (401)."""
    services.evaluation_weights_set(actor=user_of(request), year=year, weights=payload.weights, source=payload.source)
    return selectors.evaluation_year_or_404(year)


@router.get("/readiness-lenses", response={200: _list(ReadinessLensOut), **ERROR_RESPONSES}, summary="Readiness lenses")
def readiness_lens_list(request):
    """Struktur, Infrastruktur, Suprastruktur (core) and the optional lenses."""
    return _envelope(m.ReadinessLens.objects.all())


@router.get("/readiness-ratings", response={200: _list(RatingOut), **ERROR_RESPONSES}, summary="Readiness rating scale")
def readiness_rating_list(request):
    return _envelope(m.ReadinessRating.objects.all())


@router.get("/funding-sources", response={200: _list(FundingSourceOut), **ERROR_RESPONSES}, summary="Funding sources")
def funding_source_list(request):
    return _envelope(m.FundingSource.objects.all())


@router.get("/stakeholder-types", response={200: _list(StakeholderTypeOut), **ERROR_RESPONSES}, summary="Stakeholder types")
def stakeholder_type_list(request):
    """Each with its pentahelix group."""
    return _envelope(m.StakeholderType.objects.all())


@router.get("/programme-statuses", response={200: _list(ProgrammeStatusOut), **ERROR_RESPONSES}, summary="Programme statuses")
def programme_status_list(request):
    return _envelope(m.ProgrammeStatus.objects.all())


@router.get("/horizons", response={200: _list(HorizonOut), **ERROR_RESPONSES}, summary="Roadmap horizons")
def horizon_list(request):
    return _envelope(m.Horizon.objects.all())


@router.get("/quick-win-criteria", response={200: _list(CriterionOut), **ERROR_RESPONSES}, summary="Quick-win criteria")
def quick_win_criterion_list(request):
    return _envelope(m.QuickWinCriterion.objects.all())
