"""What the books say: built from the plan (the document model every renderer reads)."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kotacerdas.books import formats
from kotacerdas.books.build import BOOKS, document
from kotacerdas.books.document import Heading, Table
from kotacerdas.cities.models import Signatory
from kotacerdas.programmes.models import Programme, ProgrammeFunding, ProgrammeYear, QuickWin
from kotacerdas.programmes.tests.factories import PartnerFactory, ProgrammeFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db


# Queries of one build, whatever the number of programmes (the renderers add none).
PINNED_QUERIES = {"1": 40, "2": 40, "3": 40, "4": 40, "commitment": 40, "presentation": 40}


def _chapters(doc):
    """(chapter number, level-2 text, level-3 text, block) for every block."""
    chapter = section = sub = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                chapter, section, sub = block.number, None, None
            elif block.level == 2:
                section, sub = block.text, None
            else:
                sub = block.text
        yield chapter, section, sub, block


def _table(doc, caption: str) -> Table:
    return next(t for t in doc.tables() if t.caption == caption)


def test_every_programme_is_in_buku_ii_under_its_dimension_and_element(demo):
    doc = document(demo, "2", "id")
    listed = defaultdict(set)  # (dimension, element) → programme names in chapter 2's tables
    action_plans = defaultdict(set)  # dimension → programmes with an action plan in chapter 4
    for chapter, section, sub, block in _chapters(doc):
        if chapter == "2" and isinstance(block, Table) and not block.caption.startswith("Strategi dimensi"):
            listed[(section, sub)] |= {row[1] for row in block.rows}
        if chapter == "4" and isinstance(block, Heading) and block.level == 3:
            action_plans[section].add(block.text)
    programmes = list(Programme.objects.filter(masterplan=demo).select_related("dimension", "element"))
    assert len(programmes) >= 40
    with translation.override("id"):
        for p in programmes:
            assert p.name in listed[(p.dimension.name, p.element.name)], p.name
            assert p.name in action_plans[p.dimension.name], p.name
    assert sum(len(names) for names in listed.values()) == len(programmes)
    # Chapters in order, numbered the Indonesian way.
    assert [h.label for h in doc.headings(1)][:2] == ["BAB I  Arah pengembangan", "BAB II  Strategi dan program per dimensi"]


def test_budget_totals_equal_the_sum_of_the_programme_years(demo):
    doc = document(demo, "2", "id")
    years = list(ProgrammeYear.objects.filter(programme__masterplan=demo).select_related("programme__dimension"))
    grand = sum((y.budget for y in years), Decimal(0))
    assert grand > 0
    by_dimension = _table(doc, "Anggaran per dimensi dan tahun (Rp)")
    assert by_dimension.rows[-1][0] == "Jumlah" and by_dimension.rows[-1][-1] == formats.number(grand, "id")
    expected = defaultdict(Decimal)
    for y in years:
        with translation.override("id"):
            expected[y.programme.dimension.name] += y.budget
    for row in by_dimension.rows[:-1]:
        assert row[-1] == formats.number(expected[row[0]], "id"), row[0]
    columns = [c.label for c in by_dimension.columns]
    for year in demo.years:
        index = columns.index(str(year))
        assert by_dimension.rows[-1][index] == formats.number(sum((y.budget for y in years if y.year == year), Decimal(0)), "id")
    by_source = _table(doc, "Anggaran per sumber pendanaan dan tahun (Rp)")
    assert by_source.rows[-1][-1] == formats.number(grand, "id")
    detail = _table(doc, "Anggaran per dimensi, tahun, dan sumber pendanaan (Rp)")
    assert sum(Decimal(row[-1].replace(".", "")) for row in detail.rows[:-1]) == grand
    # Each programme's action plan totals its own years.
    assert "Rp " + formats.number(grand, "id") in doc.text()


def test_a_year_funded_by_apbd_and_a_partners_csr_shows_both_shares_in_the_books(demo):
    csr = list(
        ProgrammeFunding.objects.filter(year__programme__masterplan=demo, source__code="csr").select_related(
            "stakeholder", "year__programme"
        )
    )
    share = next(f for f in csr if f.year.programme.name == "Ambon Satu Akses" and f.year.year == 2021)
    apbd = share.year.funding.get(source__code="apbd")
    expected = (
        f"APBD (anggaran daerah) {formats.rupiah(apbd.amount, 'id')}; CSR ({share.stakeholder.name}) {formats.rupiah(share.amount, 'id')}"
    )
    for book in ("2", "4"):
        assert expected in document(demo, book, "id").text(), book
    by_source = _table(document(demo, "2", "id"), "Anggaran per sumber pendanaan dan tahun (Rp)")
    assert next(row for row in by_source.rows if row[0] == "CSR")[-1] == formats.number(sum(f.amount for f in csr), "id")


def test_quick_win_sheets_match_the_selected_quick_wins(demo):
    doc = document(demo, "3", "id")
    sheets = [block.text for chapter, _s, _u, block in _chapters(doc) if chapter == "2" and isinstance(block, Heading) and block.level == 2]
    selected = QuickWin.objects.filter(programme__masterplan=demo, stage=QuickWin.Stage.SELECTED)
    assert sorted(sheets) == sorted(selected.values_list("programme__name", flat=True))
    assert QuickWin.objects.filter(programme__masterplan=demo).exclude(stage=QuickWin.Stage.SELECTED).exists()
    for quick_win in selected.prefetch_related("scores__criterion"):
        table = _table(doc, f"Nilai {quick_win.programme.name}")
        with translation.override("id"):
            scores = {s.criterion.name: str(s.score) for s in quick_win.scores.all()}
        assert {row[0]: row[1] for row in table.rows[:-1] if row[0] in scores} == scores
        assert table.rows[-1][1] == str(sum(s.score for s in quick_win.scores.all()))


def test_the_signatories_table_matches_the_commitment(demo):
    doc = document(demo, "commitment", "id")
    commitment = demo.city.commitments.order_by("-signed_on", "-id").first()
    signatories = list(Signatory.objects.filter(commitment=commitment).order_by("order", "id"))
    table = _table(doc, "Penanda tangan")
    assert [(row[0], row[1]) for row in table.rows] == [(str(i), s.name) for i, s in enumerate(signatories, 1)]
    for row, s in zip(table.rows, signatories, strict=True):
        assert row[2].split("\n")[:2] == [s.role, s.organisation]
        assert row[3].endswith("…") and table.row_height  # room for a wet signature
    assert commitment.text in doc.text() and "15 Oktober 2019" in doc.text()


def _catalogue() -> list[tuple[str, str]]:
    polib = pytest.importorskip("polib")
    from pathlib import Path

    po = polib.pofile(str(Path(__file__).resolve().parents[1] / "locale/id/LC_MESSAGES/django.po"))
    return [(e.msgid, e.msgstr) for e in po if e.msgstr and e.msgstr != e.msgid]


# Words of the demo's own data (user text is never translated) that happen to match the catalogue.
IN_THE_DATA = {"Masterplan ditetapkan dengan", "Masterplan Smart City"}


def _fragments(text: str) -> list[str]:
    import re

    return [f.strip() for f in re.split(r"%\(\w+\)s", text) if len(f.strip()) >= 12 and f.strip() not in IN_THE_DATA]


def test_each_language_has_none_of_the_other_languages_boilerplate(demo):
    english = "\n".join(document(demo, book, "en").text() for book in BOOKS)
    indonesian = "\n".join(document(demo, book, "id").text() for book in BOOKS)
    pairs = _catalogue()
    for msgid, msgstr in pairs:
        for fragment in _fragments(msgstr):
            assert fragment not in english, fragment
        for fragment in _fragments(msgid):
            assert fragment not in indonesian, fragment
    for word in ("Belum diisi", "BAB ", "Tabel ", "Gambar ", "Daftar isi", "Halaman"):
        assert word not in english
    for word in ("Not filled in", "CHAPTER", "Table ", "Figure ", "Table of contents"):
        assert word not in indonesian


def test_query_count_of_a_build_does_not_grow_with_the_programmes(demo, django_assert_max_num_queries):
    before = {}
    for book in BOOKS:
        with CaptureQueriesContext(connection) as queries:
            document(demo, book, "id")
        before[book] = len(queries)
    lead = demo.city.opds.first()
    for n in range(25):
        programme = ProgrammeFactory(masterplan=demo, name=f"Program Tambahan {n}", lead_opd=lead, start_year=2021, end_year=2022)
        ProgrammeYearFactory(programme=programme, year=2021)
        ProgrammeYearFactory(programme=programme, year=2022)
        PartnerFactory(programme=programme, stakeholder=demo.city.stakeholders.first())
    for book in BOOKS:
        with CaptureQueriesContext(connection) as after:
            document(demo, book, "id")
        assert len(after) == before[book], book
    for book, pinned in PINNED_QUERIES.items():
        with django_assert_max_num_queries(pinned):
            document(demo, book, "en")


def test_buku_1_names_the_citys_cohort(demo):
    assert "Kota Ambon terpilih pada Tahap III (2019)." in document(demo, "1", "id").text()
