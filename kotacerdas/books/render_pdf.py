"""A `Document` as PDF through typst: the template (`typst/*.typ`) reads the book as JSON, so user text
is data and never markup; fonts come from `books/fonts/` only (the PDF looks the same everywhere);
charts are SVG."""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from pathlib import Path

import typst

from kotacerdas.books import charts
from kotacerdas.books.document import Bullets, Document, Figure, Heading, PageBreak, Paragraph, Table, Toc, clean

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"
TYPES = {
    Heading: "heading",
    Paragraph: "paragraph",
    Bullets: "bullets",
    Table: "table",
    Figure: "figure",
    PageBreak: "pagebreak",
    Toc: "toc",
}


LONG_WORD = re.compile(r"(\S{24})(?=\S)")


def breakable(text: str) -> str:
    """Clean text with a zero-width space inside every run of 24+ non-spaces (a URL, a code, a name typed
    without spaces), so typst can break it inside a narrow table cell instead of overflowing."""
    return LONG_WORD.sub("\\1\u200b", clean(text))


def _clean(value):
    if isinstance(value, str):
        return breakable(value)
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float):
        return value
    return breakable(str(value))  # lazy translations


def data(document: Document, figure_files: dict[int, str], template: str = "book") -> dict:
    blocks = []
    for index, block in enumerate(document.blocks):
        item = {"type": TYPES[type(block)], **_clean(dataclasses.asdict(block))}
        if isinstance(block, Figure):
            item.pop("chart")
            item["file"] = figure_files[index]
        blocks.append(item)
    page = document.title_page
    return {
        "lang": document.lang,
        "landscape": document.landscape,
        "slides": template == "slides",
        "cover": document.cover,
        "title": clean(f"{page.kind} {page.title} – {page.city}".strip()),
        "title_page": _clean(dataclasses.asdict(page)),
        "header_text": clean(document.header_text),
        "footer_text": clean(document.footer_text),
        "page_label": document.page_label,
        "blocks": blocks,
    }


def render(document: Document, slides: bool = False) -> bytes:
    """The PDF of the document; `slides` typesets it as a 16:9 deck (one slide per level-1 heading)."""
    with tempfile.TemporaryDirectory(prefix="kc-book-") as tmp:
        root = Path(tmp)
        files = {}
        width_cm = 33.867 - 3.2 if slides else (29.7 if document.landscape else 21.0) - 5.0
        for index, block in enumerate(document.blocks):
            if isinstance(block, Figure):
                name = f"figure-{index}.svg"
                (root / name).write_bytes(charts.render(block.chart, "svg", width_cm=width_cm * block.width))
                files[index] = name
        (root / "data.json").write_text(
            json.dumps(data(document, files, "slides" if slides else "book"), ensure_ascii=False), encoding="utf-8"
        )
        (root / "main.typ").write_text((TEMPLATES / "book.typ").read_text(encoding="utf-8"), encoding="utf-8")
        return typst.compile(str(root / "main.typ"), root=str(root), font_paths=[str(FONTS)], ignore_system_fonts=True)
