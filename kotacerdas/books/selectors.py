"""Reads of the books: which masterplan (and version) a request means, and what can be downloaded."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.books import versions
from kotacerdas.books.build import BOOKS, FORMATS, LANGS, filename
from kotacerdas.books.content.common import book_titles
from kotacerdas.books.error_codes import BooksError
from kotacerdas.core.api import resolve
from kotacerdas.core.errors import ServiceError
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.masterplan.models import Masterplan


def masterplan_for_books(city, masterplan_id: int | None, *, field: str | None = "masterplan_id") -> Masterplan:
    """The masterplan a request names (`masterplan_id`: 400 `unknown_reference` if none of this city's; with
    `field=None`, an id in the path, 404), else the city's current one (404 `no_masterplan` when it has none yet).
    The one choice of the books, the versions and their pages (`masterplan_for_page`)."""
    if masterplan_id is not None:
        plan = resolve(Masterplan, masterplan_id, city=city, field=field)
    else:
        plan = plan_selectors.current_masterplan(city)
        if plan is None:
            raise ServiceError(BooksError.NO_MASTERPLAN, _("%(city)s has no masterplan yet.") % {"city": city.name})
    plan.city = city
    return plan


def masterplan_for_page(city, value) -> Masterplan:
    """The same choice for a page's `?masterplan=` (anything that is not a number means the current one): a 404 page
    for another city's masterplan; the guidance of a city without one (`NoMasterplan`)."""
    try:
        return masterplan_for_books(city, plan_selectors.requested_masterplan_id(value))
    except ServiceError as exc:
        if exc.code == BooksError.NO_MASTERPLAN:
            raise plan_selectors.NoMasterplan(city) from exc
        raise Http404(exc.message) from exc


def version_for_page(masterplan, value):
    """The version a page's `?version=` names (None: the live plan); a 404 page for a version that does not exist."""
    if value in (None, ""):
        return None
    try:
        return versions.version_or_error(masterplan, int(value) if str(value).isdigit() else value)
    except ServiceError as exc:
        raise Http404(exc.message) from exc


def check_request(book: str, fmt: str, lang: str) -> None:
    """Refuse an unknown book (404 `unknown_book`) or a format the book is not made in (400)."""
    if book not in BOOKS:
        raise ServiceError(BooksError.UNKNOWN_BOOK, _("There is no book %(book)s.") % {"book": book}, field="book")
    if fmt not in FORMATS[book]:
        raise ServiceError(
            BooksError.FORMAT_NOT_AVAILABLE,
            _("This book is made as %(formats)s, not %(format)s.") % {"formats": ", ".join(FORMATS[book]), "format": fmt},
            field="format",
        )
    if lang not in LANGS:
        raise ServiceError(BooksError.FORMAT_NOT_AVAILABLE, _("Books are made in Indonesian (id) and English (en)."), field="lang")


def downloads(masterplan, *, version=None) -> list[dict]:
    """Every book with its formats × languages, for the Documents page (the live plan) and a version's page."""
    titles = book_titles()
    return [
        {
            "book": book,
            "kind": titles[book][0],
            "title": titles[book][1],
            "files": [
                {"format": fmt, "lang": lang, "filename": filename(masterplan, book, fmt, lang, version=version)}
                for fmt in FORMATS[book]
                for lang in LANGS
            ],
        }
        for book in BOOKS
    ]
