"""A book as a file (`books:download`), and the whole package as a background job (`books:package`)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.books import selectors
from kotacerdas.books.api import attachment
from kotacerdas.books.build import BOOKS, FORMATS, LANGS, build
from kotacerdas.cities import selectors as city_selectors
from kotacerdas.jobs.services import job_start


def download(request, code: str, book: str):
    """GET …/documents/download/<book>/?format=pdf&lang=id[&masterplan=N][&version=N]: the file, built from the live
    plan or from a frozen version."""
    city = city_selectors.city_or_404(request.user, code)
    fmt = request.GET.get("format", "pdf")
    lang = request.GET.get("lang", "id")
    if book not in BOOKS or fmt not in FORMATS[book] or lang not in LANGS:
        raise Http404(_("There is no such book, format or language."))
    plan = selectors.masterplan_for_page(city, request.GET.get("masterplan"))
    version = selectors.version_for_page(plan, request.GET.get("version"))
    return attachment(build(plan, book, fmt, lang, version=version))


@require_POST
def package(request, code: str):
    """POST …/documents/package/ (masterplan, lang[, version]): build every book in every format, from the live plan
    or from a frozen version, as a background job; to its page."""
    city = city_selectors.city_or_404(request.user, code)
    lang = request.POST.get("lang", "id")
    if lang not in LANGS:
        raise Http404(_("There is no such book, format or language."))
    plan = selectors.masterplan_for_page(city, request.POST.get("masterplan"))
    version = selectors.version_for_page(plan, request.POST.get("version"))
    params = {"masterplan_id": plan.pk, "lang": lang, "version": version.number if version else None}
    job = job_start(actor=request.user, kind="books.package", city=city, params=params)
    return redirect("jobs:detail", job.pk)
