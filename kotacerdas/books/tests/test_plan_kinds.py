"""Buku I's policy alignment with the national RPJMN, the transition RPD and plan items' indicator, target and
indicative ceiling, live and as frozen in a version."""

from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import PlanDocumentFactory, PlanItemFactory
from kotacerdas.books import versions
from kotacerdas.books.build import build, document
from kotacerdas.books.content.buku1 import medium_term_plan
from kotacerdas.books.tests.helpers import docx_file, docx_text

Kind = PlanDocument.Kind


def _table(doc, start: str):
    return next((t for t in doc.tables() if t.caption.startswith(start)), None)


def test_buku_i_lists_the_national_plan_first_and_the_programmes_figures(complete):
    plan = complete["masterplan"]
    city = plan.city
    PlanDocumentFactory(city=city, kind=Kind.RPJMN, title="RPJMN 2020–2024", start_year=2020, end_year=2024)
    rpjmd = PlanDocument.objects.get(city=city, kind=Kind.RPJMD)
    PlanItemFactory(
        document=rpjmd,
        code="2.16.03",
        text="Program Aplikasi Informatika",
        indicator="Indeks SPBE",
        target="3,0",
        indicative_ceiling=12_500_000_000,
    )
    doc = document(plan, "1", "id")
    plans = _table(doc, "Rencana nasional dan daerah")
    assert plans.rows[0][1:3] == ["RPJMN 2020–2024", "RPJMN"] and rpjmd.title in [r[1] for r in plans.rows]
    figures = _table(doc, "Program RPJMD: indikator, target, dan pagu indikatif")
    assert ["2.16.03", "Program Aplikasi Informatika", "Indeks SPBE", "3,0", "Rp 12.500.000.000"] in figures.rows


def test_buku_i_without_figures_has_no_figures_table(complete):
    assert _table(document(complete["masterplan"], "1", "id"), "Program RPJMD:") is None


def test_the_rpd_stands_in_for_the_years_without_an_rpjmd(complete):
    plan = complete["masterplan"]  # 2020–2024
    PlanDocument.objects.filter(city=plan.city, kind=Kind.RPJMD).update(start_year=2012, end_year=2017)
    rpd = PlanDocumentFactory(city=plan.city, kind=Kind.RPD, title="RPD Kota Ambon 2023–2026", start_year=2023, end_year=2026)
    PlanItemFactory(document=rpd, kind=PlanItem.Kind.GOAL, code="", text="Tujuan RPD")
    assert medium_term_plan(list(PlanDocument.objects.filter(city=plan.city)), plan) == rpd
    doc = document(plan, "1", "id")
    assert _table(doc, "RPD serta visi dan misi smart city") is not None
    assert "rencana pembangunan jangka menengah daerah (RPD)" in doc.text()


def test_an_rpjmd_of_the_period_comes_before_the_rpd(complete):
    plan = complete["masterplan"]
    rpjmd = PlanDocument.objects.get(city=plan.city, kind=Kind.RPJMD)
    PlanDocumentFactory(city=plan.city, kind=Kind.RPD, start_year=2023, end_year=2026)
    assert medium_term_plan(list(PlanDocument.objects.filter(city=plan.city)), plan) == rpjmd


def test_a_version_keeps_the_figures_it_was_frozen_with(complete, koordinator):
    plan = complete["masterplan"]
    rpjmd = PlanDocument.objects.get(city=plan.city, kind=Kind.RPJMD)
    item = PlanItemFactory(document=rpjmd, code="2.16.03", indicator="Indeks SPBE", target="3,0", indicative_ceiling=1_000_000)
    versions.version_freeze(actor=koordinator, masterplan=plan)
    snapshot_item = next(
        i for d in versions.version_or_error(plan, 1).snapshot["register"]["plan_documents"] for i in d["items"] if i["id"] == item.pk
    )
    assert (snapshot_item["indicator"], snapshot_item["target"], snapshot_item["indicative_ceiling"]) == ("Indeks SPBE", "3,0", "1000000")
    item.indicative_ceiling, item.indicator = 9_000_000, "Indeks baru"
    item.save()
    version = versions.version_or_error(plan, 1)
    frozen = docx_text(docx_file(build(plan, "1", "docx", "id", version=version).content))
    live = docx_text(docx_file(build(plan, "1", "docx", "id").content))
    assert "Rp 1.000.000" in frozen and "Indeks baru" not in frozen
    assert "Rp 9.000.000" in live and "Indeks baru" in live


def test_a_version_frozen_before_the_figures_builds(complete, koordinator):
    plan = complete["masterplan"]
    versions.version_freeze(actor=koordinator, masterplan=plan)
    version = versions.version_or_error(plan, 1)
    for d in version.snapshot["register"]["plan_documents"]:
        for i in d["items"]:
            for key in ("indicator", "target", "indicative_ceiling"):
                i.pop(key)
    version.save()
    assert _table(document(plan, "1", "id", version=version), "Program RPJMD:") is None
