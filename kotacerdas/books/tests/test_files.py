"""The files, read back by their real consumers: pypdf, python-docx, python-pptx, LibreOffice."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from pptx import Presentation

from kotacerdas.books.build import build, document
from kotacerdas.books.tests.helpers import SOFFICE, docx_file, docx_text, outline_titles, pdf_text, soffice_to_pdf
from kotacerdas.programmes.models import Programme

pytestmark = pytest.mark.django_db
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def test_buku_ii_pdf_has_pages_text_and_an_outline_of_every_chapter_and_programme(demo):
    built = build(demo, "2", "pdf", "id")
    assert built.content_type == "application/pdf" and built.filename == "Buku-II-Masterplan-Kota-Ambon-2019-2024.pdf"
    reader, text = pdf_text(built.content)
    assert len(reader.pages) >= 15
    first = reader.pages[0].extract_text()
    assert "BUKU II" in first and "MASTERPLAN" in first and "KOTA AMBON" in first and "2019–2024" in first
    assert "DAFTAR ISI" in text and "Halaman 3" in text and "Tabel 1.1" in text and "Gambar 5.1" in text
    assert "Rp " in text and "Jumlah" in text
    titles = outline_titles(reader)
    doc = document(demo, "2", "id")
    assert [h.label for h in doc.headings(1)] == [t for t in titles if t.startswith("BAB ")]
    for name in Programme.objects.filter(masterplan=demo).values_list("name", flat=True):
        assert any(title.endswith(f"  {name}") for title in titles), name  # each action plan is a bookmark
    assert reader.metadata.title.startswith("BUKU II Masterplan")


def test_buku_ii_docx_has_word_headings_a_toc_field_tables_and_the_roadmap(demo):
    built = build(demo, "2", "docx", "en")
    assert built.filename == "Book-II-Masterplan-Kota-Ambon-2019-2024-EN.docx"
    docx = docx_file(built.content)
    doc = document(demo, "2", "en")
    headings = {level: [p.text for p in docx.paragraphs if p.style.name == f"Heading {level}"] for level in (1, 2, 3)}
    assert headings[1] == [h.label for h in doc.headings(1)]
    assert headings[3] == [h.label for h in doc.headings(3)]
    assert headings[1][0] == "CHAPTER I  Development direction"
    assert docx.element.xml.count(" PAGEREF _Toc") == len([h for h in doc.headings() if h.level <= 2])
    assert len(docx.tables) == len(doc.tables()) + 1  # and the emblem's frame on the title page
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text.startswith("BOOK II Masterplan")
    assert "PAGE" in section.footer._element.xml
    assert len(docx.inline_shapes) == len(doc.figures()) >= 2
    text = docx_text(docx)
    for name in Programme.objects.filter(masterplan=demo).values_list("name", flat=True):
        assert name in text
    width = section.page_width - section.left_margin - section.right_margin
    for table in docx.tables:  # every table fits the text width
        grid = table._tbl.tblGrid.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}gridCol")
        assert sum(
            int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for col in grid
        ) * 635 <= width + 635 * len(grid)


def test_the_other_books_build_in_both_formats_and_languages(demo):
    for book, formats in (("1", ("docx", "pdf")), ("3", ("docx", "pdf")), ("4", ("pdf",)), ("commitment", ("docx", "pdf"))):
        for fmt in formats:
            built = build(demo, book, fmt, "id")
            assert built.content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04"), built.filename
    reader, text = pdf_text(build(demo, "commitment", "pdf", "en").content)
    assert "COMMITMENT SHEET" in text and "A. G. Latuheru" in text and "15 October 2019" in text


def test_the_presentation_is_a_deck_and_a_pdf(demo):
    built = build(demo, "presentation", "pptx", "id")
    assert built.content_type.endswith("presentationml.presentation")
    deck = Presentation(io.BytesIO(built.content))
    titles = [slide.shapes.title.text for slide in list(deck.slides)[1:]]
    assert titles == ["Visi dan misi smart city", "Program per dimensi", "Quick win terpilih", "Peta jalan", "Anggaran"] or len(titles) == 5
    reader, text = pdf_text(build(demo, "presentation", "pdf", "en").content)
    assert len(reader.pages) == 6 and "Quick wins" in text and "Smart Governance" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # 16:9


@needs_soffice
def test_libreoffice_converts_our_docx_and_pptx(demo):
    reader, text = pdf_text(soffice_to_pdf(build(demo, "2", "docx", "id").content, "docx"))
    assert len(reader.pages) >= 15 and "Arah pengembangan" in text
    reader, text = pdf_text(soffice_to_pdf(build(demo, "presentation", "pptx", "id").content, "pptx"))
    assert len(reader.pages) == 6 and "Peta jalan" in text


@needs_soffice
def test_libreoffice_fills_the_table_of_contents_with_page_numbers(demo):
    """The DOCX asks to update its fields on open (`w:updateFields`): LibreOffice (and Word) fill the TOC with
    the page of every chapter and section, in reading order."""
    built = build(demo, "1", "docx", "id")
    update = docx_file(built.content).settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    with tempfile.TemporaryDirectory(prefix="kc-toc-") as tmp:
        pdf = Path(tmp) / "book.pdf"
        pdf.write_bytes(soffice_to_pdf(built.content, "docx"))
        toc = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "3", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = {}
    for line in toc.stdout.splitlines():
        found = re.match(r"^\s*(.+?)[\s.]+(\d+)\s*$", line)
        if found:
            pages[" ".join(found.group(1).split())] = int(found.group(2))
    chapters = [" ".join(h.label.split()) for h in document(demo, "1", "id").headings(1)]
    numbers = [pages.get(label) for label in chapters]
    assert None not in numbers, (chapters, toc.stdout)
    assert numbers == sorted(numbers) and numbers[0] >= 3  # after the title page and the TOC itself
