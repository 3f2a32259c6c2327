"""API: official plans and their items, programme links, the alignment matrix and the gap checks (docs/api.md)."""

from __future__ import annotations

from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from kotacerdas.alignment import selectors, services
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import concurrency
from kotacerdas.core.api import (
    ERROR_RESPONSES,
    Id,
    Input,
    Paging,
    absent,
    changes,
    page,
    resolve,
    user_of,
)

router = Router(tags=["alignment"])

PlanKind = Literal[tuple(PlanDocument.Kind.values)]
PlanItemKind = Literal[tuple(PlanItem.Kind.values)]
YEAR = {"ge": 1945, "le": 2100}  # a plan's first and last year
ORDER = {"ge": 0, "le": 32767}
# A gap check lists the first GAP_RECORDS offending records; `record_count` counts them all, `url` shows them all.
GAP_RECORDS = 50


# --- gap checks -------------------------------------------------------------------------------


class AlignmentGapRecordOut(Schema):
    id: int
    code: str | None
    name: str
    detail: str


class AlignmentGapCheckOut(Schema):
    code: str
    title: str
    description: str
    subject: str = Field(description="What the records are: programme, dimension, element, gap (a readiness gap) or plan_item.")
    informational: bool
    record_count: int
    url: str
    records: list[AlignmentGapRecordOut] = Field(
        description=f"The first {GAP_RECORDS} offending records (all of them on the page at `url`)."
    )


class AlignmentGapCheckPage(Schema):
    masterplan_id: int | None
    count: int
    items: list[AlignmentGapCheckOut]


@router.get(
    "/{code}/alignment/gaps", response={200: AlignmentGapCheckPage, **ERROR_RESPONSES}, summary="Gap checks of the masterplan's alignment"
)
def list_alignment_gap_checks(request, code: str, paging: Query[Paging]):
    """Each check with its stable `code`, the number of offending records (`record_count`) and the first
    50 of them (`records`); the page at `url` lists them all."""
    city = city_selectors.city_or_404(user_of(request), code)
    page_url = reverse("alignment:gaps", args=[city.code])
    masterplan = selectors.current_masterplan(city)
    checks = selectors.gap_checks(city, masterplan)
    counts = selectors.gap_counts(checks)

    def check_out(check) -> dict:
        return {
            "code": check.code,
            "title": check.title,
            "description": check.help,
            "subject": check.subject,
            "informational": check.informational,
            "record_count": counts[check.code],
            "url": f"{page_url}#{check.anchor}",
            "records": [check.describe(obj) for obj in check.queryset[:GAP_RECORDS]],
        }

    return {"masterplan_id": masterplan.pk if masterplan else None, **page(checks, paging, check_out)}


# --- matrix -----------------------------------------------------------------------------------


class AlignmentMatrixColumnOut(Schema):
    kind: str
    kind_label: str


class AlignmentMatrixCellOut(Schema):
    link_id: int
    plan_item_id: int
    plan_item_kind: str
    plan_item_kind_label: str
    plan_item_code: str
    plan_item_name: str
    plan_id: int
    plan_name: str
    other_department: bool = Field(description="The plan is a Renstra/Renja of another department than the programme's lead.")


class AlignmentMatrixRowOut(Schema):
    programme_id: int
    programme_name: str
    dimension_code: str
    dimension_name: str
    element_code: str
    element_name: str
    lead_opd_id: int | None
    lead_opd_name: str | None
    link_count: int
    cells: dict[str, list[AlignmentMatrixCellOut]] = Field(description="The linked plan items under each column's kind of plan.")


class AlignmentMatrixOut(Schema):
    columns: list[AlignmentMatrixColumnOut]
    count: int
    items: list[AlignmentMatrixRowOut]


@router.get("/{code}/alignment/matrix", response={200: AlignmentMatrixOut, **ERROR_RESPONSES}, summary="Alignment matrix")
def get_alignment_matrix(request, code: str, paging: Query[Paging]):
    """Rows: the masterplan's programmes (by dimension); cells: the linked items of each kind of official plan."""
    city = city_selectors.city_or_404(user_of(request), code)
    columns = selectors.matrix_columns(city)
    rows = page(selectors.matrix_programmes(city), paging)
    return {
        "columns": [{"kind": c["kind"], "kind_label": str(c["label"])} for c in columns],
        "count": rows["count"],
        "items": [_row_out(row, columns) for row in selectors.matrix_rows(rows["items"], columns)],
    }


def _row_out(row: dict, columns: list[dict]) -> dict:
    p = row["programme"]
    return {
        "programme_id": p.pk,
        "programme_name": p.name,
        "dimension_code": p.dimension.code,
        "dimension_name": p.dimension.name,
        "element_code": p.element.code,
        "element_name": p.element.name,
        "lead_opd_id": p.lead_opd_id,
        "lead_opd_name": str(p.lead_opd) if p.lead_opd else None,
        "link_count": row["n_links"],
        "cells": {
            column["kind"]: [
                {
                    "link_id": e["link"].pk,
                    "plan_item_id": e["item"].pk,
                    "plan_item_kind": e["item"].kind,
                    "plan_item_kind_label": e["item"].get_kind_display(),
                    "plan_item_code": e["item"].code,
                    "plan_item_name": e["item"].text,
                    "plan_id": e["document"].pk,
                    "plan_name": e["document"].title,
                    "other_department": e["other_opd"],
                }
                for e in cell
            ]
            for column, cell in zip(columns, row["cells"], strict=True)
        },
    }


# --- plans (official plan documents) ----------------------------------------------------------


class AlignmentPlanOut(Schema):
    id: int
    version: int
    kind: str
    kind_label: str
    national: bool = Field(description="A national plan (RPJMN) the city records to align its programmes with.")
    title: str
    start_year: int
    end_year: int
    opd_id: int | None
    opd_name: str | None
    legal_basis: str
    item_count: int
    link_count: int

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_national(obj):
        return obj.is_national

    @staticmethod
    def resolve_opd_name(obj):
        return str(obj.opd) if obj.opd_id else None

    @staticmethod
    def resolve_item_count(obj):
        return obj.n_items

    @staticmethod
    def resolve_link_count(obj):
        return obj.n_links


class AlignmentPlanIn(Input):
    kind: PlanKind
    title: str = Field(max_length=250)
    start_year: int = Field(**YEAR)
    end_year: int = Field(**YEAR)
    opd_id: Id | None = Field(None, description="The department of a Renstra or Renja; none for the city's own plans.")
    legal_basis: str = Field("", max_length=250)


class AlignmentPlanPatch(Input):
    kind: PlanKind = absent()
    title: str = absent(max_length=250)
    start_year: int = absent(**YEAR)
    end_year: int = absent(**YEAR)
    opd_id: Id | None = absent()
    legal_basis: str = absent(max_length=250)


class AlignmentPlanFilters(Paging):
    kind: PlanKind | None = None


class AlignmentPlanPage(Schema):
    count: int
    items: list[AlignmentPlanOut]


def _plan_out(city, pk) -> PlanDocument:
    return selectors.plan_documents(city).get(pk=pk)


@router.get("/{code}/plans", response={200: AlignmentPlanPage, **ERROR_RESPONSES}, summary="Official plans of a city")
def list_official_plans(request, code: str, filters: Query[AlignmentPlanFilters]):
    city = city_selectors.city_or_404(user_of(request), code)
    documents = selectors.plan_documents(city)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    return page(documents, filters)


@router.post("/{code}/plans", response={201: AlignmentPlanOut, **ERROR_RESPONSES}, summary="Register an official plan")
def create_official_plan(request, code: str, payload: AlignmentPlanIn):
    """A Renstra or Renja names its department (`opd_id`, a department of this city); the other kinds name none."""
    city = city_selectors.city_or_404(user_of(request), code)
    document = services.plan_document_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, _plan_out(city, document.pk))


@router.get("/{code}/plans/{plan_id}", response={200: AlignmentPlanOut, **ERROR_RESPONSES}, summary="One official plan")
def get_official_plan(request, code: str, plan_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    return resolve(PlanDocument, plan_id, city=city, queryset=selectors.plan_documents(city))


@router.patch("/{code}/plans/{plan_id}", response={200: AlignmentPlanOut, **ERROR_RESPONSES}, summary="Change an official plan")
def update_official_plan(request, code: str, plan_id: int, payload: AlignmentPlanPatch):
    city = city_selectors.city_or_404(user_of(request), code)
    document = resolve(PlanDocument, plan_id, city=city, queryset=PlanDocument.objects.select_related("opd", "city"))
    with concurrency.from_request(request, document):
        services.plan_document_update(actor=user_of(request), document=document, **changes(payload))
    return _plan_out(city, document.pk)


@router.delete("/{code}/plans/{plan_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete an official plan")
def delete_official_plan(request, code: str, plan_id: int):
    """Refused (409 `still_linked`) while programmes are linked to its items."""
    city = city_selectors.city_or_404(user_of(request), code)
    services.plan_document_delete(actor=user_of(request), document=resolve(PlanDocument, plan_id, city=city))
    return Status(204, None)


# --- plan items -------------------------------------------------------------------------------


class AlignmentPlanItemOut(Schema):
    id: int
    version: int
    plan_id: int
    parent_id: int | None
    kind: str
    kind_label: str
    code: str
    text: str
    indicator: str
    target: str
    indicative_ceiling: int | None = Field(description="Pagu indikatif in whole Rupiah; null when the plan states none.")
    order: int
    link_count: int

    @staticmethod
    def resolve_plan_id(obj):
        return obj.document_id

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_indicative_ceiling(obj):
        return None if obj.indicative_ceiling is None else int(obj.indicative_ceiling)

    @staticmethod
    def resolve_link_count(obj):
        return obj.n_links


# Pagu indikatif in whole Rupiah (18 digits); a negative amount is the service's to refuse (400 `out_of_range`).
CEILING = {"le": 10**18 - 1}
CEILING_HELP = "Pagu indikatif in whole Rupiah, not negative (400 `out_of_range`); null: none stated."


class AlignmentPlanItemIn(Input):
    kind: PlanItemKind
    text: str
    code: str = Field(
        "",
        max_length=30,
        description="Permendagri 90/2019 code, required for programmes, activities and sub-activities of regional plans; "
        "a free reference (e.g. PN 5) in an RPJMN, RTRW or priority programmes.",
    )
    parent_id: Id | None = Field(
        None, description="An item of the same plan (vision → mission → goal → programme → activity → sub-activity)."
    )
    indicator: str = ""
    target: str = Field("", max_length=150)
    indicative_ceiling: int | None = Field(None, description=CEILING_HELP, **CEILING)
    order: int | None = Field(None, description="Position among its siblings; by default after the last one.", **ORDER)


class AlignmentPlanItemPatch(Input):
    kind: PlanItemKind = absent()
    text: str = absent()
    code: str = absent(max_length=30)
    parent_id: Id | None = absent()
    indicator: str = absent()
    target: str = absent(max_length=150)
    indicative_ceiling: int | None = absent(description=CEILING_HELP, **CEILING)
    order: int = absent(**ORDER)


class AlignmentPlanItemFilters(Paging):
    kind: PlanItemKind | None = None


class AlignmentPlanItemPage(Schema):
    count: int
    items: list[AlignmentPlanItemOut]


def _plan(city, plan_id) -> PlanDocument:
    return resolve(PlanDocument, plan_id, city=city, queryset=PlanDocument.objects.select_related("city"))


def _item_out(document, pk) -> PlanItem:
    return selectors.plan_items(document).get(pk=pk)


@router.get("/{code}/plans/{plan_id}/items", response={200: AlignmentPlanItemPage, **ERROR_RESPONSES}, summary="Items of an official plan")
def list_plan_items(request, code: str, plan_id: int, filters: Query[AlignmentPlanItemFilters]):
    city = city_selectors.city_or_404(user_of(request), code)
    items = selectors.plan_items(_plan(city, plan_id)).order_by("order", "pk")
    if filters.kind:
        items = items.filter(kind=filters.kind)
    return page(items, filters)


@router.post(
    "/{code}/plans/{plan_id}/items", response={201: AlignmentPlanItemOut, **ERROR_RESPONSES}, summary="Add an item to an official plan"
)
def create_plan_item(request, code: str, plan_id: int, payload: AlignmentPlanItemIn):
    city = city_selectors.city_or_404(user_of(request), code)
    document = _plan(city, plan_id)
    item = services.plan_item_create(actor=user_of(request), document=document, **payload.dict())
    return Status(201, _item_out(document, item.pk))


@router.get(
    "/{code}/plans/{plan_id}/items/{plan_item_id}", response={200: AlignmentPlanItemOut, **ERROR_RESPONSES}, summary="One plan item"
)
def get_plan_item(request, code: str, plan_id: int, plan_item_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    document = _plan(city, plan_id)
    return resolve(PlanItem, plan_item_id, city=city, queryset=selectors.plan_items(document))


@router.patch(
    "/{code}/plans/{plan_id}/items/{plan_item_id}", response={200: AlignmentPlanItemOut, **ERROR_RESPONSES}, summary="Change a plan item"
)
def update_plan_item(request, code: str, plan_id: int, plan_item_id: int, payload: AlignmentPlanItemPatch):
    city = city_selectors.city_or_404(user_of(request), code)
    document = _plan(city, plan_id)
    item = resolve(PlanItem, plan_item_id, city=city, queryset=document.items.select_related("document__city", "parent"))
    with concurrency.from_request(request, item):
        services.plan_item_update(actor=user_of(request), item=item, **changes(payload))
    return _item_out(document, item.pk)


@router.delete("/{code}/plans/{plan_id}/items/{plan_item_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a plan item")
def delete_plan_item(request, code: str, plan_id: int, plan_item_id: int):
    """Deletes the items below it too; refused (409 `still_linked`) while a programme is linked to one of them."""
    city = city_selectors.city_or_404(user_of(request), code)
    document = _plan(city, plan_id)
    item = resolve(PlanItem, plan_item_id, city=city, queryset=document.items.select_related("document__city"))
    services.plan_item_delete(actor=user_of(request), item=item)
    return Status(204, None)


# --- programme links --------------------------------------------------------------------------


class AlignmentLinkIn(Input):
    programme_id: Id
    plan_item_id: Id
    note: str = Field("", max_length=300)


class AlignmentLinkOut(Schema):
    id: int
    programme_id: int
    programme_name: str = Field(alias="programme.name")
    plan_item_id: int
    plan_item_kind: str = Field(alias="plan_item.kind")
    plan_item_kind_label: str
    plan_item_code: str = Field(alias="plan_item.code")
    plan_item_name: str = Field(alias="plan_item.text")
    plan_id: int = Field(alias="plan_item.document_id")
    plan_name: str = Field(alias="plan_item.document.title")
    plan_kind: str = Field(alias="plan_item.document.kind")
    plan_kind_label: str
    note: str

    @staticmethod
    def resolve_plan_item_kind_label(obj):
        return obj.plan_item.get_kind_display()

    @staticmethod
    def resolve_plan_kind_label(obj):
        return obj.plan_item.document.get_kind_display()


class AlignmentLinkFilters(Paging):
    programme_id: Id | None = None
    plan_item_id: Id | None = None


class AlignmentLinkPage(Schema):
    count: int
    items: list[AlignmentLinkOut]


def _links(city):
    return (
        ProgrammeLink.objects.filter(programme__masterplan__city=city)
        .select_related("programme", "plan_item__document")
        .order_by("programme_id", "pk")
    )


@router.get("/{code}/alignment/links", response={200: AlignmentLinkPage, **ERROR_RESPONSES}, summary="Programme links to official plans")
def list_programme_links(request, code: str, filters: Query[AlignmentLinkFilters]):
    city = city_selectors.city_or_404(user_of(request), code)
    links = _links(city)
    if filters.programme_id is not None:
        links = links.filter(programme_id=filters.programme_id)
    if filters.plan_item_id is not None:
        links = links.filter(plan_item_id=filters.plan_item_id)
    return page(links, filters)


@router.post("/{code}/alignment/links", response={201: AlignmentLinkOut, **ERROR_RESPONSES}, summary="Link a programme to a plan item")
def create_programme_link(request, code: str, payload: AlignmentLinkIn):
    """Both the programme and the plan item belong to this city; a department's operator links the programmes it leads."""
    city = city_selectors.city_or_404(user_of(request), code)
    link = services.programme_link_create(actor=user_of(request), city=city, **payload.dict())
    return Status(201, _links(city).get(pk=link.pk))


@router.delete("/{code}/alignment/links/{link_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove a programme link")
def delete_programme_link(request, code: str, link_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    link = resolve(
        ProgrammeLink, link_id, city=city, queryset=ProgrammeLink.objects.select_related("programme__masterplan__city", "plan_item")
    )
    services.programme_link_delete(actor=user_of(request), link=link)
    return Status(204, None)
