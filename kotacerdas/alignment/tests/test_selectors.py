"""Gap checks (each triggered, then cleared) and the alignment matrix."""

import pytest

from kotacerdas.alignment import selectors
from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import (
    GapItemFactory,
    PlanDocumentFactory,
    PlanItemFactory,
    ProgrammeFactory,
    ProgrammeLinkFactory,
    ProgrammeYearFactory,
)
from kotacerdas.framework.models import Dimension, Element


def _check(city, code):
    return next(c for c in selectors.gap_checks(city) if c.code == code)


def _ids(city, code):
    return set(_check(city, code).queryset.values_list("pk", flat=True))


def test_programme_without_rpjmd(ambon, programme_dinkes, rpjmd_programme):
    assert programme_dinkes.pk in _ids(ambon, "programme_without_rpjmd")
    renstra = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RENSTRA, opd=programme_dinkes.lead_opd)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=PlanItemFactory(document=renstra, code="1.02.02"))
    assert programme_dinkes.pk in _ids(ambon, "programme_without_rpjmd"), "a Renstra link is not an RPJMD link"
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    assert programme_dinkes.pk not in _ids(ambon, "programme_without_rpjmd")


def test_programme_without_budget(ambon, programme_dinkes):
    ProgrammeYearFactory(programme=programme_dinkes, year=2020, budget=0)
    assert programme_dinkes.pk in _ids(ambon, "programme_without_budget")
    ProgrammeYearFactory(programme=programme_dinkes, year=2021, budget=150_000_000)
    assert programme_dinkes.pk not in _ids(ambon, "programme_without_budget")


def test_programme_without_lead_opd(ambon, masterplan, programme_dinkes):
    orphan = ProgrammeFactory(masterplan=masterplan, lead_opd=None)
    assert _ids(ambon, "programme_without_lead_opd") == {orphan.pk}


def test_dimensions_and_elements_without_programme(ambon, masterplan):
    assert _check(ambon, "dimension_without_programme").queryset.count() == 6
    assert _check(ambon, "element_without_programme").queryset.count() == 18
    health = Element.objects.get(code="living-health")
    ProgrammeFactory(masterplan=masterplan, element=health)
    assert health.dimension_id not in _ids(ambon, "dimension_without_programme")
    assert _check(ambon, "dimension_without_programme").queryset.count() == 5
    assert health.pk not in _ids(ambon, "element_without_programme")
    assert _check(ambon, "element_without_programme").queryset.count() == 17


def test_programmes_of_another_city_do_not_clear_ambons_checks(ambon, tual, masterplan):
    ProgrammeFactory(masterplan__city=tual, element=Element.objects.get(code="living-health"))
    assert _check(ambon, "dimension_without_programme").queryset.count() == Dimension.objects.count()


def test_gap_without_programme(ambon, masterplan, programme_dinkes):
    gap = GapItemFactory(masterplan=masterplan, description="Belum ada pusat data terpadu")
    assert _ids(ambon, "gap_without_programme") == {gap.pk}
    gap.programmes.add(programme_dinkes)
    assert _ids(ambon, "gap_without_programme") == set()


def test_rpjmd_programme_without_programme(ambon, masterplan, programme_dinkes, rpjmd_programme):
    assert _ids(ambon, "rpjmd_programme_without_programme") == {rpjmd_programme.pk}
    activity = PlanItemFactory(document=rpjmd_programme.document, kind=PlanItem.Kind.ACTIVITY, code="1.02.02.2.01", parent=rpjmd_programme)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=activity)
    assert _ids(ambon, "rpjmd_programme_without_programme") == set(), "a link to its activity covers the RPJMD programme"
    assert _check(ambon, "rpjmd_programme_without_programme").informational


def test_rpjmd_outside_the_masterplan_period_is_not_reported(ambon, masterplan):
    old = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RPJMD, start_year=2011, end_year=2016)
    PlanItemFactory(document=old, code="2.16.02")
    assert _ids(ambon, "rpjmd_programme_without_programme") == set()


def test_gap_summary_counts(ambon, masterplan, programme_dinkes):
    summary = {s["check"].code: s["count"] for s in selectors.gap_summary(ambon)}
    assert summary == {
        "programme_without_rpjmd": 1,
        "programme_without_budget": 1,
        "programme_without_lead_opd": 0,
        "dimension_without_programme": 5,
        "element_without_programme": 17,
        "gap_without_programme": 0,
        "rpjmd_programme_without_programme": 0,
    }


def test_matrix_sorts_links_into_columns(ambon, dinkes, dishub, programme_dinkes, programme_dishub, rpjmd_programme):
    renstra_dishub = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RENSTRA, opd=dishub, title="Renstra Dishub")
    renstra_item = PlanItemFactory(document=renstra_dishub, code="2.15.02")
    rkpd = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RKPD, start_year=2021, end_year=2021)
    rkpd_item = PlanItemFactory(document=rkpd, code="1.02.02")
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rkpd_item)
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=renstra_item)
    ProgrammeLinkFactory(programme=programme_dishub, plan_item=renstra_item)
    columns = selectors.matrix_columns(ambon)
    assert [c["kind"] for c in columns] == ["rpjmd", "renstra", "rkpd"]
    rows = {r["programme"].pk: r for r in selectors.matrix_rows(selectors.matrix_programmes(ambon), columns)}
    dinkes_cells = [[e["item"].pk for e in cell] for cell in rows[programme_dinkes.pk]["cells"]]
    assert dinkes_cells == [[rpjmd_programme.pk], [renstra_item.pk], [rkpd_item.pk]]
    assert rows[programme_dinkes.pk]["cells"][1][0]["other_opd"] is True
    assert rows[programme_dishub.pk]["cells"][1][0]["other_opd"] is False
    assert rows[programme_dishub.pk]["cells"][0] == [] and rows[programme_dishub.pk]["n_links"] == 1


def test_matrix_always_shows_the_rpjmd_column(ambon, masterplan):
    assert [c["kind"] for c in selectors.matrix_columns(ambon)] == ["rpjmd"]


def test_tree_is_in_reading_order(rpjmd):
    vision = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.VISION, code="", order=1)
    m2 = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.MISSION, code="", parent=vision, order=2)
    m1 = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.MISSION, code="", parent=vision, order=1)
    goal = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.GOAL, code="", parent=m1, order=1)
    tree = selectors.plan_item_tree(rpjmd)
    assert [(i.pk, i.depth) for i in tree] == [(vision.pk, 0), (m1.pk, 1), (goal.pk, 2), (m2.pk, 1)]


@pytest.mark.parametrize("query, expected", [("1.02", {"1.02.02"}), ("kesehatan", {"1.02.02"}), ("2.16", set())])
def test_linkable_items_search(ambon, rpjmd_programme, query, expected):
    PlanItemFactory(document=rpjmd_programme.document, kind=PlanItem.Kind.VISION, code="", text="Visi kesehatan kota")
    assert {i.code for i in selectors.linkable_items(ambon, query)} == expected
