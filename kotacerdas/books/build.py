"""The entry point: `build(masterplan, book, fmt, lang)` → the file of one book of the masterplan package.

    from kotacerdas.books.build import build
    built = build(masterplan, "2", "pdf", "id")   # Built(filename, content_type, content)
    built = build(masterplan, "2", "pdf", "id", version=version)   # from a frozen version's snapshot

Content is built in the requested language (`lang`), whatever the request's own, from the live plan or
from a version (`books.source`: the builders read through one source and never know which).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation

from kotacerdas.books.content import buku1, buku2, buku3, buku4, commitment, presentation
from kotacerdas.books.content.common import book_titles
from kotacerdas.books.document import Document
from kotacerdas.books.source import plan_source

BOOKS = ("1", "2", "3", "4", "commitment", "presentation")
LANGS = ("id", "en")
FORMATS = dict.fromkeys(BOOKS, ("docx", "pdf")) | {"presentation": ("pptx", "pdf")}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
BUILDERS = {
    "1": buku1.build,
    "2": buku2.build,
    "3": buku3.build,
    "4": buku4.build,
    "commitment": commitment.build,
    "presentation": presentation.build,
}


@dataclass(frozen=True)
class Built:
    filename: str
    content_type: str
    content: bytes


def document(masterplan, book: str, lang: str, *, version=None) -> Document:
    """The book as a document model (what every renderer reads), in `lang`: from the live plan, or from
    `version` (a `MasterplanVersion` of this masterplan) as it was frozen."""
    if book not in BUILDERS:
        raise ValueError(f"unknown book {book!r}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    with translation.override(lang):
        return BUILDERS[book](plan_source(masterplan, version), lang)


def build(masterplan, book: str, fmt: str, lang: str, *, version=None) -> Built:
    if fmt not in FORMATS.get(book, ()):
        raise ValueError(f"book {book!r} has no format {fmt!r}")
    doc = document(masterplan, book, lang, version=version)
    with translation.override(lang):
        if fmt == "docx":
            from kotacerdas.books import render_docx

            content = render_docx.render(doc)
        elif fmt == "pptx":
            from kotacerdas.books import render_pptx

            content = render_pptx.render(doc)
        else:
            from kotacerdas.books import render_pdf

            content = render_pdf.render(doc, slides=book == "presentation")
        name = filename(masterplan, book, fmt, lang, version=version)
    return Built(filename=name, content_type=CONTENT_TYPES[fmt], content=content)


def filename(masterplan, book: str, fmt: str, lang: str, *, version=None) -> str:
    """`Buku-II-Masterplan-Kota-Ambon-2019-2024.docx` (English: `Book-II-…`; version 3: `…-2019-2024-v3.docx`), ASCII only."""
    with translation.override(lang):
        kind, title = book_titles()[book]
    if kind:
        word, *rest = kind.split()
        kind = " ".join([word.capitalize(), *rest])
    parts = [kind, title, masterplan.city.name, f"{masterplan.start_year}-{masterplan.end_year}"]
    if version is not None:
        parts.append(f"v{version.number}")
    if lang != "id":
        parts.append(lang.upper())
    return f"{slug(' '.join(p for p in parts if p))}.{fmt}"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "book"
