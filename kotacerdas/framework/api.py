"""The national reference framework: public reads; evaluation weights set by the ministry."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Path, Query, Router, Schema
from pydantic import Field

from kotacerdas.core import concurrency
from kotacerdas.core.api import ERROR_RESPONSES, Input, Paging, page, user_of
from kotacerdas.framework import models as m
from kotacerdas.framework import selectors, services
from kotacerdas.framework.models import StakeholderType

router = Router(tags=["framework"])

YEAR = Path(..., ge=services.YEAR_RANGE[0], le=services.YEAR_RANGE[1], description="Evaluation year, e.g. 2024.")


# --- schemas ------------------------------------------------------------------------------------


class FrameworkNamed(Schema):
    """A coded catalogue entry with its bilingual name (`name` Indonesian, `name_en` English)."""

    code: str = Field(description="Stable code, used as `<thing>_code` everywhere in the API.")
    name: str = Field(description="Name in Indonesian.")
    name_en: str = Field(description="Name in English (may be empty).")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.name_id


class FrameworkDescribed(FrameworkNamed):
    description: str = Field(description="Description in Indonesian.")
    description_en: str = Field(description="Description in English (may be empty).")

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.description_id


class FrameworkElementOut(FrameworkNamed):
    dimension_code: str
    dimension_name: str = Field(description="The dimension's name in the language of `Accept-Language`.")

    @staticmethod
    def resolve_dimension_code(element: m.Element) -> str:
        return element.dimension.code

    @staticmethod
    def resolve_dimension_name(element: m.Element) -> str:
        return element.dimension.name


class FrameworkElementPage(Schema):
    count: int
    items: list[FrameworkElementOut]


class FrameworkElementFilters(Paging):
    dimension_code: str | None = Field(None, max_length=40, description="Only the elements of this dimension, e.g. `living`.")


class FrameworkDimensionOut(FrameworkDescribed):
    elements: list[FrameworkElementOut]


class FrameworkDimensionPage(Schema):
    count: int
    items: list[FrameworkDimensionOut]


class FrameworkEvaluationDimensionOut(FrameworkDescribed):
    pass


class FrameworkEvaluationDimensionPage(Schema):
    count: int
    items: list[FrameworkEvaluationDimensionOut]


class FrameworkEvaluationWeightOut(Schema):
    evaluation_dimension_code: str
    evaluation_dimension_name: str = Field(description="In the language of `Accept-Language`.")
    weight: float = Field(description="Percent; the weights of a year add up to 100.")

    @staticmethod
    def resolve_evaluation_dimension_code(weight: m.EvaluationWeight) -> str:
        return weight.dimension.code

    @staticmethod
    def resolve_evaluation_dimension_name(weight: m.EvaluationWeight) -> str:
        return weight.dimension.name


class FrameworkEvaluationYearOut(Schema):
    year: int
    version: int = Field(description="One more at each change of the year's weights (the `ETag`).")
    source: str = Field(description="Where the weights come from, e.g. the years whose official results they reproduce.")
    note: str = Field(description="What is known about the year; empty `weights` means they are unknown (never invented).")
    weights: list[FrameworkEvaluationWeightOut]


class FrameworkEvaluationYearPage(Schema):
    count: int
    items: list[FrameworkEvaluationYearOut]


class FrameworkEvaluationWeightIn(Input):
    evaluation_dimension_code: str = Field(max_length=40, examples=["impact"])
    weight: Decimal = Field(ge=0, le=100, decimal_places=2, description="Percent, at most two decimals.")


class FrameworkEvaluationWeightsIn(Input):
    weights: list[FrameworkEvaluationWeightIn] = Field(
        max_length=50,
        description="One weight (percent) per evaluation dimension; they must add up to 100.",
        examples=[
            [
                {"evaluation_dimension_code": code, "weight": weight}
                for code, weight in [("baseline", 10), ("output", 20), ("outcome", 30), ("impact", 20), ("quick-win", 20)]
            ]
        ],
    )
    source: str = Field("", max_length=300, description="Where the weights come from (letter, guideline); empty keeps the current one.")


class FrameworkReadinessLensOut(FrameworkDescribed):
    is_core: bool


class FrameworkReadinessLensPage(Schema):
    count: int
    items: list[FrameworkReadinessLensOut]


class FrameworkReadinessRatingOut(Schema):
    value: int
    label: str = Field(description="Meaning in Indonesian.")
    label_en: str = Field(description="Meaning in English (may be empty).")

    @staticmethod
    def resolve_label(rating: m.ReadinessRating) -> str:
        return rating.label_id


class FrameworkReadinessRatingPage(Schema):
    count: int
    items: list[FrameworkReadinessRatingOut]


class FrameworkFundingSourceOut(FrameworkNamed):
    from_partner: bool = Field(description="A share from this source names the contributing stakeholder (stakeholder_id).")


class FrameworkRegulationTypeOut(FrameworkNamed):
    pass


class FrameworkRegulationTypePage(Schema):
    count: int
    items: list[FrameworkRegulationTypeOut]


class FrameworkMeetingKindOut(FrameworkNamed):
    pass


class FrameworkMeetingKindPage(Schema):
    count: int
    items: list[FrameworkMeetingKindOut]


class FrameworkFundingSourcePage(Schema):
    count: int
    items: list[FrameworkFundingSourceOut]


class FrameworkStakeholderTypeOut(FrameworkNamed):
    pentahelix: Literal[tuple(StakeholderType.Group.values)] = Field(description="Pentahelix group.")
    pentahelix_label: str

    @staticmethod
    def resolve_pentahelix_label(kind: m.StakeholderType) -> str:
        return str(kind.get_pentahelix_display())


class FrameworkStakeholderTypePage(Schema):
    count: int
    items: list[FrameworkStakeholderTypeOut]


class FrameworkProgrammeStatusOut(FrameworkNamed):
    counts_as_realised: bool


class FrameworkProgrammeStatusPage(Schema):
    count: int
    items: list[FrameworkProgrammeStatusOut]


class FrameworkHorizonOut(FrameworkNamed):
    first_year: int = Field(description="First year of the plan it covers (1 = the plan's first year).")
    last_year: int


class FrameworkHorizonPage(Schema):
    count: int
    items: list[FrameworkHorizonOut]


class FrameworkQuickWinCriterionOut(FrameworkNamed):
    criteria_set: Literal[tuple(m.QuickWinCriterion.CriteriaSet.values)] = Field(
        description="`masterplan`: the masterplan guidance's criteria, used to select quick wins; `evaluation`: the evaluation guidance's."
    )
    max_score: int
    source: str = Field(description="The guidance the criterion comes from.")


class FrameworkQuickWinCriterionPage(Schema):
    count: int
    items: list[FrameworkQuickWinCriterionOut]


def _catalogue(rows, paging: Paging) -> dict:
    """One page of a national catalogue. Each holds a few dozen rows at most: read whole in one
    query (plus its prefetches) rather than a COUNT and a slice."""
    return page(list(rows), paging)


# --- operations ---------------------------------------------------------------------------------


@router.get("/dimensions", response={200: FrameworkDimensionPage, **ERROR_RESPONSES}, summary="Smart-city dimensions with their elements")
def list_dimensions(request, paging: Query[Paging]):
    """The six dimensions, each with its three elements."""
    return _catalogue(selectors.dimensions(), paging)


@router.get("/elements", response={200: FrameworkElementPage, **ERROR_RESPONSES}, summary="Elements of the smart-city dimensions")
def list_elements(request, filters: Query[FrameworkElementFilters]):
    """The eighteen elements in dimension order. Errors: `unknown_code` (no dimension has `dimension_code`)."""
    return _catalogue(selectors.elements(dimension_code=filters.dimension_code), filters)


@router.get("/evaluation-dimensions", response={200: FrameworkEvaluationDimensionPage, **ERROR_RESPONSES}, summary="Evaluation dimensions")
def list_evaluation_dimensions(request, paging: Query[Paging]):
    """Baseline, Output, Outcome, Impact, Quick Win: what the annual evaluation scores 0–5."""
    return _catalogue(m.EvaluationDimension.objects.all(), paging)


@router.get("/evaluation-years", response={200: FrameworkEvaluationYearPage, **ERROR_RESPONSES}, summary="Evaluation weights of every year")
def list_evaluation_weights(request, paging: Query[Paging]):
    """Every evaluation year, newest first, with the weight of each evaluation dimension."""
    return _catalogue(selectors.evaluation_years(), paging)


@router.get(
    "/evaluation-years/{year}", response={200: FrameworkEvaluationYearOut, **ERROR_RESPONSES}, summary="Evaluation weights of one year"
)
def get_evaluation_weights(request, year: int = YEAR):
    """Errors: `not_found` when the year has no weights."""
    return selectors.evaluation_year_or_404(year)


@router.put(
    "/evaluation-years/{year}",
    response={200: FrameworkEvaluationYearOut, **ERROR_RESPONSES},
    summary="Set the evaluation weights of a year",
)
def update_evaluation_weights(request, payload: FrameworkEvaluationWeightsIn, year: int = YEAR):
    """Creates the year or replaces its weights. National administrators only. `If-Match` names the
    year's version (a year not recorded yet is created without it).

    Errors: `weights_not_100`, `weight_repeated`, `required` (a dimension without weight),
    `unknown_code` (an unknown evaluation dimension), `forbidden` (403), `not_authenticated` (401),
    `validation_error` (422: a weight outside 0–100 or with more than two decimals).
    """
    with concurrency.from_request(request, m.EvaluationYear.objects.filter(year=year).first()):
        services.evaluation_weights_set(
            actor=user_of(request),
            year=year,
            source=payload.source,
            weights=[(w.evaluation_dimension_code, w.weight) for w in payload.weights],
        )
    return selectors.evaluation_year_or_404(year)


@router.get("/readiness-lenses", response={200: FrameworkReadinessLensPage, **ERROR_RESPONSES}, summary="Readiness lenses")
def list_readiness_lenses(request, paging: Query[Paging]):
    """Struktur, Infrastruktur, Suprastruktur (core) and the optional lenses."""
    return _catalogue(m.ReadinessLens.objects.all(), paging)


@router.get("/readiness-ratings", response={200: FrameworkReadinessRatingPage, **ERROR_RESPONSES}, summary="Readiness rating scale")
def list_readiness_ratings(request, paging: Query[Paging]):
    """The product's own scale: the programme publishes no official readiness scale."""
    return _catalogue(m.ReadinessRating.objects.all(), paging)


@router.get("/funding-sources", response={200: FrameworkFundingSourcePage, **ERROR_RESPONSES}, summary="Funding sources")
def list_funding_sources(request, paging: Query[Paging]):
    return _catalogue(m.FundingSource.objects.all(), paging)


@router.get("/stakeholder-types", response={200: FrameworkStakeholderTypePage, **ERROR_RESPONSES}, summary="Stakeholder types")
def list_stakeholder_types(request, paging: Query[Paging]):
    """Each with its pentahelix group."""
    return _catalogue(m.StakeholderType.objects.all(), paging)


@router.get("/programme-statuses", response={200: FrameworkProgrammeStatusPage, **ERROR_RESPONSES}, summary="Programme statuses")
def list_programme_statuses(request, paging: Query[Paging]):
    return _catalogue(m.ProgrammeStatus.objects.all(), paging)


@router.get("/horizons", response={200: FrameworkHorizonPage, **ERROR_RESPONSES}, summary="Roadmap horizons")
def list_horizons(request, paging: Query[Paging]):
    return _catalogue(m.Horizon.objects.all(), paging)


@router.get("/quick-win-criteria", response={200: FrameworkQuickWinCriterionPage, **ERROR_RESPONSES}, summary="Quick-win criteria")
def list_quick_win_criteria(request, paging: Query[Paging]):
    """The masterplan guidance's six criteria (quick-win selection), then the evaluation guidance's ten."""
    return _catalogue(m.QuickWinCriterion.objects.order_by("-criteria_set", "order", "code"), paging)


@router.get("/regulation-types", response={200: FrameworkRegulationTypePage, **ERROR_RESPONSES}, summary="Regulation types")
def list_regulation_types(request, paging: Query[Paging]):
    return _catalogue(m.RegulationType.objects.all(), paging)


@router.get("/meeting-kinds", response={200: FrameworkMeetingKindPage, **ERROR_RESPONSES}, summary="Kinds of meetings other than bimtek")
def list_meeting_kinds(request, paging: Query[Paging]):
    return _catalogue(m.MeetingKind.objects.all(), paging)
