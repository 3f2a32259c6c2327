"""A `Document` as a PPTX slide deck (python-pptx): a title slide, then one slide per level-1 heading
holding the blocks under it (text, bullets, a table, a chart as PNG)."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kotacerdas.books import charts
from kotacerdas.books.document import Bullets, Document, Figure, Heading, Paragraph, Table, clean

FONT = "Arial"
NAVY = RGBColor(0x1E, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x5F, 0x6D)
MISSING = RGBColor(0x9A, 0x34, 0x12)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
LEFT, TOP, RIGHT, BOTTOM = Inches(0.6), Inches(1.35), Inches(0.6), Inches(0.6)
ALIGN = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}


def render(document: Document) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = clean(f"{document.title_page.title} – {document.title_page.city}")
    deck.core_properties.author = "Kota Cerdas"
    deck.core_properties.language = document.lang
    _title_slide(deck, document)
    slide, y, number = None, TOP, 1
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            number += 1
            slide, y = _slide(deck, document, block.label, number), TOP
        elif slide is None:
            continue
        elif isinstance(block, Paragraph):
            y = _text(slide, y, [block.text], style=block.style)
        elif isinstance(block, Bullets):
            y = _text(slide, y, [f"{i}. {t}" if block.numbered else f"• {t}" for i, t in enumerate(block.items, 1)], style="body")
        elif isinstance(block, Table):
            y = _table(slide, y, block)
        elif isinstance(block, Figure):
            y = _figure(slide, y, block)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _box(slide, left, top, width, height, text, size, *, bold=False, colour=NAVY, align=PP_ALIGN.LEFT, italic=False):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        run = p.add_run()
        run.text = clean(line)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        run.font.name = FONT
        run.font.color.rgb = colour
    return box


def _title_slide(deck, document: Document) -> None:
    page = document.title_page
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    emblem = slide.shapes.add_shape(1, Inches(0.8), Inches(0.8), Inches(1.4), Inches(1.4))
    emblem.fill.background()
    emblem.line.color.rgb = GREY
    emblem.text_frame.text = clean(page.emblem_text)
    emblem.text_frame.paragraphs[0].runs[0].font.size = Pt(9)
    emblem.text_frame.paragraphs[0].runs[0].font.color.rgb = GREY
    inner = WIDTH - Inches(1.6)
    _box(slide, Inches(0.8), Inches(2.6), inner, Inches(1), page.title.upper(), 36, bold=True)
    _box(slide, Inches(0.8), Inches(3.6), inner, Inches(0.6), page.masterplan_title, 20, bold=True, colour=GREY)
    _box(slide, Inches(0.8), Inches(4.3), inner, Inches(0.6), " · ".join([page.city, *page.lines]), 18)
    _box(slide, Inches(0.8), Inches(6.2), inner, Inches(0.8), [page.version_label, page.date_text], 12, colour=GREY)


def _slide(deck, document: Document, title: str, number: int):
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = clean(title)
    slide.shapes.title.left, slide.shapes.title.top = LEFT, Inches(0.35)
    slide.shapes.title.width, slide.shapes.title.height = WIDTH - LEFT - RIGHT, Inches(0.8)
    para = slide.shapes.title.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.size = Pt(30)
        run.font.bold = True
        run.font.name = FONT
        run.font.color.rgb = NAVY
    _box(
        slide,
        LEFT,
        HEIGHT - Inches(0.5),
        WIDTH - LEFT - RIGHT,
        Inches(0.35),
        f"{document.header_text}   ·   {number}",
        10,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    return slide


def _text(slide, y, lines: list[str], *, style: str):
    size = {"quote": 22, "note": 12, "missing": 14}.get(style, 16)
    per_line = int((WIDTH - LEFT - RIGHT) / Pt(size * 0.52))  # characters of this size on one line
    height = Emu(int(Pt(size * 1.35) * sum(1 + len(line) // per_line for line in lines)) + Inches(0.15))
    _box(
        slide,
        LEFT,
        y,
        WIDTH - LEFT - RIGHT,
        height,
        lines,
        size,
        italic=style in {"quote", "missing"},
        colour=MISSING if style == "missing" else GREY if style == "note" else NAVY if style == "quote" else RGBColor(0x1F, 0x29, 0x37),
        align=PP_ALIGN.CENTER if style == "quote" else PP_ALIGN.LEFT,
    )
    return y + height + Inches(0.1)


def _table(slide, y, block: Table):
    header = 0 if block.key_value else 1
    rows, columns = len(block.rows) + header, len(block.columns)
    width = WIDTH - LEFT - RIGHT
    row_height = Pt(block.font_size * 2.2)
    shape = slide.shapes.add_table(rows, columns, LEFT, y, width, Emu(int(row_height * rows)))
    table = shape.table
    weight = sum(c.width for c in block.columns) or 1
    for i, column in enumerate(block.columns):
        table.columns[i].width = Emu(int(width * column.width / weight))
    values = ([[c.label for c in block.columns]] if header else []) + block.rows
    first_total = header + len(block.rows) - block.total_rows
    for r, row in enumerate(values):
        table.rows[r].height = Emu(int(row_height))
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = clean(value)
            for p in cell.text_frame.paragraphs:
                p.alignment = ALIGN[block.columns[c].align]
                for run in p.runs:
                    run.font.size = Pt(block.font_size)
                    run.font.name = FONT
                    run.font.bold = r < header or r >= first_total
    return y + Emu(int(row_height * rows)) + Inches(0.2)


def _figure(slide, y, block: Figure):
    room = HEIGHT - BOTTOM - y
    width = (WIDTH - LEFT - RIGHT) * block.width
    png = charts.render(block.chart, "png", width_cm=width / 360000)
    picture = slide.shapes.add_picture(io.BytesIO(png), LEFT, y, width=int(width))
    if picture.height > room:  # shrink to the room left, keeping the ratio
        ratio = room / picture.height
        picture.height, picture.width = int(room), int(picture.width * ratio)
    picture.left = int((WIDTH - picture.width) / 2)
    return y + picture.height
