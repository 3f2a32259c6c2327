"""Pages: the city's Documents page (checklist, downloads, versions, freeze, diff choice), one version, a diff."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.books import checklist as checks
from kotacerdas.books import diff as diffs
from kotacerdas.books import selectors, versions
from kotacerdas.books.forms import FreezeForm
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core import permissions
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.forms import write_from_form
from kotacerdas.core.pagination import paginate
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.masterplan.models import Masterplan

CHAPTER_LIMIT = 15  # checklist items shown per chapter (all of them with ?all=1, and in the API)
VERSION_PAGE_SIZE = 20
LIVE = "live"


def _plan(request, city, source=None):
    """The city's masterplans and the one chosen by `?masterplan=` (the current one by default; None when it has none)."""
    plans = list(plan_selectors.masterplans_of(city))
    chosen = plan_selectors.requested_masterplan_id((source or request.GET).get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is not None:
        plan.city = city
    return plans, plan


def _plan_or_404(request, city, source=None) -> Masterplan:
    return selectors.masterplan_for_page(city, (source or request.GET).get("masterplan"))


def _version(plan, number):
    try:
        return versions.version_or_error(plan, number)
    except ServiceError as exc:
        raise Http404(exc.message) from exc


def _documents_url(city, plan) -> str:
    url = reverse("books:documents", args=[city.code])
    return f"{url}?masterplan={plan.pk}" if plan else url


def documents(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    return _documents_page(request, city)


def _documents_page(request, city, *, freeze_form=None):
    plans, plan = _plan(request, city, request.POST if request.method == "POST" else None)
    items = checks.checklist(city, plan)
    show_all = request.GET.get("all") == "1"
    groups = checks.grouped(items)
    for book in groups:
        for chapter in book["chapters"]:
            chapter["hidden"] = 0 if show_all else max(len(chapter["items"]) - CHAPTER_LIMIT, 0)
            if not show_all:
                chapter["items"] = chapter["items"][:CHAPTER_LIMIT]
    can_freeze = permissions.can_manage_versions(request.user, city)
    context = {
        "city": city,
        "plans": plans,
        "plan": plan,
        "groups": groups,
        "summary": checks.summary(items),
        "show_all": show_all,
        "can_freeze": can_freeze,
        "can_fix": permissions.can_fix_book_gaps(request.user, city),
        "freeze_form": freeze_form or (FreezeForm(auto_id="freeze-%s") if can_freeze and plan else None),
        "versions": paginate(request, versions.versions_of(plan), VERSION_PAGE_SIZE, param="versions_page") if plan else None,
        "numbers": list(plan.versions.order_by("-number").values_list("number", flat=True)) if plan else [],
        "LIVE": LIVE,
    }
    return render(request, "books/documents.html", context)


@require_POST
def version_freeze(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    plan = _plan_or_404(request, city, request.POST)
    permissions.ensure(permissions.can_manage_versions(request.user, city), "versions.manage")
    form = FreezeForm(request.POST, auto_id="freeze-%s")
    version = write_from_form(
        form, lambda data: versions.version_freeze(actor=request.user, masterplan=plan, note=data["note"], legalised=data["legalised"])
    )
    if version:
        messages.success(request, _("Version %(number)d of the masterplan was frozen.") % {"number": version.number})
        return redirect(_documents_url(city, plan) + "#versions")
    return _documents_page(request, city, freeze_form=form)


def version_detail(request, code: str, number: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = _plan_or_404(request, city)
    version = _version(plan, number)
    return render(
        request,
        "books/version_detail.html",
        {
            "city": city,
            "plan": plan,
            "version": version,
            "summary": diffs.summarise(version.snapshot),
            "can_freeze": permissions.can_manage_versions(request.user, city),
        },
    )


@require_POST
def version_legalise(request, code: str, number: int):
    city = city_selectors.city_or_404(request.user, code)
    plan = _plan_or_404(request, city, request.POST)
    version = _version(plan, number)
    try:
        versions.version_mark_legalised(actor=request.user, version=version)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Version %(number)d is marked as the legalised version.") % {"number": version.number})
    return redirect(reverse("books:version_detail", args=[city.code, number]) + f"?masterplan={plan.pk}")


def _compared(request, city):
    """The two sides the query names: `a` a version number, `b` a version number or `live`."""
    plan = _plan_or_404(request, city)

    def side(value):
        if value == LIVE:
            return None
        try:
            return _version(plan, int(value))
        except (TypeError, ValueError) as exc:
            raise Http404(_("Choose two versions to compare.")) from exc

    first, second = side(request.GET.get("a")), side(request.GET.get("b", LIVE))
    if first is None:
        raise Http404(_("Choose two versions to compare."))
    if second is None:
        result = diffs.diff(first.snapshot, versions.plan_snapshot(plan))
    else:
        result = diffs.diff(first.snapshot, second.snapshot)
    return plan, first, second, result


def version_diff(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    plan, first, second, result = _compared(request, city)
    return render(
        request,
        "books/version_diff.html",
        {
            "city": city,
            "plan": plan,
            "first": first,
            "second": second,
            "before_label": versions.version_label(first),
            "after_label": versions.version_label(second) if second else versions.live_label(),
            "diff": result,
            "report_query": request.GET.urlencode(),
            "numbers": list(plan.versions.order_by("-number").values_list("number", flat=True)),
            "LIVE": LIVE,
        },
    )


def version_diff_report(request, code: str):
    """The diff as a spreadsheet (.xlsx)."""
    city = city_selectors.city_or_404(request.user, code)
    plan, first, second, result = _compared(request, city)
    before_label, after_label = versions.version_label(first), versions.version_label(second) if second else versions.live_label()
    title = _("Changes to the masterplan “%(plan)s” of %(city)s") % {"plan": plan.title, "city": city.name}
    content = diffs.report_xlsx(result, title=title, before_label=before_label, after_label=after_label)
    name = f"masterplan-{slugify(city.code)}-v{first.number}-{second.number if second else LIVE}.xlsx"
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
