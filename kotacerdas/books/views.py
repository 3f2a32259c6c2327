"""A book as a file (`books:download`), and the whole package as a background job (`books:package`)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.books.api import attachment
from kotacerdas.books.build import BOOKS, FORMATS, LANGS, build
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.jobs.services import job_start
from kotacerdas.masterplan import selectors as plan_selectors


def download(request, code: str, book: str):
    """GET …/documents/download/<book>/?format=pdf&lang=id[&masterplan=N]: the file, built from the live plan."""
    city = city_selectors.city_or_404(request.user, code)
    fmt = request.GET.get("format", "pdf")
    lang = request.GET.get("lang", "id")
    if book not in BOOKS or fmt not in FORMATS[book] or lang not in LANGS:
        raise Http404(_("There is no such book, format or language."))
    plans = list(plan_selectors.masterplans_of(city))
    chosen = plan_selectors.requested_masterplan_id(request.GET.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is None:
        raise Http404(_("%(city)s has no masterplan yet.") % {"city": city.name})
    plan.city = city
    return attachment(build(plan, book, fmt, lang))


@require_POST
def package(request, code: str):
    """POST …/documents/package/ (masterplan, lang): build every book in every format as a background job; to its page."""
    city = city_selectors.city_or_404(request.user, code)
    lang = request.POST.get("lang", "id")
    if lang not in LANGS:
        raise Http404(_("There is no such book, format or language."))
    plans = list(plan_selectors.masterplans_of(city))
    chosen = plan_selectors.requested_masterplan_id(request.POST.get("masterplan"))
    plan = next((p for p in plans if p.pk == chosen), plans[0] if plans else None)
    if plan is None:
        raise Http404(_("%(city)s has no masterplan yet.") % {"city": city.name})
    job = job_start(actor=request.user, kind="books.package", city=city, params={"masterplan_id": plan.pk, "lang": lang})
    return redirect("jobs:detail", job.pk)
