"""Reads of the books: which masterplan a request means, and what can be downloaded."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kotacerdas.books.build import BOOKS, FORMATS, LANGS, filename
from kotacerdas.books.content.common import book_titles
from kotacerdas.books.error_codes import BooksError
from kotacerdas.core.api import resolve
from kotacerdas.core.errors import ServiceError
from kotacerdas.masterplan import selectors as plan_selectors
from kotacerdas.masterplan.models import Masterplan


def masterplan_for_books(city, masterplan_id: int | None):
    """The masterplan a request names (`masterplan_id`: 400 `unknown_reference` if none of this city's),
    else the city's current one (404 when it has none yet)."""
    if masterplan_id is None:
        return plan_selectors.masterplan_or_404(city)
    plan = resolve(Masterplan, masterplan_id, city=city, field="masterplan_id", queryset=Masterplan.objects.select_related("city"))
    plan.city = city
    return plan


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


def downloads(masterplan) -> list[dict]:
    """Every book with its formats × languages, for the Documents page."""
    titles = book_titles()
    return [
        {
            "book": book,
            "kind": titles[book][0],
            "title": titles[book][1],
            "files": [
                {"format": fmt, "lang": lang, "filename": filename(masterplan, book, fmt, lang)} for fmt in FORMATS[book] for lang in LANGS
            ],
        }
        for book in BOOKS
    ]
