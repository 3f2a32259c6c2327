"""The download of a book as a file, for the Documents page (`books:download`)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.books.api import attachment
from kotacerdas.books.build import BOOKS, FORMATS, LANGS, build
from kotacerdas.cities import selectors as city_selectors
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
