"""Pages: the alignment matrix, the gap checks, the official plans and their item trees, programme links."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.alignment import selectors, services, tables
from kotacerdas.alignment.forms import (
    ImportForm,
    LinkForm,
    PlanDocumentForm,
    PlanItemForm,
)
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions, tabular
from kotacerdas.core.api import resolve
from kotacerdas.core.concurrency import track_version
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.programmes.models import Programme

TREE_PAGE_SIZE = 60
CHECK_PAGE_SIZE = 25


def _plan(city, pk) -> PlanDocument:
    return resolve(PlanDocument, pk, city=city, queryset=PlanDocument.objects.select_related("opd", "city__region"))


def _item(city, document, pk) -> PlanItem:
    return resolve(PlanItem, pk, city=city, queryset=document.items.select_related("document__city", "parent"))


def _int(value):
    """A query parameter as an id (anything else names no record)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def matrix(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    masterplan = current_masterplan(city)
    columns = selectors.matrix_columns(city)
    page = paginate(request, selectors.matrix_programmes(city, masterplan))
    return render(
        request,
        "alignment/matrix.html",
        {
            "city": city,
            "masterplan": masterplan,
            "columns": columns,
            "page": page,
            "rows": selectors.matrix_rows(page, columns),
            "summary": selectors.gap_summary(city, masterplan),
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


def matrix_export(request, code: str):
    """The whole matrix (every page): the same rows and columns."""
    city = city_selectors.city_or_404(request.user, code)
    columns = selectors.matrix_columns(city)
    rows = selectors.matrix_rows(selectors.matrix_programmes(city), columns)
    return tabular.download(
        fmt=request.GET.get("format", ""), columns=tables.matrix_columns(columns), rows=rows, what=_("alignment"), city=city
    )


def gaps(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    checks = []
    masterplan = current_masterplan(city)
    recorded = selectors.recorded_subjects(city, masterplan)
    for check in selectors.gap_checks(city, masterplan):
        page = paginate(request, check.queryset, CHECK_PAGE_SIZE, param=f"{check.code}_page")
        checks.append({"check": check, "page": page, "records": list(page), "recorded": recorded.get(check.subject, True)})
    return render(request, "alignment/gaps.html", {"city": city, "masterplan": masterplan, "checks": checks})


# --- plan documents ---------------------------------------------------------------------------


def plans(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    return render(
        request,
        "alignment/plans.html",
        {
            "city": city,
            "page": paginate(request, selectors.plan_documents(city)),
            "can_manage": permissions.can_manage_city(request.user, city),
        },
    )


def plan_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = PlanDocumentForm(request.POST or None, city=city)
    if request.method == "POST":
        document = write_from_form(form, lambda data: services.plan_document_create(actor=request.user, city=city, **data))
        if document:
            messages.success(request, _("The plan “%(plan)s” was registered.") % {"plan": document.title})
            return redirect("alignment:plan_detail", city.code, document.pk)
    return render(request, "alignment/plan_form.html", {"city": city, "form": form, "document": None})


def plan_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(document, name) for name in services.DOCUMENT_FIELDS}
    form = track_version(PlanDocumentForm(request.POST or None, city=city, initial=initial), document)
    if request.method == "POST" and write_from_form(
        form, lambda data: services.plan_document_update(actor=request.user, document=document, **data)
    ):
        messages.success(request, _("The plan was saved."))
        return redirect("alignment:plan_detail", city.code, document.pk)
    return render(request, "alignment/plan_form.html", {"city": city, "form": form, "document": document})


@require_POST
def plan_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    try:
        with transaction.atomic():
            services.plan_document_delete(actor=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("alignment:plan_detail", city.code, document.pk)
    messages.success(request, _("The plan “%(plan)s” was deleted.") % {"plan": document.title})
    return redirect("alignment:plans", city.code)


def plan_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    can_manage = permissions.can_manage_city(request.user, city)
    return render(
        request,
        "alignment/plan_detail.html",
        {
            "city": city,
            "document": document,
            "page": paginate(request, selectors.plan_item_tree(document), TREE_PAGE_SIZE),
            "can_manage": can_manage,
            "form": PlanItemForm(document=document) if can_manage else None,
        },
    )


def plan_items_export(request, code: str, pk: int):
    """Every item of the plan in reading order, with its indicator, target and indicative ceiling."""
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    return tabular.download(
        fmt=request.GET.get("format", ""),
        columns=tables.PLAN_ITEM_COLUMNS,
        rows=selectors.plan_item_tree(document),
        what=f"{document.kind}-{document.start_year}",
        city=city,
    )


# --- plan items (htmx inline, with full-page fallbacks) ---------------------------------------


def _depth(item) -> int:
    depth, parent = 0, item.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _row(request, city, document, item, *, error: str = ""):
    item = selectors.plan_items(document).get(pk=item.pk)
    item.depth = _depth(item)
    return render(
        request, "alignment/_item_row.html", {"city": city, "document": document, "item": item, "can_manage": True, "error": error}
    )


def item_create(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    parent = _item(city, document, _int(request.GET["parent"])) if request.GET.get("parent") else None
    form = PlanItemForm(request.POST or None, document=document, initial={"parent_id": parent, "kind": _child_kind(parent)})
    if request.method == "POST":
        item = write_from_form(form, lambda data: services.plan_item_create(actor=request.user, document=document, **data))
        if item:
            if request.htmx:
                return _row(request, city, document, item)
            messages.success(request, _("The item was added."))
            return redirect("alignment:plan_detail", city.code, document.pk)
    template = "alignment/_item_form.html" if request.htmx else "alignment/item_form.html"
    return render(
        request,
        template,
        {"city": city, "document": document, "form": form, "item": None, "parent": parent, "action": request.get_full_path()},
    )


def _child_kind(parent) -> str | None:
    """The kind an item added below `parent` most likely has."""
    if parent is None:
        return None
    for kind, allowed in services.ALLOWED_PARENTS.items():
        if parent.kind in allowed:
            return kind
    return None


def item_edit(request, code: str, pk: int, item_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    item = _item(city, document, item_pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = track_version(PlanItemForm(request.POST or None, document=document, item=item, initial=initial), item)

    def write(data):
        order = data["order"] if data["order"] is not None else item.order
        return services.plan_item_update(actor=request.user, item=item, **{**data, "order": order})

    if request.method == "POST" and write_from_form(form, write):
        if request.htmx:
            return _row(request, city, document, item)
        messages.success(request, _("The item was saved."))
        return redirect("alignment:plan_detail", city.code, document.pk)
    template = "alignment/_item_form.html" if request.htmx else "alignment/item_form.html"
    return render(request, template, {"city": city, "document": document, "form": form, "item": item, "action": request.get_full_path()})


@require_POST
def item_delete(request, code: str, pk: int, item_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    item = _item(city, document, item_pk)
    had_children = item.children.exists()
    try:
        with transaction.atomic():
            services.plan_item_delete(actor=request.user, item=item)
    except ServiceError as exc:
        if request.htmx:
            return _row(request, city, document, item, error=exc.message)
        messages.error(request, exc.message)
        return redirect("alignment:plan_detail", city.code, document.pk)
    if request.htmx:
        # The rows below a deleted parent went with it: redraw the tree.
        return HttpResponse("", headers={"HX-Refresh": "true"} if had_children else None)
    messages.success(request, _("The item was deleted."))
    return redirect("alignment:plan_detail", city.code, document.pk)


def item_import(request, code: str, pk: int):
    """The workbook is checked and kept, then imported by a background job whose page shows its progress."""
    city = city_selectors.city_or_404(request.user, code)
    document = _plan(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        job = write_from_form(form, lambda data: services.plan_items_import_start(actor=request.user, document=document, file=data["file"]))
        if job is not None:
            return redirect("jobs:detail", job.pk)
    limits = {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024), "rows": settings.IMPORT_MAX_ROWS, "columns": settings.IMPORT_MAX_COLUMNS}
    return render(request, "alignment/import.html", {"city": city, "document": document, "form": form, "limits": limits})


# --- programme links --------------------------------------------------------------------------


def programme_links(request, code: str, pid: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = resolve(Programme, pid, city=city, queryset=Programme.objects.select_related("masterplan__city", "lead_opd", "dimension"))
    can_edit = permissions.can_edit_programme(request.user, programme)
    form = LinkForm(request.POST or None, city=city)
    if request.method == "POST":
        permissions.ensure(can_edit, "programme.edit")
        link = write_from_form(
            form,
            lambda data: services.programme_link_create(
                actor=request.user, city=city, programme_id=programme, plan_item_id=data["plan_item_id"], note=data["note"]
            ),
        )
        if link:
            messages.success(request, _("“%(programme)s” is now linked to %(item)s.") % {"programme": programme, "item": link.plan_item})
            return redirect(request.get_full_path())
    query = request.GET.get("q", "")
    links = list(selectors.programme_links(programme))
    return render(
        request,
        "alignment/programme_links.html",
        {
            "city": city,
            "programme": programme,
            "links": links,
            "linked_ids": {link.plan_item_id for link in links},
            "query": query,
            "results": paginate(request, selectors.linkable_items(city, query)),
            "form": form,
            "can_edit": can_edit,
        },
    )


@require_POST
def link_delete(request, code: str, link_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    link = resolve(
        ProgrammeLink, link_pk, city=city, queryset=ProgrammeLink.objects.select_related("programme__masterplan__city", "plan_item")
    )
    with transaction.atomic():
        services.programme_link_delete(actor=request.user, link=link)
    messages.success(request, _("The link to %(item)s was removed.") % {"item": link.plan_item})
    return redirect("alignment:programme_links", city.code, link.programme_id)
