"""Reads of the official plans, the alignment matrix and the gap checks (aggregated in SQL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from kotacerdas.alignment.models import MEDIUM_TERM_KINDS, PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities.models import City
from kotacerdas.framework.models import Dimension, Element
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.programmes.models import Programme, ProgrammeYear
from kotacerdas.readiness.models import GapItem

Kind = PlanDocument.Kind
ItemKind = PlanItem.Kind
# Matrix columns: the kinds in their declared order, from the national plan and the long ones to the yearly ones.
COLUMN_ORDER = Kind.values


# --- plan documents and items -----------------------------------------------------------------


def plan_documents(city) -> QuerySet:
    """The city's official plans, each with its number of items and of programme links."""
    items = PlanItem.objects.filter(document=OuterRef("pk")).order_by().values("document").annotate(n=Count("pk")).values("n")
    links = (
        ProgrammeLink.objects.filter(plan_item__document=OuterRef("pk"))
        .order_by()
        .values("plan_item__document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        PlanDocument.objects.filter(city=city)
        .select_related("opd")
        .annotate(
            n_items=Coalesce(Subquery(items, output_field=IntegerField()), Value(0)),
            n_links=Coalesce(Subquery(links, output_field=IntegerField()), Value(0)),
        )
        .order_by("-start_year", "kind", "opd__short_name", "pk")
    )


def plan_items(document) -> QuerySet:
    """The items of one plan, with their number of programme links."""
    return document.items.select_related("parent").annotate(n_links=Count("programme_links"))


def plan_item_tree(document) -> list[PlanItem]:
    """Every item of the plan in reading order (depth first), each with `depth` set; one query."""
    return depth_first(plan_items(document).order_by("order", "pk"))


def depth_first(items) -> list[PlanItem]:
    """Items of one plan (in sibling order) in reading order, depth first, each with `depth` set."""
    children: dict[int | None, list[PlanItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[PlanItem] = []

    def walk(parent_id, depth):
        for item in children.get(parent_id, []):
            item.depth = depth
            ordered.append(item)
            walk(item.pk, depth + 1)

    walk(None, 0)
    return ordered


def linkable_items(city, query: str = "") -> QuerySet:
    """Items of the city's plans a programme may be linked to, searched by code prefix or text."""
    items = PlanItem.objects.filter(document__city=city).exclude(kind=ItemKind.VISION).select_related("document__opd")
    query = query.strip()
    if query:
        items = items.filter(Q(code__startswith=query) | Q(text__icontains=query) | Q(document__title__icontains=query))
    return items.order_by("-document__start_year", "document__kind", "document_id", "code", "order", "pk")


def programme_links(programme) -> QuerySet:
    return programme.plan_links.select_related("plan_item__document__opd").order_by("plan_item__document__kind", "plan_item__code", "pk")


# "The city's current masterplan, read here": a caller that has read it already passes it instead.
CURRENT = object()


def _masterplan(city, masterplan):
    return current_masterplan(city) if masterplan is CURRENT else masterplan


def city_programmes(city, masterplan=CURRENT) -> QuerySet:
    """The programmes of the city's current masterplan, in the order of the framework."""
    masterplan = _masterplan(city, masterplan)
    return Programme.objects.filter(masterplan=masterplan).select_related("dimension", "element", "lead_opd", "masterplan")


# --- the alignment matrix ---------------------------------------------------------------------


def matrix_columns(city) -> list[dict]:
    """The kinds of official plan shown as columns: those the city has registered, RPJMD always."""
    present = set(PlanDocument.objects.filter(city=city).values_list("kind", flat=True).distinct())
    return [{"kind": kind, "label": Kind(kind).label} for kind in COLUMN_ORDER if kind in present or kind == Kind.RPJMD]


def plan_links_prefetch() -> Prefetch:
    """Programmes' plan links with their items and plans (one query for any number of programmes)."""
    links = ProgrammeLink.objects.select_related("plan_item__document__opd").order_by(
        "plan_item__document__start_year", "plan_item__code", "pk"
    )
    return Prefetch("plan_links", queryset=links)


def matrix_programmes(city, masterplan=CURRENT) -> QuerySet:
    """Matrix rows: the masterplan's programmes with their plan links and the linked items' plans (two queries)."""
    return (
        city_programmes(city, masterplan)
        .prefetch_related(plan_links_prefetch())
        .order_by("dimension__order", "element__order", "name", "pk")
    )


def matrix_rows(programmes, columns: list[dict]) -> list[dict]:
    """One row per programme: its links sorted into the columns (a Renstra/Renja of another department is flagged)."""
    rows = []
    for programme in programmes:
        cells = {column["kind"]: [] for column in columns}
        for link in programme.plan_links.all():
            document = link.plan_item.document
            if document.kind in cells:
                cells[document.kind].append(
                    {
                        "link": link,
                        "item": link.plan_item,
                        "document": document,
                        "other_opd": document.opd_id is not None and document.opd_id != programme.lead_opd_id,
                    }
                )
        rows.append(
            {"programme": programme, "cells": [cells[column["kind"]] for column in columns], "n_links": sum(len(c) for c in cells.values())}
        )
    return rows


# --- gap checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapCheck:
    code: str
    title: str
    help: str
    subject: str  # programme, dimension, element, gap, plan_item: what the listed records are
    informational: bool
    queryset: QuerySet
    describe: Callable

    @property
    def anchor(self) -> str:
        return f"check-{self.code}"


def _programme_item(p: Programme) -> dict:
    return {"id": p.pk, "code": None, "name": p.name, "detail": f"{p.dimension} · {p.lead_opd or _('no lead department')}"}


def _coded_item(obj) -> dict:
    return {"id": obj.pk, "code": obj.code, "name": obj.name, "detail": str(getattr(obj, "dimension", "") or "")}


def _gap_item(gap: GapItem) -> dict:
    return {"id": gap.pk, "code": None, "name": gap.description, "detail": str(gap.lens)}


def _plan_item(item: PlanItem) -> dict:
    return {"id": item.pk, "code": item.code, "name": item.text, "detail": item.document.title}


def gap_checks(city, masterplan=CURRENT) -> list[GapCheck]:
    """The alignment checks of the city's current masterplan; each query set is lazy (count and page it)."""
    masterplan = _masterplan(city, masterplan)
    programmes = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "lead_opd")
        .order_by("dimension__order", "element__order", "name", "pk")
    )
    mp_programmes = Programme.objects.filter(masterplan=masterplan)
    rpjmd_link = ProgrammeLink.objects.filter(programme=OuterRef("pk"), plan_item__document__kind__in=MEDIUM_TERM_KINDS)
    budget = ProgrammeYear.objects.filter(programme=OuterRef("pk"), budget__gt=0)
    covered_by = lambda path: ProgrammeLink.objects.filter(**{path: OuterRef("pk")}, programme__masterplan=masterplan)  # noqa: E731
    rpjmd_programmes = PlanItem.objects.filter(document__city=city, document__kind__in=MEDIUM_TERM_KINDS, kind=ItemKind.PROGRAMME)
    if masterplan is not None:
        rpjmd_programmes = rpjmd_programmes.filter(
            document__start_year__lte=masterplan.end_year, document__end_year__gte=masterplan.start_year
        )
    return [
        GapCheck(
            "programme_without_rpjmd",
            _("Programmes with no RPJMD or RPD link"),
            _(
                "A masterplan programme should serve a programme, goal or mission of the mayor's RPJMD, or of the transition "
                "RPD (Inmendagri 70/2021) for the years without an RPJMD."
            ),
            "programme",
            False,
            programmes.filter(~Exists(rpjmd_link)),
            _programme_item,
        ),
        GapCheck(
            "programme_without_budget",
            _("Programmes with no budget"),
            _("No year of the programme has a budget above zero."),
            "programme",
            False,
            programmes.filter(~Exists(budget)),
            _programme_item,
        ),
        GapCheck(
            "programme_without_lead_opd",
            _("Programmes with no lead department"),
            _("Every programme needs a department (OPD) that leads it and budgets it."),
            "programme",
            False,
            programmes.filter(lead_opd__isnull=True),
            _programme_item,
        ),
        GapCheck(
            "dimension_without_programme",
            _("Dimensions with no programme"),
            _("Each of the six smart-city dimensions should have at least one programme."),
            "dimension",
            False,
            Dimension.objects.filter(~Exists(mp_programmes.filter(dimension=OuterRef("pk")))).order_by("order", "code"),
            _coded_item,
        ),
        GapCheck(
            "element_without_programme",
            _("Elements with no programme"),
            _("Each of the 18 elements should have at least one programme."),
            "element",
            False,
            Element.objects.filter(~Exists(mp_programmes.filter(element=OuterRef("pk"))))
            .select_related("dimension")
            .order_by("dimension__order", "order", "code"),
            _coded_item,
        ),
        GapCheck(
            "gap_without_programme",
            _("Readiness gaps no programme closes"),
            _("Gaps found in the readiness analysis that no programme is meant to close."),
            "gap",
            False,
            GapItem.objects.filter(masterplan=masterplan)
            .filter(~Exists(GapItem.programmes.through.objects.filter(gapitem_id=OuterRef("pk"))))
            .select_related("lens")
            .order_by("lens__order", "pk"),
            _gap_item,
        ),
        GapCheck(
            "rpjmd_programme_without_programme",
            _("RPJMD or RPD programmes no masterplan programme serves"),
            _(
                "For information: programmes of the RPJMD (or RPD) of the masterplan's period with no masterplan programme "
                "linked to them or to their activities."
            ),
            "plan_item",
            True,
            rpjmd_programmes.filter(
                ~Exists(covered_by("plan_item")), ~Exists(covered_by("plan_item__parent")), ~Exists(covered_by("plan_item__parent__parent"))
            )
            .select_related("document")
            .order_by("code", "pk"),
            _plan_item,
        ),
    ]


def gap_counts(checks: list[GapCheck]) -> dict[str, int]:
    """The number of records of each check, in one query (a scalar COUNT subquery per check)."""
    if not checks:
        return {}
    parts, params = [], []
    for check in checks:
        sql, part_params = check.queryset.order_by().values(n=Func(F("pk"), function="COUNT")).query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        row = cursor.fetchone()
    return {check.code: int(n or 0) for check, n in zip(checks, row, strict=True)}


def gap_summary(city, masterplan=CURRENT) -> list[dict]:
    """Each check with its count (one query for all checks, whatever the data size)."""
    checks = gap_checks(city, masterplan)
    counts = gap_counts(checks)
    return [{"check": check, "count": counts[check.code]} for check in checks]


def recorded_subjects(city, masterplan) -> dict[str, bool]:
    """Whether anything a check looks at is recorded yet (programmes, readiness gaps, an RPJMD or RPD), in one
    query: an empty check then reads “nothing recorded yet”, not “nothing to fix”."""
    found = (
        City.objects.filter(pk=city.pk)
        .annotate(
            programme=Exists(Programme.objects.filter(masterplan=masterplan)),
            gap=Exists(GapItem.objects.filter(masterplan=masterplan)),
            plan_item=Exists(PlanItem.objects.filter(document__city=city, document__kind__in=MEDIUM_TERM_KINDS, kind=ItemKind.PROGRAMME)),
        )
        .values("programme", "gap", "plan_item")
        .get()
    )
    return {"dimension": True, "element": True, **found}
