"""Reads of the annual evaluation: years and rounds, a city's evaluations, the ranking of a year.

A city's result of a year is its latest published round with a final index. Ranks (national, and
provincial within the province) are SQL window functions over those results, ties sharing a rank;
the improvement is the result minus the city's result of the previous year. Every read here runs in
a fixed number of queries, however many cities and rounds there are.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, Exists, F, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Rank

from kotacerdas.core import permissions
from kotacerdas.evaluation.models import Assignment, Cycle, Evaluation, Finding, FollowUp, Round, Score, SelfAssessment
from kotacerdas.framework.models import EvaluationWeight

Status = Evaluation.Status
YEAR = "round__cycle__year__year"


def cycles() -> QuerySet:
    """Opened years, newest first, with their rounds and the reference weights."""
    weights = EvaluationWeight.objects.select_related("dimension").order_by("dimension__order")
    return Cycle.objects.select_related("year").prefetch_related(
        Prefetch("rounds", queryset=Round.objects.order_by("number")),
        Prefetch("year__weights", queryset=weights),
    )


def assignments(*, year: int | None = None) -> QuerySet:
    rows = Assignment.objects.select_related("assessor", "city__region", "cycle__year").order_by("-cycle__year__year", "city__region__code")
    return rows if year is None else rows.filter(cycle__year__year=year)


def _previous_index() -> Subquery:
    """The same city's result of the year before (its latest published round with an index)."""
    earlier = Evaluation.objects.filter(
        city=OuterRef("city"), status=Status.PUBLISHED, final_index__isnull=False, **{YEAR: OuterRef(YEAR) - 1}
    ).order_by("-round__number")
    return Subquery(earlier.values("final_index")[:1], output_field=DecimalField(max_digits=3, decimal_places=2))


def year_results() -> QuerySet:
    """Each city's result per year (latest published round with a final index), with
    `previous_index`, `rank` (national) and `province_rank` over the cities evaluated that year."""
    later = Evaluation.objects.filter(
        city=OuterRef("city"),
        round__cycle=OuterRef("round__cycle"),
        status=Status.PUBLISHED,
        final_index__isnull=False,
        round__number__gt=OuterRef("round__number"),
    )
    return (
        Evaluation.objects.filter(status=Status.PUBLISHED, final_index__isnull=False)
        .filter(~Exists(later))
        .annotate(
            previous_index=_previous_index(),
            rank=Window(Rank(), partition_by=[F(YEAR)], order_by=F("final_index").desc()),
            province_rank=Window(Rank(), partition_by=[F(YEAR), F("city__region__parent")], order_by=F("final_index").desc()),
        )
    )


def ranking(year: int, *, cohort_id: int | None = None) -> QuerySet | list:
    """The national ranking of a year, best first (ties share a rank, then by name); with `cohort_id`,
    the rows of that cohort's cities, which keep their national and provincial ranks."""
    rows = (
        year_results()
        .filter(**{YEAR: year})
        .select_related("city__region__parent", "city__cohort", "round__cycle__year")
        .order_by("rank", "city__region__name")
    )
    # Filtered after the ranks are computed: in SQL the filter would rank the cohort on its own.
    return rows if cohort_id is None else [row for row in rows if row.city.cohort_id == cohort_id]


CENT = Decimal("0.01")


def two_places(value) -> Decimal | None:
    """A score or index as stored (two decimals), whatever the database's decimal arithmetic returned."""
    return None if value is None else Decimal(value).quantize(CENT)


def improvement(evaluation) -> Decimal | None:
    """The result minus the city's result of the previous year (None without one)."""
    previous = two_places(getattr(evaluation, "previous_index", None))
    if previous is None or evaluation.final_index is None:
        return None
    return two_places(evaluation.final_index) - previous


def ranked_years() -> list[int]:
    return list(Cycle.objects.order_by("-year__year").values_list("year__year", flat=True))


def latest_published_year() -> int | None:
    """The newest year with a published result: the ranking a visitor sees first."""
    return Evaluation.objects.filter(status=Status.PUBLISHED).aggregate(year=Max("round__cycle__year__year"))["year"]


def scores_visible(user, evaluation) -> bool:
    """Scores, indices and findings: the ministry and assessors always, everyone else once published."""
    return evaluation.status == Status.PUBLISHED or permissions.can_see_unpublished_scores(user)


def city_evaluations(user, city) -> list:
    """The city's evaluations the user may see, newest first, each with `previous_index`,
    `improvement`, `rank`, `province_rank` (when it is the year's result) and `scores_visible`.
    The public sees published ones only. Three queries."""
    rows = (
        Evaluation.objects.filter(city=city)
        .select_related("round__cycle__year", "city__region")
        .annotate(previous_index=_previous_index())
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("dimension").order_by("dimension__order")))
        .order_by(f"-{YEAR}", "-round__number")
    )
    if permissions.role_of(user) is None:
        rows = rows.filter(status=Status.PUBLISHED)
    rows = list(rows)
    years = {row.round.cycle.year.year for row in rows}
    ranks = {}
    if years:
        ranks = {
            r["pk"]: (r["rank"], r["province_rank"])
            for r in year_results().filter(**{f"{YEAR}__in": years}).values("pk", "rank", "province_rank")
        }
    for row in rows:
        row.scores_visible = scores_visible(user, row)
        row.rank, row.province_rank = ranks.get(row.pk, (None, None))
        row.improvement = improvement(row) if row.scores_visible else None
    return rows


def evaluation_detail(evaluation) -> Evaluation:
    """One evaluation with what its page shows (scores, indices, findings, self-assessments and evidence)."""
    return (
        Evaluation.objects.select_related("round__cycle__year", "city__region")
        .annotate(previous_index=_previous_index())
        .prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("dimension").order_by("dimension__order")),
            Prefetch("dimension_indices", queryset=evaluation.dimension_indices.model.objects.select_related("dimension")),
            Prefetch("findings", queryset=Finding.objects.order_by("kind", "order", "pk")),
            Prefetch(
                "self_assessments",
                queryset=SelfAssessment.objects.select_related("dimension").prefetch_related("evidence").order_by("dimension__order"),
            ),
        )
        .get(pk=evaluation.pk)
    )


def rank_of(evaluation) -> tuple[int | None, int | None]:
    found = year_results().filter(**{YEAR: evaluation.round.cycle.year.year}).values("pk", "rank", "province_rank")
    for row in found:
        if row["pk"] == evaluation.pk:
            return row["rank"], row["province_rank"]
    return None, None


def follow_ups(city, *, status: str | None = None, before_year: int | None = None) -> QuerySet:
    """The city's follow-ups (open first, by due date); `before_year`: those from earlier years' evaluations."""
    rows = FollowUp.objects.filter(city=city).select_related("owner_opd", "evaluation__round__cycle__year")
    if status:
        rows = rows.filter(status=status)
    if before_year is not None:
        rows = rows.filter(**{f"evaluation__{YEAR}__lt": before_year})
    return rows.order_by(_status_order(), F("due_date").asc(nulls_last=True), "pk")


def _status_order():
    from django.db.models import Case, Value, When

    return Case(
        When(status=FollowUp.Status.OPEN, then=Value(0)),
        When(status=FollowUp.Status.IN_PROGRESS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def follow_ups_due(city, *, limit: int = 5) -> list:
    """Open and in-progress follow-ups, earliest due first: for the city dashboard."""
    return list(follow_ups(city).filter(~Q(status=FollowUp.Status.CLOSED))[:limit])
