"""The one document model every book is built into, and every renderer (DOCX, PDF, PPTX) reads.

Content builders (`books.content`) fill a `Document` with blocks; they never format for a
renderer. Numbers of chapters, sections, tables and figures are given here, once, so that the
DOCX and the PDF of a book say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kotacerdas.core.text import roman

Align = Literal["left", "right", "center"]


@dataclass
class Heading:
    level: int  # 1 chapter, 2 section, 3 subsection
    number: str  # "1", "1.2", "1.2.3"
    text: str  # without the number
    label: str  # what the renderers show: "BAB I  Pendahuluan", "1.2 Latar belakang"


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "missing", "note", "quote", "lead"] = "body"


@dataclass
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass
class Column:
    label: str
    width: float = 1.0  # relative width
    align: Align = "left"


@dataclass
class Table:
    number: str  # "2.3"
    caption: str  # "Tabel 2.3 Program per dimensi" is label + caption
    label: str
    columns: list[Column]
    rows: list[list[str]]
    total_rows: int = 0  # the last N rows are totals (bold)
    group_rows: set[int] = field(default_factory=set)  # indexes of rows that head a group (one cell spanning)
    row_height: float | None = None  # minimum height in cm (signatures)
    font_size: float = 9.0  # points
    key_value: bool = False  # a two-column sheet: labels in the first column, no header row


@dataclass
class Figure:
    number: str
    caption: str
    label: str
    chart: dict  # what `books.charts.render` draws: {"kind": "roadmap" | "bars", ...}
    width: float = 1.0  # fraction of the text width


@dataclass
class PageBreak:
    pass


@dataclass
class Toc:
    title: str


Block = Heading | Paragraph | Bullets | Table | Figure | PageBreak | Toc


@dataclass
class TitlePage:
    kind: str  # "BUKU II" / "BOOK II"
    title: str  # "Masterplan"
    city: str
    period: str  # "2019–2024"
    masterplan_title: str
    version_label: str
    date_text: str
    emblem_text: str  # the placeholder's caption ("Lambang daerah")
    lines: list[str] = field(default_factory=list)  # extra lines under the title (province …)


@dataclass
class Document:
    lang: str
    title_page: TitlePage
    header_text: str  # running header
    footer_text: str  # before the page number
    page_label: str  # "Halaman" / "Page"
    table_word: str  # "Tabel" / "Table"
    figure_word: str  # "Gambar" / "Figure"
    chapter_word: str  # "BAB" / "Chapter"
    missing_text: str  # "Belum diisi" / "Not filled in"
    landscape: bool = False
    cover: bool = True  # a title page; False: the title heads the first page (a one-page sheet)
    numbered: bool = True  # chapters "BAB I …", sections "1.2 …"; False: headings as written (sheets, slides)
    blocks: list[Block] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what the book says is not filled in, in order
    _counters: list[int] = field(default_factory=lambda: [0, 0, 0])
    _tables: int = 0
    _figures: int = 0

    # --- building ---------------------------------------------------------------------------

    def toc(self, title: str) -> None:
        self.blocks.append(Toc(title))

    def heading(self, level: int, text: str) -> Heading:
        self._counters[level - 1] += 1
        for i in range(level, 3):
            self._counters[i] = 0
        if level == 1:
            if self.numbered:
                self._tables = self._figures = 0
            if self.blocks and not isinstance(self.blocks[-1], PageBreak | Toc):
                self.blocks.append(PageBreak())
        number = ".".join(str(n) for n in self._counters[:level])
        if not self.numbered:
            label = text
        elif level == 1:
            label = f"{self.chapter_word} {roman(self._counters[0])}  {text}"
        else:
            label = f"{number}  {text}"
        block = Heading(level, number, str(text), str(label))
        self.blocks.append(block)
        return block

    def para(self, text: str, style: str = "body") -> None:
        self.blocks.append(Paragraph(str(text), style))  # type: ignore[arg-type]

    def missing_para(self, what: str) -> None:
        """“Belum diisi: <what>” where the data is missing, and the same item in `missing`."""
        self.missing.append(what)
        self.blocks.append(Paragraph(f"{self.missing_text}: {what}", "missing"))

    def bullets(self, items: list[str], numbered: bool = False) -> None:
        if items:
            self.blocks.append(Bullets([str(i) for i in items], numbered))

    def _next_table_number(self) -> str:
        self._tables += 1
        return f"{self._counters[0]}.{self._tables}" if self.numbered else str(self._tables)

    def table(self, caption: str | None, columns: list[Column], rows: list[list[str]], **options) -> Table:
        number = self._next_table_number() if caption else ""
        label = f"{self.table_word} {number}" if caption else ""
        # Plain strings now, in the language being built (lazy translations would follow a later request's).
        columns = [Column(str(c.label), c.width, c.align) for c in columns]
        rows = [[str(cell) for cell in row] for row in rows]
        block = Table(number, str(caption or ""), label, columns, rows, **options)
        self.blocks.append(block)
        return block

    def figure(self, caption: str, chart: dict, width: float = 1.0) -> Figure:
        self._figures += 1
        number = f"{self._counters[0]}.{self._figures}" if self.numbered else str(self._figures)
        block = Figure(number, str(caption), f"{self.figure_word} {number}", chart, width)
        self.blocks.append(block)
        return block

    def page_break(self) -> None:
        self.blocks.append(PageBreak())

    # --- reading ----------------------------------------------------------------------------

    def headings(self, level: int | None = None) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading) and (level is None or b.level == level)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    def text(self) -> str:
        """Every word of the book, for tests and search."""
        parts = [self.title_page.kind, self.title_page.title, self.title_page.city, self.header_text]
        for block in self.blocks:
            if isinstance(block, Heading):
                parts.append(block.label)
            elif isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts.extend(block.items)
            elif isinstance(block, Table):
                parts.append(f"{block.label} {block.caption}")
                parts.extend(c.label for c in block.columns)
                parts.extend(cell for row in block.rows for cell in row)
            elif isinstance(block, Figure):
                parts.append(f"{block.label} {block.caption}")
            elif isinstance(block, Toc):
                parts.append(block.title)
        return "\n".join(parts)


_INVALID = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])


def clean(text) -> str:
    """Text safe for XML (DOCX, PPTX) and typst: control characters removed, nothing else touched."""
    return str(text if text is not None else "").translate(_INVALID)
