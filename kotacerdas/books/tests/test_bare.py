"""Books of a plan with little or nothing in it, and the formats of names, numbers and dates."""

import datetime
from decimal import Decimal

import pytest

from kotacerdas.books import formats
from kotacerdas.books.build import BOOKS, document, filename
from kotacerdas.framework.models import Element
from kotacerdas.programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_bare_plan_builds_every_book_and_says_what_is_missing(bare_plan):
    orphan = ProgrammeFactory(masterplan=bare_plan, name="Program Tanpa Anggaran")
    texts = {book: document(bare_plan, book, "id") for book in BOOKS}
    two = texts["2"]
    assert "Belum diisi: visi smart city" in two.text()
    assert "Belum diisi: misi" in two.text()
    empty = Element.objects.exclude(pk=orphan.element_id).order_by("dimension__order", "order").first()
    assert f"Belum diisi: program untuk elemen {empty.name}" in two.text()
    assert f"Belum diisi: target dan anggaran tahunan {orphan.name}" in two.text()
    assert "Belum diisi: peraturan (Perwali/Perbup) penetapan masterplan" in two.text()
    assert "visi smart city" in two.missing and f"target dan anggaran tahunan {orphan.name}" in two.missing
    assert "Belum diisi: analisis SWOT aspek" in texts["1"].text()
    assert "Belum diisi: quick win terpilih" in texts["3"].text()
    assert "Belum diisi: komitmen dan penanda tangannya" in texts["commitment"].text()
    assert "Belum diisi: visi smart city" in texts["presentation"].text()
    english = document(bare_plan, "2", "en").text()
    assert "Not filled in: the smart-city vision" in english


def test_file_names_and_formats():
    class Plan:
        start_year, end_year = 2019, 2024

        class city:
            name = "Kota Ambon"

    assert filename(Plan, "2", "docx", "id") == "Buku-II-Masterplan-Kota-Ambon-2019-2024.docx"
    assert filename(Plan, "4", "pdf", "en") == "Book-IV-Road-Map-Kota-Ambon-2019-2024-EN.pdf"
    assert filename(Plan, "commitment", "pdf", "id") == "Lembar-Komitmen-Kota-Ambon-2019-2024.pdf"
    assert formats.rupiah(Decimal("1250000000"), "id") == "Rp 1.250.000.000"
    assert formats.rupiah(Decimal("1250000000"), "en") == "Rp 1,250,000,000"
    assert formats.date(datetime.date(2019, 10, 15), "id") == "15 Oktober 2019"
    assert formats.date(datetime.date(2019, 10, 15), "en") == "15 October 2019"
    assert formats.plain(Decimal("12.50"), "id") == "12,5" and formats.plain(Decimal("300.00"), "id") == "300"
