"""Reads of the national reference framework (small catalogues, each in a fixed number of queries)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core.api import resolve_code
from kotacerdas.framework import models as m


def dimensions() -> QuerySet:
    return m.Dimension.objects.prefetch_related(Prefetch("elements", queryset=m.Element.objects.order_by("order", "code")))


def elements(*, dimension_code: str | None = None) -> QuerySet:
    """The 18 elements in dimension order; those of one dimension (400 `unknown_code` for an unknown one)."""
    rows = m.Element.objects.select_related("dimension")
    if dimension_code is not None:
        rows = rows.filter(dimension=resolve_code(m.Dimension, dimension_code, field="dimension_code"))
    return rows


def evaluation_years() -> QuerySet:
    """Years, newest first, each with its weights in evaluation-dimension order."""
    weights = m.EvaluationWeight.objects.select_related("dimension").order_by("dimension__order")
    return m.EvaluationYear.objects.prefetch_related(Prefetch("weights", queryset=weights))


def evaluation_year_or_404(year: int) -> m.EvaluationYear:
    found = evaluation_years().filter(year=year).first()
    if found is None:
        raise Http404(_("No evaluation weights for %(year)s.") % {"year": year})
    return found


def catalogues() -> dict[str, QuerySet]:
    """Every other catalogue of the framework, for the framework page."""
    return {
        "evaluation_dimensions": m.EvaluationDimension.objects.all(),
        "lenses": m.ReadinessLens.objects.all(),
        "ratings": m.ReadinessRating.objects.all(),
        "funding_sources": m.FundingSource.objects.all(),
        "stakeholder_types": m.StakeholderType.objects.all(),
        "statuses": m.ProgrammeStatus.objects.all(),
        "horizons": m.Horizon.objects.all(),
        "criteria": m.QuickWinCriterion.objects.order_by("-criteria_set", "order", "code"),
        "weight_sets": m.PublishedWeightSet.objects.all(),
        "advisory_numbers": m.AdvisoryNumber.objects.all(),
    }
