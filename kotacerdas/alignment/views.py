"""Pages: the alignment matrix, the gap checks, the official plans and their item trees, programme links."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.alignment import selectors, services
from kotacerdas.alignment.forms import ImportForm, LinkForm, PlanDocumentForm, PlanItemForm
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import add_write_error
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan.selectors import current_masterplan

TREE_PAGE_SIZE = 60


def matrix(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    columns = selectors.matrix_columns(city)
    page = paginate(request, selectors.matrix_programmes(city))
    return render(request, "alignment/matrix.html", {
        "city": city, "masterplan": current_masterplan(city), "columns": columns, "page": page,
        "rows": selectors.matrix_rows(page, columns), "summary": selectors.gap_summary(city),
        "can_manage": permissions.can_manage_city(request.user, city),
    })


def gaps(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    checks = []
    for check in selectors.gap_checks(city):
        page = Paginator(check.queryset, 25).get_page(request.GET.get(f"{check.code}_page"))
        checks.append({"check": check, "page": page, "page_param": f"{check.code}_page", "records": list(page)})
    return render(request, "alignment/gaps.html", {"city": city, "masterplan": current_masterplan(city), "checks": checks})


# --- plan documents ---------------------------------------------------------------------------

def plans(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    return render(request, "alignment/plans.html", {
        "city": city, "page": paginate(request, selectors.plan_documents(city)),
        "can_manage": permissions.can_manage_city(request.user, city),
    })


def plan_create(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = PlanDocumentForm(request.POST or None, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.plan_document_create(actor=request.user, city=city, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("The plan “%(plan)s” was registered.") % {"plan": document.title})
            return redirect("alignment:plan_detail", city.code, document.pk)
    return render(request, "alignment/plan_form.html", {"city": city, "form": form, "document": None})


def plan_edit(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(document, name) for name in services.DOCUMENT_FIELDS}
    form = PlanDocumentForm(request.POST or None, city=city, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_document_update(actor=request.user, document=document, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("alignment:plan_detail", city.code, document.pk)
    return render(request, "alignment/plan_form.html", {"city": city, "form": form, "document": document})


@require_POST
def plan_delete(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    try:
        services.plan_document_delete(actor=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("alignment:plan_detail", city.code, document.pk)
    messages.success(request, _("The plan “%(plan)s” was deleted.") % {"plan": document.title})
    return redirect("alignment:plans", city.code)


def plan_detail(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    can_manage = permissions.can_manage_city(request.user, city)
    page = Paginator(selectors.plan_item_tree(document), TREE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alignment/plan_detail.html", {
        "city": city, "document": document, "page": page, "can_manage": can_manage,
        "form": PlanItemForm(document=document) if can_manage else None,
        "import_form": ImportForm() if can_manage else None,
    })


# --- plan items (htmx inline, with full-page fallbacks) ---------------------------------------

def _depth(item) -> int:
    depth, parent = 0, item.parent
    while parent is not None:
        depth, parent = depth + 1, parent.parent
    return depth


def _row(request, city, document, item, *, error: str = ""):
    item = selectors.plan_items(document).get(pk=item.pk)
    item.depth = _depth(item)
    return render(request, "alignment/_item_row.html", {"city": city, "document": document, "item": item, "can_manage": True, "error": error})


def item_create(request, code: str, pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    parent = selectors.plan_item_or_404(document, request.GET["parent"]) if request.GET.get("parent") else None
    form = PlanItemForm(request.POST or None, document=document, initial={"parent": parent, "kind": _child_kind(parent)})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.plan_item_create(actor=request.user, document=document, **form.cleaned_data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            if request.htmx:
                return _row(request, city, document, item)
            messages.success(request, _("The item was added."))
            return redirect("alignment:plan_detail", city.code, document.pk)
    template = "alignment/_item_form.html" if request.htmx else "alignment/item_form.html"
    return render(request, template, {"city": city, "document": document, "form": form, "item": None, "parent": parent,
                                      "action": request.get_full_path()})


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
    document = selectors.plan_document_or_404(city, pk)
    item = selectors.plan_item_or_404(document, item_pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
    form = PlanItemForm(request.POST or None, document=document, initial=initial)
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=item.pk)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "order": form.cleaned_data["order"] if form.cleaned_data["order"] is not None else item.order}
        try:
            item = services.plan_item_update(actor=request.user, item=item, **data)
        except (ServiceError, ValidationError) as exc:
            add_write_error(form, exc)
        else:
            if request.htmx:
                return _row(request, city, document, item)
            messages.success(request, _("The item was saved."))
            return redirect("alignment:plan_detail", city.code, document.pk)
    template = "alignment/_item_form.html" if request.htmx else "alignment/item_form.html"
    return render(request, template, {"city": city, "document": document, "form": form, "item": item, "action": request.get_full_path()})


@require_POST
def item_delete(request, code: str, pk: int, item_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    item = selectors.plan_item_or_404(document, item_pk)
    had_children = item.children.exists()
    try:
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
    city = city_selectors.city_or_404(request.user, code)
    document = selectors.plan_document_or_404(city, pk)
    permissions.ensure(permissions.can_manage_city(request.user, city), "city.manage")
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = services.read_items_xlsx(form.cleaned_data["file"])
            created = services.plan_items_import(actor=request.user, document=document, rows=rows)
        except services.ImportRejected as exc:
            add_write_error(form, exc)
            row_errors = exc.rows
        except ServiceError as exc:
            add_write_error(form, exc)
        else:
            messages.success(request, _("%(n)d items were imported.") % {"n": len(created)})
            return redirect("alignment:plan_detail", city.code, document.pk)
    return render(request, "alignment/import.html", {"city": city, "document": document, "form": form, "row_errors": row_errors})


# --- programme links --------------------------------------------------------------------------

def programme_links(request, code: str, pid: int):
    city = city_selectors.city_or_404(request.user, code)
    programme = selectors.programme_or_404(city, pid)
    can_edit = permissions.can_edit_programme(request.user, programme)
    form = LinkForm(request.POST or None, city=city)
    if request.method == "POST":
        permissions.ensure(can_edit, "programme.edit")
        if form.is_valid():
            try:
                link = services.programme_link_create(actor=request.user, programme=programme, **form.cleaned_data)
            except (ServiceError, ValidationError) as exc:
                add_write_error(form, exc)
            else:
                messages.success(request, _("“%(programme)s” is now linked to %(item)s.") % {"programme": programme, "item": link.plan_item})
                return redirect(request.get_full_path())
    query = request.GET.get("q", "")
    links = list(selectors.programme_links(programme))
    return render(request, "alignment/programme_links.html", {
        "city": city, "programme": programme, "links": links, "linked_ids": {link.plan_item_id for link in links},
        "query": query, "results": paginate(request, selectors.linkable_items(city, query)), "form": form, "can_edit": can_edit,
    })


@require_POST
def link_delete(request, code: str, link_pk: int):
    city = city_selectors.city_or_404(request.user, code)
    link = selectors.link_or_404(city, link_pk)
    services.programme_link_delete(actor=request.user, link=link)
    messages.success(request, _("The link to %(item)s was removed.") % {"item": link.plan_item})
    return redirect("alignment:programme_links", city.code, link.programme_id)
