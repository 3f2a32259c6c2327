"""Reads of the readiness analysis: one query per kind of row, whatever the number of items."""

from __future__ import annotations

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, When
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core.api import resolve
from kotacerdas.framework.models import Dimension, ReadinessLens
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.readiness.models import GapItem, LensAssessment, Strategy, SwotItem

ORIGIN = ("origin__workshop", "origin__proposed_by_opd", "origin__proposed_by_stakeholder")
CATEGORIES = [c for c, _label in SwotItem.Category.choices]
SWOT_ORDER = Case(*(When(category=c, then=i) for i, c in enumerate(CATEGORIES)))  # S, W, O, T


def lenses() -> list[ReadinessLens]:
    """Every lens, the core ones (Struktur, Infrastruktur, Suprastruktur) first."""
    return list(ReadinessLens.objects.order_by("-is_core", "order", "code"))


def lens_or_404(code: str) -> ReadinessLens:
    """The lens a page or an API path names (a path's unknown code answers 404)."""
    lens = ReadinessLens.objects.filter(code=code).first()
    if lens is None:
        raise Http404(_("No readiness lens %(code)s.") % {"code": code})
    return lens


def masterplan_of(city, masterplan_id: int | None):
    """The masterplan of the city that an API call names (`masterplan_id`: 400 `unknown_reference` if it
    names none of this city's), else the current one (404 when the city has none yet)."""
    if masterplan_id is None:
        return plan_selectors.masterplan_or_404(city)
    plan = resolve(Masterplan, masterplan_id, city=city, field="masterplan_id")
    plan.city = city
    return plan


def swot_items(masterplan):
    return SwotItem.objects.filter(masterplan=masterplan).select_related("lens", *ORIGIN).order_by("lens__order", "category", "order", "id")


def gap_items(masterplan):
    from kotacerdas.programmes.models import Programme

    return (
        GapItem.objects.filter(masterplan=masterplan)
        .select_related("lens", *ORIGIN)
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.order_by("name")))
        .order_by("lens__order", "id")
    )


def quadrants(items) -> list[dict]:
    """SWOT items grouped S, W, O, T (in that order), each with its label."""
    labels = dict(SwotItem.Category.choices)
    grouped = {c: [] for c in CATEGORIES}
    for item in items:
        grouped[item.category].append(item)
    return [{"code": c, "label": labels[c], "items": grouped[c]} for c in CATEGORIES]


def readiness_by_lens(masterplan) -> list[dict]:
    """Per lens: its assessment (or None), its SWOT quadrants and its gaps with their programmes."""
    assessments = {a.lens_id: a for a in LensAssessment.objects.filter(masterplan=masterplan).select_related("rating")}
    swot: dict[int, list] = {}
    for item in swot_items(masterplan):
        swot.setdefault(item.lens_id, []).append(item)
    gaps: dict[int, list] = {}
    for gap in gap_items(masterplan):
        gaps.setdefault(gap.lens_id, []).append(gap)
    return [
        {
            "lens": lens,
            "assessment": assessments.get(lens.pk),
            "swot": swot.get(lens.pk, []),
            "quadrants": quadrants(swot.get(lens.pk, [])),
            "gaps": gaps.get(lens.pk, []),
        }
        for lens in lenses()
    ]


def gaps_without_programme(rows: list[dict]) -> list[GapItem]:
    """Gaps no programme closes yet: a finding the masterplan must answer."""
    return [gap for row in rows for gap in row["gaps"] if not gap.programmes.all()]


def lens_workspace(masterplan, lens) -> dict:
    """Everything of one lens: assessment, quadrants, gaps (a queryset, to paginate), outputs to adopt."""
    return {
        "assessment": LensAssessment.objects.filter(masterplan=masterplan, lens=lens).select_related("rating").first(),
        "quadrants": quadrants(swot_items(masterplan).filter(lens=lens)),
        "gaps": gap_items(masterplan).filter(lens=lens),
        "pending": list(pending_outputs(masterplan, lens)),
    }


def pending_outputs(masterplan, lens=None):
    """SWOT and gap outputs of the masterplan's bimtek not adopted yet (for a lens: its own, and gaps without a lens)."""
    from kotacerdas.bimtek.models import Output

    outputs = (
        Output.objects.filter(workshop__masterplan=masterplan, kind__in=["swot", "gap"])
        .exclude(Exists(SwotItem.objects.filter(origin=OuterRef("pk"))))
        .exclude(Exists(GapItem.objects.filter(origin=OuterRef("pk"))))
        .select_related("workshop", "lens", "proposed_by_opd", "proposed_by_stakeholder")
        .order_by("workshop__number", "kind", "id")
    )
    if lens is not None:
        outputs = outputs.filter(Q(lens=lens) | Q(kind="gap", lens__isnull=True))
    return outputs


def programmes_of(masterplan):
    from kotacerdas.programmes.models import Programme

    return Programme.objects.filter(masterplan=masterplan).order_by("name")


def provenance(output) -> str:
    """“Bimtek I · Dinas Kesehatan”: where and by whom an adopted item was proposed."""
    if output is None:
        return ""
    who = (
        output.proposed_by_opd.name
        if output.proposed_by_opd
        else output.proposed_by_stakeholder.name
        if output.proposed_by_stakeholder
        else ""
    )
    return f"Bimtek {output.workshop.roman}" + (f" · {who}" if who else "")


# --- strategies -----------------------------------------------------------------------------


def strategies(masterplan):
    """The masterplan's strategies in the order of the dimensions, each with its SWOT items (and their lens) and its
    programmes prefetched: a fixed number of queries whatever their number."""
    from kotacerdas.programmes.models import Programme

    return (
        Strategy.objects.filter(masterplan=masterplan)
        .select_related("dimension", *ORIGIN)
        .prefetch_related(
            Prefetch("swot_items", queryset=swot_choices(None)),
            Prefetch("programmes", queryset=Programme.objects.order_by("name")),
        )
        .order_by("dimension__order", "order", "id")
    )


def swot_choices(masterplan):
    """SWOT items (of the masterplan; None: any) with their lens, per lens in the order S, W, O, T."""
    items = SwotItem.objects.select_related("lens").order_by("lens__order", SWOT_ORDER, "order", "id")
    return items if masterplan is None else items.filter(masterplan=masterplan)


def strategies_by_dimension(masterplan) -> list[dict]:
    """Every one of the six dimensions with its strategies (a dimension without any is listed too)."""
    by_dimension: dict[int, list] = {}
    for strategy in strategies(masterplan):
        by_dimension.setdefault(strategy.dimension_id, []).append(strategy)
    return [{"dimension": d, "strategies": by_dimension.get(d.pk, [])} for d in Dimension.objects.order_by("order", "code")]


def pending_strategy_outputs(masterplan):
    """Strategy outputs of the masterplan's bimtek not adopted yet."""
    from kotacerdas.bimtek.models import Output

    return (
        Output.objects.filter(workshop__masterplan=masterplan, kind="strategy")
        .exclude(Exists(Strategy.objects.filter(origin=OuterRef("pk"))))
        .select_related("workshop", "dimension", "proposed_by_opd", "proposed_by_stakeholder")
        .order_by("dimension__order", "workshop__number", "id")
    )
