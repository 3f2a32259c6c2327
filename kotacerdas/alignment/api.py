"""API: official plans and their items, programme links, the alignment matrix and the gap checks."""
from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.alignment import selectors, services
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities.models import Opd
from kotacerdas.core import permissions
from kotacerdas.core.api import ERROR_RESPONSES, user_of
from kotacerdas.core.errors import ServiceError
from kotacerdas.programmes.models import Programme

router = Router(tags=["alignment"])
MAX_LIMIT = 500


class Paging(Schema):
    limit: int = 50
    offset: int = 0

    def window(self, queryset):
        limit = max(1, min(self.limit, MAX_LIMIT))
        offset = max(0, self.offset)
        return queryset[offset:offset + limit]


# --- gap checks -------------------------------------------------------------------------------

class GapRecordOut(Schema):
    id: int
    code: str | None
    name: str
    detail: str


class GapCheckOut(Schema):
    code: str
    title: str
    description: str
    informational: bool
    count: int
    url: str
    items: list[GapRecordOut]


class GapsOut(Schema):
    masterplan_id: int | None
    checks: list[GapCheckOut]


@router.get("/{code}/alignment/gaps", response={200: GapsOut, **ERROR_RESPONSES}, summary="Gap checks of the masterplan's alignment")
def gaps(request, code: str, limit: int = 50):
    """Each check with its stable `code`, the number of offending records and the first `limit` of them."""
    city = city_selectors.city_or_404(user_of(request), code)
    limit = max(1, min(limit, MAX_LIMIT))
    page_url = reverse("alignment:gaps", args=[city.code])
    checks = [{
        "code": check.code, "title": check.title, "description": check.help, "informational": check.informational,
        "count": check.queryset.count(), "url": f"{page_url}#{check.anchor}",
        "items": [check.describe(obj) for obj in check.queryset[:limit]],
    } for check in selectors.gap_checks(city)]
    masterplan = selectors.current_masterplan(city)
    return {"masterplan_id": masterplan.pk if masterplan else None, "checks": checks}


# --- matrix -----------------------------------------------------------------------------------

class ColumnOut(Schema):
    kind: str
    label: str


class CellItemOut(Schema):
    link_id: int
    plan_item_id: int
    kind: str
    code: str
    text: str
    document_id: int
    document_title: str
    other_department: bool


class MatrixProgrammeOut(Schema):
    id: int
    name: str
    dimension: str
    element: str
    lead_opd: str | None


class MatrixRowOut(Schema):
    programme: MatrixProgrammeOut
    cells: dict[str, list[CellItemOut]]


class MatrixOut(Schema):
    columns: list[ColumnOut]
    count: int
    items: list[MatrixRowOut]


@router.get("/{code}/alignment/matrix", response={200: MatrixOut, **ERROR_RESPONSES}, summary="Alignment matrix")
def matrix(request, code: str, paging: Query[Paging]):
    """Rows: the masterplan's programmes (by dimension); cells: the linked items of each kind of official plan."""
    city = city_selectors.city_or_404(user_of(request), code)
    columns = selectors.matrix_columns(city)
    programmes = selectors.matrix_programmes(city)
    rows = selectors.matrix_rows(paging.window(programmes), columns)
    return {
        "columns": [{"kind": c["kind"], "label": str(c["label"])} for c in columns],
        "count": programmes.count(),
        "items": [_row_out(row, columns) for row in rows],
    }


def _row_out(row: dict, columns: list[dict]) -> dict:
    p = row["programme"]
    return {
        "programme": {"id": p.pk, "name": p.name, "dimension": p.dimension.code, "element": p.element.code,
                      "lead_opd": p.lead_opd.short_name if p.lead_opd else None},
        "cells": {column["kind"]: [{
            "link_id": e["link"].pk, "plan_item_id": e["item"].pk, "kind": e["item"].kind, "code": e["item"].code, "text": e["item"].text,
            "document_id": e["document"].pk, "document_title": e["document"].title, "other_department": e["other_opd"],
        } for e in cell] for column, cell in zip(columns, row["cells"])},
    }


# --- plan documents ---------------------------------------------------------------------------

class PlanOut(Schema):
    id: int
    kind: str
    title: str
    start_year: int
    end_year: int
    opd_id: int | None
    opd: str | None
    legal_basis: str
    n_items: int = 0
    n_links: int = 0

    @staticmethod
    def resolve_opd(obj):
        return obj.opd.short_name if obj.opd_id else None


class PlanIn(Schema):
    kind: str
    title: str
    start_year: int
    end_year: int
    opd_id: int | None = None
    legal_basis: str = ""


class PlanPatch(Schema):
    kind: str | None = None
    title: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    opd_id: int | None = None
    legal_basis: str | None = None


class PlanListOut(Schema):
    count: int
    items: list[PlanOut]


def _opd_fields(data: dict) -> dict:
    """Turn `opd_id` into the department (of any city: the service names one of another city)."""
    if "opd_id" not in data:
        return data
    opd_id = data.pop("opd_id")
    opd = Opd.objects.filter(pk=opd_id).first() if opd_id is not None else None
    if opd_id is not None and opd is None:
        raise ServiceError("unknown_opd", _("No department with id %(id)s.") % {"id": opd_id}, field="opd_id")
    return {**data, "opd": opd}


def _plan_out(city, pk) -> PlanDocument:
    return selectors.plan_documents(city).get(pk=pk)


@router.get("/{code}/plans", response={200: PlanListOut, **ERROR_RESPONSES}, summary="Official plans of a city")
def plan_list(request, code: str, paging: Query[Paging], kind: str | None = None):
    city = city_selectors.city_or_404(user_of(request), code)
    documents = selectors.plan_documents(city)
    if kind:
        documents = documents.filter(kind=kind)
    return {"count": documents.count(), "items": list(paging.window(documents))}


@router.post("/{code}/plans", response={201: PlanOut, **ERROR_RESPONSES}, summary="Register an official plan")
def plan_create(request, code: str, payload: PlanIn):
    city = city_selectors.city_or_404(user_of(request), code)
    document = services.plan_document_create(actor=user_of(request), city=city, **_opd_fields(payload.dict()))
    return 201, _plan_out(city, document.pk)


@router.get("/{code}/plans/{plan_id}", response={200: PlanOut, **ERROR_RESPONSES}, summary="One official plan")
def plan_get(request, code: str, plan_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    selectors.plan_document_or_404(city, plan_id)
    return _plan_out(city, plan_id)


@router.patch("/{code}/plans/{plan_id}", response={200: PlanOut, **ERROR_RESPONSES}, summary="Change an official plan")
def plan_update(request, code: str, plan_id: int, payload: PlanPatch):
    city = city_selectors.city_or_404(user_of(request), code)
    document = selectors.plan_document_or_404(city, plan_id)
    services.plan_document_update(actor=user_of(request), document=document, **_opd_fields(payload.dict(exclude_unset=True)))
    return _plan_out(city, plan_id)


@router.delete("/{code}/plans/{plan_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete an official plan")
def plan_delete(request, code: str, plan_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    services.plan_document_delete(actor=user_of(request), document=selectors.plan_document_or_404(city, plan_id))
    return 204, None


# --- plan items -------------------------------------------------------------------------------

class ItemOut(Schema):
    id: int
    document_id: int
    parent_id: int | None
    kind: str
    code: str
    text: str
    order: int
    n_links: int = 0


class ItemIn(Schema):
    kind: str
    text: str
    code: str = ""
    parent_id: int | None = None
    order: int | None = None


class ItemPatch(Schema):
    kind: str | None = None
    text: str | None = None
    code: str | None = None
    parent_id: int | None = None
    order: int | None = None


class ItemListOut(Schema):
    count: int
    items: list[ItemOut]


def _parent_fields(document, data: dict) -> dict:
    """Turn `parent_id` into the item (of any plan of the city: the service refuses another plan's)."""
    if "parent_id" not in data:
        return data
    parent_id = data.pop("parent_id")
    parent = PlanItem.objects.filter(pk=parent_id, document__city=document.city).first() if parent_id is not None else None
    if parent_id is not None and parent is None:
        raise ServiceError("unknown_parent", _("No plan item with id %(id)s in this city.") % {"id": parent_id}, field="parent_id")
    return {**data, "parent": parent}


def _item_out(document, pk) -> PlanItem:
    return selectors.plan_items(document).get(pk=pk)


@router.get("/{code}/plans/{plan_id}/items", response={200: ItemListOut, **ERROR_RESPONSES}, summary="Items of an official plan")
def item_list(request, code: str, plan_id: int, paging: Query[Paging], kind: str | None = None):
    city = city_selectors.city_or_404(user_of(request), code)
    items = selectors.plan_items(selectors.plan_document_or_404(city, plan_id)).order_by("order", "pk")
    if kind:
        items = items.filter(kind=kind)
    return {"count": items.count(), "items": list(paging.window(items))}


@router.post("/{code}/plans/{plan_id}/items", response={201: ItemOut, **ERROR_RESPONSES}, summary="Add an item to an official plan")
def item_create(request, code: str, plan_id: int, payload: ItemIn):
    city = city_selectors.city_or_404(user_of(request), code)
    document = selectors.plan_document_or_404(city, plan_id)
    item = services.plan_item_create(actor=user_of(request), document=document, **_parent_fields(document, payload.dict()))
    return 201, _item_out(document, item.pk)


@router.get("/{code}/plans/{plan_id}/items/{item_id}", response={200: ItemOut, **ERROR_RESPONSES}, summary="One plan item")
def item_get(request, code: str, plan_id: int, item_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    document = selectors.plan_document_or_404(city, plan_id)
    selectors.plan_item_or_404(document, item_id)
    return _item_out(document, item_id)


@router.patch("/{code}/plans/{plan_id}/items/{item_id}", response={200: ItemOut, **ERROR_RESPONSES}, summary="Change a plan item")
def item_update(request, code: str, plan_id: int, item_id: int, payload: ItemPatch):
    city = city_selectors.city_or_404(user_of(request), code)
    document = selectors.plan_document_or_404(city, plan_id)
    item = selectors.plan_item_or_404(document, item_id)
    services.plan_item_update(actor=user_of(request), item=item, **_parent_fields(document, payload.dict(exclude_unset=True)))
    return _item_out(document, item_id)


@router.delete("/{code}/plans/{plan_id}/items/{item_id}", response={204: None, **ERROR_RESPONSES}, summary="Delete a plan item")
def item_delete(request, code: str, plan_id: int, item_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    document = selectors.plan_document_or_404(city, plan_id)
    services.plan_item_delete(actor=user_of(request), item=selectors.plan_item_or_404(document, item_id))
    return 204, None


# --- programme links --------------------------------------------------------------------------

class LinkIn(Schema):
    programme_id: int
    plan_item_id: int
    note: str = ""


class LinkOut(Schema):
    id: int
    programme_id: int
    plan_item_id: int
    plan_item_code: str
    plan_item_text: str
    document_id: int
    document_kind: str
    note: str

    @staticmethod
    def resolve_plan_item_code(obj):
        return obj.plan_item.code

    @staticmethod
    def resolve_plan_item_text(obj):
        return obj.plan_item.text

    @staticmethod
    def resolve_document_id(obj):
        return obj.plan_item.document_id

    @staticmethod
    def resolve_document_kind(obj):
        return obj.plan_item.document.kind


class LinkListOut(Schema):
    count: int
    items: list[LinkOut]


@router.get("/{code}/alignment/links", response={200: LinkListOut, **ERROR_RESPONSES}, summary="Programme links to official plans")
def link_list(request, code: str, paging: Query[Paging], programme_id: int | None = None):
    city = city_selectors.city_or_404(user_of(request), code)
    links = ProgrammeLink.objects.filter(programme__masterplan__city=city).select_related("plan_item__document").order_by("programme_id", "pk")
    if programme_id is not None:
        links = links.filter(programme_id=programme_id)
    return {"count": links.count(), "items": list(paging.window(links))}


@router.post("/{code}/alignment/links", response={201: LinkOut, **ERROR_RESPONSES}, summary="Link a programme to a plan item")
def link_create(request, code: str, payload: LinkIn):
    """The plan item must belong to this city; a programme of another city is refused with `other_city`."""
    user = user_of(request)
    city = city_selectors.city_or_404(user, code)
    plan_item = PlanItem.objects.filter(pk=payload.plan_item_id, document__city=city).select_related("document").first()
    if plan_item is None:
        raise Http404(_("No plan item with id %(id)s in %(city)s.") % {"id": payload.plan_item_id, "city": city.name})
    visible = city_selectors.visible_cities(user).values("pk")
    programme = Programme.objects.filter(pk=payload.programme_id, masterplan__city__in=visible).select_related("masterplan__city").first()
    if programme is None:
        raise Http404(_("No programme with id %(id)s.") % {"id": payload.programme_id})
    link = services.programme_link_create(actor=user, programme=programme, plan_item=plan_item, note=payload.note)
    return 201, link


@router.delete("/{code}/alignment/links/{link_id}", response={204: None, **ERROR_RESPONSES}, summary="Remove a programme link")
def link_delete(request, code: str, link_id: int):
    city = city_selectors.city_or_404(user_of(request), code)
    services.programme_link_delete(actor=user_of(request), link=selectors.link_or_404(city, link_id))
    return 204, None
