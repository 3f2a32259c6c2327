"""Reads of implementation monitoring, aggregated in SQL and shared by the pages, the API, the books and the evaluation.

**What counts as a realised programme**: a programme of the city's current masterplan whose status
is one that the national reference data marks `counts_as_realised` (today: *Terealisasi*). The
indicators against their targets are shown beside it (how many of a programme's targets were met)
but do not decide it: the status is the city's own declaration, which the coordinator keeps, and
the evaluation counts programmes, not indicators.

**Realisation ratio** = realised programmes ÷ programmes × 100, rounded half up to two places
(9 of 10 = 90.00). With `year`, only the programmes whose years include that year count.

**Late**: a programme whose last year is before the current year and that is not realised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kotacerdas.framework.models import Dimension, Element, ProgrammeStatus
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.monitoring.models import BudgetRealisation, Indicator, Realisation, RealisationEvidence, ReferenceIndicator, Target
from kotacerdas.programmes.models import Programme, ProgrammeFunding, ProgrammeYear

DEFINITION = gettext_lazy(
    "A programme counts as realised when its status is one the national reference data marks as realised "
    "(Terealisasi). Ratio = realised programmes ÷ programmes × 100, rounded half up to two decimals."
)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """numerator ÷ denominator as a percentage with two places, half up (None when nothing is counted)."""
    if not denominator:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def this_year() -> int:
    return timezone.localdate().year


def realised_statuses() -> list[str]:
    return list(ProgrammeStatus.objects.filter(counts_as_realised=True).values_list("code", flat=True))


# --- city progress ----------------------------------------------------------------------------


@dataclass
class Ratio:
    """A realisation ratio and where it comes from."""

    numerator: int
    denominator: int
    code: str = ""
    name: str = ""
    name_en: str = ""
    elements: list[Ratio] = field(default_factory=list)

    @property
    def ratio(self) -> Decimal | None:
        return ratio(self.numerator, self.denominator)

    def as_dict(self) -> dict:
        out = {
            "code": self.code,
            "name": self.name,
            "name_en": self.name_en,
            "ratio": self.ratio,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }
        if self.elements:
            out["elements"] = [e.as_dict() for e in self.elements]
        return out


def _programmes_of(city, year: int | None = None) -> QuerySet:
    masterplan = current_masterplan(city)
    rows = Programme.objects.filter(masterplan=masterplan) if masterplan else Programme.objects.none()
    if year is not None:
        rows = rows.filter(start_year__lte=year, end_year__gte=year)
    return rows


def city_progress(city, year: int | None = None) -> dict:
    """The realisation ratio of the city's current masterplan, per dimension, per element and for the city.

    Returns ``{"ratio", "numerator", "denominator", "year", "statuses", "dimensions": [{code, name,
    name_en, ratio, numerator, denominator, elements: [...]}], "elements": [...]}``; `ratio` is a
    Decimal percentage with two places (None when there is no programme to count). Every dimension
    and element of the framework is listed, empty ones too. Three queries, whatever the size.
    """
    counts = {
        row["element"]: row
        for row in _programmes_of(city, year)
        .order_by()
        .values("element")
        .annotate(n=Count("pk"), realised=Count("pk", filter=Q(status__counts_as_realised=True)))
    }
    dimensions = []
    elements = []
    total_n = total_realised = 0
    for dimension in Dimension.objects.prefetch_related(Prefetch("elements", queryset=Element.objects.order_by("order", "code"))):
        dim = Ratio(0, 0, dimension.code, dimension.name_id, dimension.name_en)
        for element in dimension.elements.all():
            row = counts.get(element.pk, {"n": 0, "realised": 0})
            item = Ratio(row["realised"], row["n"], element.code, element.name_id, element.name_en)
            dim.elements.append(item)
            elements.append({**item.as_dict(), "dimension_code": dimension.code})
            dim.numerator += item.numerator
            dim.denominator += item.denominator
        total_n += dim.denominator
        total_realised += dim.numerator
        dimensions.append(dim.as_dict() | {"elements": [e.as_dict() for e in dim.elements]})
    return {
        "ratio": ratio(total_realised, total_n),
        "numerator": total_realised,
        "denominator": total_n,
        "year": year,
        "dimensions": dimensions,
        "elements": elements,
    }


# --- programmes: status, indicators against targets, late ---------------------------------------


def programme_rows(city, *, opd=None) -> QuerySet:
    """The programmes of the current masterplan with what the monitoring overview shows: status, indicators,
    targets, how many targets are met, latest verified year, whether late. Constant queries."""
    masterplan = current_masterplan(city)
    rows = Programme.objects.filter(masterplan=masterplan) if masterplan else Programme.objects.none()
    if opd is not None:
        rows = rows.filter(lead_opd=opd)
    targets = Target.objects.filter(indicator__programme=OuterRef("pk")).order_by().values("indicator__programme")
    met = _met_targets().filter(indicator__programme=OuterRef("pk")).order_by().values("indicator__programme")
    pending = Realisation.objects.filter(indicator__programme=OuterRef("pk"), status=Realisation.Status.ENTERED)
    return (
        rows.select_related("dimension", "element", "lead_opd", "status")
        .annotate(
            indicator_count=Count("indicators", distinct=True),
            target_count=Coalesce(Subquery(targets.annotate(n=Count("pk")).values("n")), Value(0)),
            met_count=Coalesce(Subquery(met.annotate(n=Count("pk")).values("n")), Value(0)),
            has_pending=Exists(pending),
            is_late=ExpressionWrapper(Q(end_year__lt=this_year()) & Q(status__counts_as_realised=False), output_field=BooleanField()),
        )
        .order_by("dimension__order", "element__order", "name")
    )


def _met_targets() -> QuerySet:
    """Targets whose realised value (same indicator and year, not returned) reaches them, by the indicator's direction."""
    realised = Realisation.objects.filter(indicator=OuterRef("indicator"), year=OuterRef("year")).exclude(
        status=Realisation.Status.RETURNED
    )
    value = Subquery(realised.values("value_number")[:1], output_field=DecimalField(max_digits=20, decimal_places=4))
    text = Subquery(realised.values("value_text")[:1])
    return Target.objects.annotate(realised_value=value, realised_text=text).filter(
        Q(indicator__direction=Indicator.Direction.HIGHER, value_number__isnull=False, realised_value__gte=F("value_number"))
        | Q(indicator__direction=Indicator.Direction.LOWER, value_number__isnull=False, realised_value__lte=F("value_number"))
        | Q(indicator__value_type=Indicator.ValueType.TEXT, realised_text__iexact=F("value_text")) & ~Q(value_text="")
    )


def late_programmes(city, *, opd=None) -> QuerySet:
    return programme_rows(city, opd=opd).filter(end_year__lt=this_year(), status__counts_as_realised=False)


# --- budget ---------------------------------------------------------------------------------


def budget_by_year_and_source(city) -> dict:
    """Planned (ProgrammeYear.budget, split by its funding shares) and realised (BudgetRealisation) budget per
    year and funding source, in two queries. The realised budget is recorded per programme year: a source's
    row counts it where the year has that source alone; where a year mixes sources, the source's realised
    budget is not known (None) and the realisation counts in the year's total only. Years without shares
    are listed under no source."""
    masterplan = current_masterplan(city)
    years = list(
        ProgrammeYear.objects.filter(programme__masterplan=masterplan)
        .order_by()
        .values("pk", "year", "budget", realised=F("budget_realisation__amount"))
    )
    shares: dict[int, list[dict]] = {}
    for share in (
        ProgrammeFunding.objects.filter(year__programme__masterplan=masterplan)
        .order_by("source__order", "source__code")
        .values("year_id", "amount", "source__code", "source__name_id", "source__name_en")
    ):
        shares.setdefault(share["year_id"], []).append(share)
    buckets: dict[tuple, dict] = {}
    by_year: dict[int, dict] = {}
    for y in sorted(years, key=lambda y: y["year"]):
        realised = y["realised"]
        year = by_year.setdefault(y["year"], {"year": y["year"], "planned": Decimal(0), "realised": Decimal(0), "recorded": 0, "rows": 0})
        year["planned"] += y["budget"] or Decimal(0)
        year["realised"] += realised or Decimal(0)
        year["recorded"] += realised is not None
        year["rows"] += 1
        parts = shares.get(y["pk"]) or [{"amount": y["budget"], "source__code": None, "source__name_id": "", "source__name_en": ""}]
        for part in parts:
            item = buckets.setdefault(
                (y["year"], part["source__code"]),
                {
                    "year": y["year"],
                    "funding_source_code": part["source__code"],
                    "funding_source_name": part["source__name_id"] or "",
                    "funding_source_name_en": part["source__name_en"] or "",
                    "planned": Decimal(0),
                    "realised": Decimal(0),
                },
            )
            item["planned"] += part["amount"] or Decimal(0)
            if len(parts) > 1:
                item["realised"] = None  # a realisation of a year with several sources is not split between them
            elif item["realised"] is not None:
                item["realised"] += realised or Decimal(0)
    rows = sorted(buckets.values(), key=lambda r: (r["year"], r["funding_source_code"] is None, r["funding_source_code"] or ""))
    for item in rows:
        item["ratio"] = None if item["realised"] is None else _money_ratio(item["realised"], item["planned"])
    for year in by_year.values():
        year["ratio"] = _money_ratio(year["realised"], year["planned"])
    planned_total = sum((y["planned"] for y in by_year.values()), Decimal(0))
    realised_total = sum((y["realised"] for y in by_year.values()), Decimal(0))
    return {
        "rows": rows,
        "years": list(by_year.values()),
        "planned": planned_total,
        "realised": realised_total,
        "ratio": _money_ratio(realised_total, planned_total),
    }


def _money_ratio(realised: Decimal, planned: Decimal) -> Decimal | None:
    if not planned:
        return None
    return (Decimal(realised) * HUNDRED / Decimal(planned)).quantize(CENT, rounding=ROUND_HALF_UP)


def indicators_prefetch() -> Prefetch:
    """A programme's indicators (outputs first) with their yearly targets: for lists of programmes (books, versions)."""
    return Prefetch("indicators", queryset=Indicator.objects.prefetch_related("targets").order_by("kind", "order", "pk"))


# --- one programme ----------------------------------------------------------------------------


def programme_indicators(programme) -> list[Indicator]:
    """A programme's indicators with targets, realised values (with who entered/reviewed them) and evidence, in four queries."""
    return list(
        Indicator.objects.filter(programme=programme)
        .prefetch_related(
            "references",
            "targets",
            Prefetch(
                "realisations",
                queryset=Realisation.objects.select_related("entered_by", "reviewed_by").prefetch_related(
                    Prefetch("evidence", queryset=RealisationEvidence.objects.order_by("uploaded_at", "pk"))
                ),
            ),
        )
        .order_by("kind", "order", "pk")
    )


def indicator_grid(programme, indicators: list[Indicator]) -> list[dict]:
    """Per indicator, one cell per programme year: target, realised value, whether met (no queries: works on prefetched rows)."""
    from kotacerdas.monitoring.values import display

    years = list(range(programme.start_year, programme.end_year + 1))
    out = []
    for indicator in indicators:
        targets = {t.year: t for t in indicator.targets.all()}
        realised = {r.year: r for r in indicator.realisations.all()}
        cells = []
        for year in years:
            target, value = targets.get(year), realised.get(year)
            cells.append(
                {
                    "year": year,
                    "target": target,
                    "target_display": display(indicator, target.value_number, target.value_text) if target else "–",
                    "realisation": value,
                    "realised_display": display(indicator, value.value_number, value.value_text) if value else "–",
                    "met": met(indicator, target, value),
                    "overdue": year < this_year() and (value is None or value.status == Realisation.Status.RETURNED),
                }
            )
        out.append(
            {
                "indicator": indicator,
                "baseline_display": display(indicator, indicator.baseline_number, indicator.baseline_text),
                "cells": cells,
            }
        )
    return out


def met(indicator, target, value) -> bool | None:
    """Whether a realised value reaches its target (None when either is missing or the value was returned)."""
    if target is None or value is None or value.status == Realisation.Status.RETURNED:
        return None
    if indicator.value_type == Indicator.ValueType.TEXT:
        return bool(target.value_text) and value.value_text.strip().lower() == target.value_text.strip().lower()
    if target.value_number is None or value.value_number is None:
        return None
    if indicator.direction == Indicator.Direction.LOWER:
        return value.value_number <= target.value_number
    return value.value_number >= target.value_number


# --- verification queue, my tasks -------------------------------------------------------------


def verification_queue(city) -> QuerySet:
    """Realised values waiting for the coordinator, oldest first."""
    masterplan = current_masterplan(city)
    return (
        Realisation.objects.filter(indicator__programme__masterplan=masterplan, status=Realisation.Status.ENTERED)
        .select_related("indicator__programme__lead_opd", "entered_by")
        .prefetch_related("evidence")
        .annotate(
            target_number=Subquery(Target.objects.filter(indicator=OuterRef("indicator"), year=OuterRef("year")).values("value_number")[:1])
        )
        .order_by("entered_at", "pk")
    )


def overdue_updates(city, opd) -> QuerySet:
    """My tasks for a department: targets of past years of the programmes it leads with no realised value
    yet, or one returned by the coordinator. Oldest first."""
    masterplan = current_masterplan(city)
    answered = Realisation.objects.filter(indicator=OuterRef("indicator"), year=OuterRef("year")).exclude(
        status=Realisation.Status.RETURNED
    )
    returned = Realisation.objects.filter(indicator=OuterRef("indicator"), year=OuterRef("year"), status=Realisation.Status.RETURNED)
    return (
        Target.objects.filter(
            indicator__programme__masterplan=masterplan,
            indicator__programme__lead_opd=opd,
            year__lt=this_year(),
            year__gte=F("indicator__programme__start_year"),
            year__lte=F("indicator__programme__end_year"),
        )
        .exclude(Exists(answered))
        .annotate(
            is_returned=Exists(returned),
            return_reason=Subquery(returned.values("return_reason")[:1]),
        )
        .select_related("indicator__programme")
        .order_by("year", "indicator__programme__name", "indicator__order")
    )


def search_reference_indicators(text: str = "", framework: str = "") -> QuerySet:
    rows = ReferenceIndicator.objects.all()
    if framework:
        rows = rows.filter(framework=framework)
    if text:
        rows = rows.filter(Q(code__icontains=text) | Q(name_id__icontains=text) | Q(name_en__icontains=text))
    return rows


def realisations_with_details(city) -> QuerySet:
    """Realised values of the city's current masterplan with indicator, programme, people, evidence and targets (constant queries)."""
    masterplan = current_masterplan(city)
    return (
        Realisation.objects.filter(indicator__programme__masterplan=masterplan)
        .select_related("indicator__programme", "entered_by", "reviewed_by")
        .prefetch_related("evidence__uploaded_by", "indicator__targets")
        .order_by("indicator__programme__name", "indicator__order", "indicator_id", "year")
    )


def budget_realisations(programme) -> dict[int, BudgetRealisation]:
    return {
        b.programme_year.year: b
        for b in BudgetRealisation.objects.filter(programme_year__programme=programme).select_related("programme_year")
    }


def budget_realisation(programme, year: int) -> BudgetRealisation | None:
    """The realised budget of one year of the programme (None while none is recorded)."""
    return BudgetRealisation.objects.filter(programme_year__programme=programme, programme_year__year=year).first()
