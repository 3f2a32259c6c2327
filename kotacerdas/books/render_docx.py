"""A `Document` as DOCX (python-docx): Word's own heading styles (navigation pane, table of contents),
a table of contents whose page numbers Word and LibreOffice compute (PAGEREF fields), real tables sized to the page, running headers, page numbers, charts as PNG.

The file stays clean to edit by hand: no text boxes, no manual layout, one style per kind of paragraph.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from kotacerdas.books import charts
from kotacerdas.books.document import Bullets, Document, Figure, Heading, PageBreak, Paragraph, Table, Toc, clean

FONT = "Arial"  # LibreOffice uses the metric-compatible Liberation Sans
NAVY = RGBColor(0x1E, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x5F, 0x6D)
MISSING = RGBColor(0x9A, 0x34, 0x12)
HEADER_FILL = "DCE6F0"
TOTAL_FILL = "EEF2F6"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def render(document: Document) -> bytes:
    docx = new_docx()
    _styles(docx, document)
    section = docx.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = section.page_width, section.page_height
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    text_width = section.page_width - section.left_margin - section.right_margin
    section.different_first_page_header_footer = document.cover
    _header_footer(section, document)
    docx.core_properties.title = clean(f"{document.title_page.kind} {document.title_page.title} – {document.title_page.city}".strip())
    docx.core_properties.subject = clean(document.title_page.masterplan_title)
    docx.core_properties.language = document.lang
    docx.core_properties.author = "Kota Cerdas"
    if document.cover:
        _title_page(docx, document, text_width)
    else:
        _sheet_title(docx, document)
    # Style ids looked up once: python-docx's `add_paragraph(style=…)` searches the styles part on every call.
    style = {name: docx.styles[name].style_id for name in ("Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet", "Caption")}
    docx._kc_styles = style
    for index, block in enumerate(document.blocks):
        if isinstance(block, Toc):
            _toc(docx, document, block, text_width)
        elif isinstance(block, Heading):
            heading = _styled(docx, clean(block.label), style[f"Heading {block.level}"])
            if block.level <= TOC_LEVELS:
                _bookmark(heading, index)
        elif isinstance(block, Paragraph):
            _paragraph(docx, block)
        elif isinstance(block, Bullets):
            for item in block.items:
                _styled(docx, clean(item), style["List Number" if block.numbered else "List Bullet"])
        elif isinstance(block, Table):
            _table(docx, block, text_width)
        elif isinstance(block, Figure):
            _figure(docx, block, text_width)
        elif isinstance(block, PageBreak):
            docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    settings = docx.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _styled(docx, text: str, style_id: str):
    """A paragraph in the style `style_id` (set directly: the same markup as `add_paragraph(text, style)`)."""
    paragraph = docx.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _styles(docx, document: Document) -> None:
    styles = docx.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        style = styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = NAVY
        style.element.rPr.rFonts.set(qn("w:asciiTheme"), "")
        rfonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(8 if level == 1 else 4)
        style.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = NAVY
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.space_after = Pt(4)


def _field(run, instruction: str, result: str = "1") -> None:
    """A Word field (PAGE, PAGEREF …) inside a run, showing `result` until it is updated."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, result), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _header_footer(section, document: Document) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(clean(document.header_text))
    run.font.size = Pt(8)
    run.font.color.rgb = GREY
    _bottom_border(header)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in ((clean(document.footer_text) + "   ·   " + document.page_label + " ", None), (None, "PAGE")):
        run = footer.add_run(text or "")
        run.font.size = Pt(8)
        run.font.color.rgb = GREY
        if field:
            _field(run, field)


def _bottom_border(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "9AA5B1")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _title_page(docx, document: Document, text_width) -> None:
    page = document.title_page

    def line(text: str, size: float, *, bold=False, colour=NAVY, before=0, after=6):
        p = docx.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(before)
        p.paragraph_format.space_after = Pt(after)
        run = p.add_run(clean(text))
        run.font.size = Pt(size)
        run.bold = bold
        run.font.color.rgb = colour
        return p

    # The emblem placeholder: a framed square, 3.6 cm, that the city replaces with its emblem.
    side = 2041  # twips
    emblem = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{side}" w:type="dxa"/><w:jc w:val="center"/>'
        "<w:tblBorders>"
        + "".join(f'<w:{b} w:val="single" w:sz="6" w:space="0" w:color="8A96A3"/>' for b in ("top", "left", "bottom", "right"))
        + f'</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{side}"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:trHeight w:val="{side}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{side}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_run_xml(page.emblem_text, 16, False)}</w:p></w:tc></w:tr></w:tbl>'
    )
    body = docx.element.body
    body.insert(len(body) - 1, emblem)
    line("", 10, after=40)
    if page.kind:
        line(page.kind, 20, bold=True, after=4)
    line(page.title.upper(), 28, bold=True, after=24)
    line(page.masterplan_title, 14, bold=True, colour=GREY, after=4)
    line(page.city.upper(), 16, bold=True, after=2)
    for extra in page.lines:
        line(extra, 12, colour=GREY, after=2)
    line(page.period, 14, bold=True, after=60)
    line(page.version_label, 10, colour=GREY, after=2)
    line(page.date_text, 10, colour=GREY, after=0)
    docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _sheet_title(docx, document: Document) -> None:
    for text, size, colour in ((document.title_page.masterplan_title, 11, GREY), (document.title_page.title.upper(), 18, NAVY)):
        p = docx.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(clean(text))
        run.bold = True
        run.font.size = Pt(size)
        run.font.color.rgb = colour


TOC_LEVELS = 2  # chapters and sections in the table of contents


def _bookmark_name(index: int) -> str:
    return f"_Toc{index:08d}"  # Word's own prefix: hidden in its bookmark list


def _bookmark(paragraph, index: int) -> None:
    """A bookmark around the heading, the target of its TOC entry's PAGEREF."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), _bookmark_name(index))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _toc(docx, document: Document, block: Toc, text_width) -> None:
    p = docx.add_paragraph()
    run = p.add_run(clean(block.title).upper())
    run.bold = True
    run.font.size = Pt(16)
    run.font.color.rgb = NAVY
    p.paragraph_format.space_after = Pt(12)
    # One entry per chapter and section: the heading, a dotted tab to the right margin and a PAGEREF field to the
    # heading's bookmark, which LibreOffice computes from its own layout and Word on opening (`w:updateFields`).
    # Not wrapped in a TOC field: LibreOffice (7.4) shows a TOC field's stored result as it is, without page numbers.
    # Word's References › Table of Contents rebuilds a TOC from the heading styles at any time.
    for index, heading in ((i, b) for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.level <= TOC_LEVELS):
        p = docx.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.8 * (heading.level - 1))
        p.paragraph_format.space_after = Pt(2 if heading.level > 1 else 4)
        p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        entry = p.add_run(clean(heading.label) + "\t")
        page = p.add_run()
        entry.bold = page.bold = heading.level == 1
        _field(page, f"PAGEREF {_bookmark_name(index)} \\h", result="")
    docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _paragraph(docx, block: Paragraph) -> None:
    p = docx.add_paragraph()
    run = p.add_run(clean(block.text))
    if block.style == "missing":
        run.italic = True
        run.font.color.rgb = MISSING
    elif block.style == "quote":
        run.italic = True
        run.font.size = Pt(13)
        run.font.color.rgb = NAVY
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.space_after = Pt(12)
    elif block.style == "lead":
        run.bold = True
        p.paragraph_format.keep_with_next = True
    elif block.style == "note":
        run.font.size = Pt(9)
        run.font.color.rgb = GREY
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _caption(docx, text: str, *, keep_with_next: bool) -> None:
    p = _styled(docx, "", docx._kc_styles["Caption"])
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(clean(text))
    p.paragraph_format.keep_with_next = keep_with_next


def _run_xml(text: str, size: int, bold: bool) -> str:
    props = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    lines = clean(text).split("\n")
    return "".join(
        f'<w:r>{props}{"<w:br/>" if i else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for i, line in enumerate(lines)
    )


def _table(docx, block: Table, text_width) -> None:
    """The table as WordprocessingML built in one go (python-docx's cell API is slow on long tables)."""
    if block.caption:
        _caption(docx, f"{block.label}  {block.caption}", keep_with_next=True)
    total_weight = sum(c.width for c in block.columns) or 1
    widths = [int(text_width / 635 * c.width / total_weight) for c in block.columns]  # twips
    size = int(block.font_size * 2)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8A96A3"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *[f'<w:gridCol w:w="{w}"/>' for w in widths],
        "</w:tblGrid>",
    ]

    def row(values, *, header=False, bold=False, fill=None, height=None):
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        if height:
            props += f'<w:trHeight w:val="{int(height * 567)}" w:hRule="atLeast"/>'
        cells = []
        for i, value in enumerate(values):
            shade = fill or (TOTAL_FILL if block.key_value and i == 0 else None)
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
            align = "left" if block.key_value or header and block.columns[i].align == "left" else block.columns[i].align
            if header:
                align = "center" if block.columns[i].align != "left" else "left"
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[i]}" w:type="dxa"/>{shading}<w:vAlign w:val="{"center" if header else "top"}"/></w:tcPr>'
                f'<w:p><w:pPr><w:keepNext w:val="{1 if header else 0}"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="{align}"/></w:pPr>'
                f"{_run_xml(value, size, bold or header or (block.key_value and i == 0))}</w:p></w:tc>"
            )
        return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"

    if not block.key_value:
        parts.append(row([c.label for c in block.columns], header=True, fill=HEADER_FILL))
    first_total = len(block.rows) - block.total_rows
    for index, values in enumerate(block.rows):
        total = index >= first_total
        group = index in block.group_rows
        parts.append(
            row(values, bold=total or group, fill=HEADER_FILL if group else TOTAL_FILL if total else None, height=block.row_height)
        )
    parts.append("</w:tbl>")
    body = docx.element.body
    body.insert(len(body) - 1, parse_xml("".join(parts)))  # before the final sectPr
    docx.add_paragraph().paragraph_format.space_after = Pt(4)


def _figure(docx, block: Figure, text_width) -> None:
    width_cm = text_width / 360000 * block.width
    png = charts.render(block.chart, "png", width_cm=width_cm)
    p = docx.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(png), width=int(text_width * block.width))
    _caption(docx, f"{block.label}  {block.caption}", keep_with_next=False)
