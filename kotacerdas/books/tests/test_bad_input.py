"""Hostile names — characters special to typst or XML, emoji, Indonesian quotes, right-to-left text,
control characters, very long names — still build, in every format, and come out as written."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.books.build import build
from kotacerdas.books.document import clean
from kotacerdas.books.tests.helpers import docx_file, docx_text, pdf_text
from kotacerdas.cities.models import Commitment, Signatory, Stakeholder
from kotacerdas.cities.tests.factories import CommitmentFactory, SignatoryFactory
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.monitoring.models import Indicator, Target
from kotacerdas.programmes.models import Programme
from kotacerdas.programmes.tests.factories import PartnerFactory, ProgrammeFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "# $ * _ < > & @ \\ [ ] ` ~ { } %(x)s ' \"",
    "#set page(width: 1pt) #let x = 1 $ x^2 $ @ref <label> ]]> <w:t/> &amp;",
    "“Kutip” ‘Indonesia’ — Jl. Pattimura № 5 ½",
    "שלום עולם مرحبا بالعالم Ambon",
    "Program 😀🚀🇮🇩 Kota Cerdas 👩🏽‍💻",
    "Sistem Informasi " * 14,
    "X" * 240,
    "Tab\there, line\nbreak, bell\x07, form\x0c",
]
# Printable text of any script (no surrogates, no control characters: those are dropped on purpose).
names = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=150).filter(lambda s: s.strip()),
)


@pytest.fixture
def plan(ambon, dinkes, bumn):
    plan = MasterplanFactory(city=ambon)
    programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, start_year=2021, end_year=2022)
    ProgrammeYearFactory(programme=programme, year=2021, budget=1_250_000_000)
    PartnerFactory(programme=programme, stakeholder=bumn)
    for kind in (Indicator.Kind.OUTPUT, Indicator.Kind.OUTCOME):
        indicator = Indicator.objects.create(programme=programme, kind=kind, name="Indikator", baseline_number=1, baseline_year=2020)
        Target.objects.create(indicator=indicator, year=2021, value_number=2)
    commitment = CommitmentFactory(city=ambon, signed_on=datetime.date(2019, 10, 15))
    SignatoryFactory(commitment=commitment)
    return plan


def _rename(plan, name: str) -> Masterplan:
    Programme.objects.filter(masterplan=plan).update(name=name[:250])
    Indicator.objects.filter(programme__masterplan=plan).update(name=name[:300], unit=name[:60])
    Stakeholder.objects.filter(city=plan.city).update(name=name[:200])
    Signatory.objects.filter(commitment__city=plan.city).update(name=name[:150], role=name[:200])
    Commitment.objects.filter(city=plan.city).update(text=name, place=name[:200])
    Masterplan.objects.filter(pk=plan.pk).update(vision=name)
    return Masterplan.objects.select_related("city__region__parent").get(pk=plan.pk)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=names)
def test_hostile_names_build_and_read_back_as_written(plan, name):
    plan = _rename(plan, name)
    expected = clean(name[:250])
    docx = docx_file(build(plan, "2", "docx", "id").content)
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 3"]
    if "\n" not in expected and "\t" not in expected:
        assert any(h.endswith(f"  {expected}") for h in headings)
        assert expected in docx_text(docx)
    reader, _text = pdf_text(build(plan, "2", "pdf", "id").content)
    assert len(reader.pages) >= 5
    reader, _text = pdf_text(build(plan, "commitment", "pdf", "en").content)
    assert len(reader.pages) >= 1
    docx = docx_file(build(plan, "commitment", "docx", "id").content)
    assert clean(name[:150]).split("\n")[0] in docx_text(docx)


def test_the_nastiest_names_build_every_book_and_format(plan):
    plan = _rename(plan, " ".join(NASTY)[:250])
    for book, formats in (("1", "docx pdf"), ("3", "docx pdf"), ("4", "docx pdf"), ("presentation", "pptx pdf")):
        for fmt in formats.split():
            assert len(build(plan, book, fmt, "en").content) > 1000


def test_emoji_are_set_in_the_vendored_emoji_font(plan):
    """Emoji come out as glyphs of Noto Emoji (vendored, monochrome), not as empty boxes."""
    plan = _rename(plan, "Program 😀🚀 Kota Cerdas")
    reader, text = pdf_text(build(plan, "commitment", "pdf", "id").content)
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert any("NotoEmoji" in font for font in fonts), fonts
    assert "😀" in text
