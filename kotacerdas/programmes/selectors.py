"""Reads of the programme registry, aggregated in SQL; the pages, the API and the documents share them."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from kotacerdas.framework.models import (
    SELECTED_QUICK_WINS,
    Dimension,
    Element,
    FundingSource,
    Horizon,
    ProgrammeStatus,
    QuickWinCriterion,
    advisory_number,
)
from kotacerdas.programmes.models import ActionStep, Programme, ProgrammeFunding, ProgrammeStakeholder, ProgrammeYear, QuickWin
from kotacerdas.regions.models import Level, Region

FILTERS = ("dimension", "element", "opd", "horizon", "status", "funding_source", "quick_win", "q")

# One colour per horizon code for the roadmap and charts (Bootstrap palette); others fall back to grey.
HORIZON_COLOURS = {"short": "#198754", "medium": "#0d6efd", "long": "#6f42c1"}
DEFAULT_COLOUR = "#6c757d"


def _budget_total(programme: str = "pk") -> Coalesce:
    """Sum of a programme's yearly budgets in a correlated subquery (no join fan-out); `programme` is the outer query's path to it."""
    sub = (
        ProgrammeYear.objects.filter(programme=OuterRef(programme))
        .order_by()
        .values("programme")
        .annotate(total=Sum("budget"))
        .values("total")
    )
    return Coalesce(Subquery(sub, output_field=DecimalField(max_digits=20, decimal_places=0)), Value(Decimal(0)))


def programmes(masterplan) -> QuerySet:
    """The programmes of a masterplan with what a list row shows, and their total budget."""
    return (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "lead_opd", "horizon", "status")
        .annotate(budget_total=_budget_total())
    )


def parse_filters(params) -> dict:
    """The list filters from query parameters (strings); blank ones are dropped."""
    filters = {}
    for key in FILTERS:
        value = params.get(key)
        if value not in (None, ""):
            filters[key] = str(value).strip()
    return filters


def programme_years(programmes: QuerySet) -> QuerySet:
    """The yearly rows of these programmes (the years sheet of the download), by programme and year."""
    return (
        ProgrammeYear.objects.filter(programme__in=programmes.values("pk"))
        .select_related("programme", "status")
        .prefetch_related(Prefetch("funding", queryset=funding_shares()))
        .order_by("programme__name", "programme_id", "year")
    )


def template_references(city) -> dict:
    """What the import template's reference sheet lists: the codes and names a cell may use."""
    return {
        "elements": list(Element.objects.select_related("dimension").order_by("dimension__order", "dimension__code", "code")),
        "opds": list(city.opds.order_by("short_name")),
        "horizons": list(Horizon.objects.all()),
        "statuses": list(ProgrammeStatus.objects.all()),
        "funding_sources": list(FundingSource.objects.all()),
    }


def filtered_programmes(masterplan, filters: dict) -> QuerySet:
    """Programmes matching the filters: dimension/element/horizon/status/funding_source by code,
    opd by id (leading or supporting), quick_win yes/no, q a text search."""
    qs = programmes(masterplan)
    if "dimension" in filters:
        qs = qs.filter(dimension__code=filters["dimension"])
    if "element" in filters:
        qs = qs.filter(element__code=filters["element"])
    if "horizon" in filters:
        qs = qs.filter(horizon__code=filters["horizon"])
    if "status" in filters:
        qs = qs.filter(status__code=filters["status"])
    if "opd" in filters:
        opd = _int(filters["opd"])
        if opd is None:
            return qs.none()
        supporting = Programme.supporting_opds.through.objects.filter(programme=OuterRef("pk"), opd_id=opd)
        qs = qs.filter(Q(lead_opd_id=opd) | Exists(supporting))
    if "funding_source" in filters:
        funded = ProgrammeFunding.objects.filter(year__programme=OuterRef("pk"), source__code=filters["funding_source"])
        qs = qs.filter(Exists(funded))
    if "quick_win" in filters:
        qs = qs.filter(is_quick_win=str(filters["quick_win"]).lower() in {"1", "true", "yes", "ya", "on"})
    if "q" in filters:
        text = filters["q"]
        qs = qs.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(problem__icontains=text) | Q(person_in_charge__icontains=text)
        )
    return qs


def programme_details(masterplan) -> QuerySet:
    """Programmes with everything the detail page and the API detail show, in a fixed number of queries
    (resolve one with `core.api.resolve(Programme, pk, city=…, queryset=programme_details(masterplan))`)."""
    return (
        programmes(masterplan)
        .select_related(
            "district", "village", "origin__workshop", "origin__proposed_by_opd", "origin__proposed_by_stakeholder", "quick_win"
        )
        .prefetch_related(
            Prefetch(
                "years",
                queryset=ProgrammeYear.objects.select_related("status").prefetch_related(Prefetch("funding", queryset=funding_shares())),
            ),
            Prefetch("partners", queryset=ProgrammeStakeholder.objects.select_related("stakeholder__type")),
            Prefetch("steps", queryset=ActionStep.objects.select_related("opd")),
            "supporting_opds",
            "evidence__uploaded_by",
            "quick_win__scores__criterion",
        )
    )


def summary_by_dimension(masterplan) -> list[dict]:
    """Per dimension (all six, even empty): programmes, budget, realised programmes and ratio."""
    counts = {
        row["dimension"]: row
        for row in Programme.objects.filter(masterplan=masterplan)
        .order_by()
        .values("dimension")
        .annotate(n=Count("pk"), realised=Count("pk", filter=Q(status__counts_as_realised=True)))
    }
    budgets = dict(
        ProgrammeYear.objects.filter(programme__masterplan=masterplan)
        .order_by()
        .values("programme__dimension")
        .annotate(total=Sum("budget"))
        .values_list("programme__dimension", "total")
    )
    summary = []
    for dimension in Dimension.objects.all():
        row = counts.get(dimension.pk, {"n": 0, "realised": 0})
        summary.append(
            {
                "code": dimension.code,
                "name": dimension.name,
                "programmes": row["n"],
                "realised": row["realised"],
                "budget": budgets.get(dimension.pk) or Decimal(0),
                "realisation_ratio": round(row["realised"] / row["n"], 4) if row["n"] else None,
            }
        )
    return summary


def funding_shares() -> QuerySet:
    """Funding shares with their source and stakeholder (prefetched on programme years: `Prefetch("funding", …)`)."""
    return ProgrammeFunding.objects.select_related("source", "stakeholder")


def chart_data(summary: list[dict]) -> dict:
    """The dimension summary in the shape the Chart.js charts read (JSON-safe)."""
    return {
        "labels": [row["name"] for row in summary],
        "programmes": [row["programmes"] for row in summary],
        "realised": [row["realised"] for row in summary],
        "budget": [float(row["budget"]) for row in summary],
    }


ROADMAP_PAGE_SIZE = 100
ROADMAP_ORDER = ("dimension__order", "start_year", "end_year", "name")


def roadmap(masterplan, page_number=None) -> dict:
    """One page of programmes by dimension laid over the masterplan's years, bars coloured by horizon."""
    years = list(masterplan.years)
    ordered = programmes(masterplan).order_by(*ROADMAP_ORDER)
    page = Paginator(ordered, ROADMAP_PAGE_SIZE).get_page(page_number)
    by_dimension: dict[int, list] = {}
    for programme in page:
        first = max(programme.start_year, masterplan.start_year)
        last = min(programme.end_year, masterplan.end_year)
        by_dimension.setdefault(programme.dimension_id, []).append(
            {
                "programme": programme,
                "column": first - masterplan.start_year + 2,  # grid column 1 holds the names
                "span": max(last - first + 1, 1),
                "colour": HORIZON_COLOURS.get(programme.horizon.code, DEFAULT_COLOUR),
            }
        )
    # On a single page every dimension shows, empty ones too; across pages only those on the page.
    groups = [
        {"dimension": dimension, "rows": by_dimension.get(dimension.pk, [])}
        for dimension in Dimension.objects.all()
        if dimension.pk in by_dimension or not page.has_other_pages()
    ]
    legend = [{"horizon": h, "colour": HORIZON_COLOURS.get(h.code, DEFAULT_COLOUR)} for h in Horizon.objects.all()]
    return {"years": years, "groups": groups, "legend": legend, "page": page}


def quick_wins(masterplan) -> QuerySet:
    """Quick-win sheets of a masterplan with their total score, best first."""
    return (
        QuickWin.objects.filter(programme__masterplan=masterplan)
        .select_related("programme__dimension", "programme__lead_opd", "programme__status")
        .prefetch_related("scores__criterion")
        .annotate(total_score=Coalesce(Sum("scores__score"), Value(0)), budget_total=_budget_total("programme"))
        .order_by("-total_score", "programme__name")
    )


def selection_criteria() -> QuerySet:
    """The criteria a city scores its quick-win candidates on: the masterplan guidance's set."""
    return QuickWinCriterion.objects.filter(criteria_set=QuickWinCriterion.CriteriaSet.MASTERPLAN)


def selection_advice(selected: int) -> dict:
    """The usual number of selected quick wins (reference data, may be cleared) and whether `selected` is above it."""
    usual = advisory_number(SELECTED_QUICK_WINS)
    return {"usual_selected": usual, "above_usual": usual is not None and selected > usual}


def quick_win_board(masterplan) -> dict:
    """Quick wins grouped by stage (selected, shortlisted, candidates) with the scoring criteria,
    and the advice when more are selected than usual (a warning, never a limit)."""
    sheets = list(quick_wins(masterplan))
    criteria = list(selection_criteria())
    for sheet in sheets:
        by_criterion = {s.criterion_id: s.score for s in sheet.scores.all()}
        sheet.score_row = [by_criterion.get(c.pk) for c in criteria]
    stages = [(value, label, [s for s in sheets if s.stage == value]) for value, label in reversed(QuickWin.Stage.choices)]
    selected = sum(1 for s in sheets if s.stage == QuickWin.Stage.SELECTED)
    return {
        "stages": stages,
        "criteria": criteria,
        "max_total": sum(c.max_score for c in criteria),
        "selected_count": selected,
        **selection_advice(selected),
    }


def map_points(masterplan) -> list[dict]:
    """The city's districts with their point and number of programmes located there."""
    located = (
        Programme.objects.filter(masterplan=masterplan, district=OuterRef("pk"))
        .order_by()
        .values("district")
        .annotate(n=Count("pk"))
        .values("n")
    )
    districts = (
        Region.objects.filter(level=Level.DISTRICT, parent_id=masterplan.city.region_id)
        .annotate(programmes=Coalesce(Subquery(located, output_field=IntegerField()), Value(0)))
        .order_by("code")
    )
    return [
        {
            "code": d.code,
            "name": d.name,
            "programmes": d.programmes,
            "lat": float(d.latitude) if d.latitude is not None else None,
            "lng": float(d.longitude) if d.longitude is not None else None,
        }
        for d in districts
    ]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def horizon_for_year(masterplan, year: int, horizons=None):
    """The horizon whose plan years (1 = the masterplan's first year) hold `year`, or None."""
    plan_year = year - masterplan.start_year + 1
    for horizon in horizons if horizons is not None else Horizon.objects.all():
        if horizon.first_year <= plan_year <= horizon.last_year:
            return horizon
    return None


def horizon_fits(programme) -> bool:
    """Whether the programme's first year falls in its horizon (short ≈ year 1, medium ≈ 2–5, long ≈ 6–10).
    Horizons are approximate: a mismatch is shown as a warning, never refused."""
    plan_year = programme.start_year - programme.masterplan.start_year + 1
    return programme.horizon.first_year <= plan_year <= programme.horizon.last_year
