"""The pre-flight checklist finds each kind of gap, names the record, links to the fix, and forgets it once fixed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from kotacerdas.alignment.models import ProgrammeLink
from kotacerdas.books import checklist
from kotacerdas.cities.models import Body
from kotacerdas.framework.models import ReadinessLens
from kotacerdas.programmes.models import ProgrammeYear, QuickWinScore
from kotacerdas.readiness.models import LensAssessment, SwotItem


def codes(items):
    return {item.code for item in items}


def test_a_complete_package_has_nothing_to_fix(complete):
    assert checklist.checklist(complete["city"], complete["masterplan"]) == []


def _no_mou(c):
    c["city"].mou_number = ""
    c["city"].save()


def _no_vision(c):
    c["masterplan"].vision = ""
    c["masterplan"].save()


def _no_missions(c):
    c["masterplan"].missions.all().delete()


def _no_assessment(c):
    LensAssessment.objects.filter(lens__code="struktur").delete()


def _no_rating(c):
    LensAssessment.objects.filter(lens__code="struktur").update(rating=None)


def _no_swot(c):
    SwotItem.objects.filter(lens__code="infrastruktur").delete()


def _optional_aspect_half_done(c):
    lens = ReadinessLens.objects.filter(is_core=False).first()
    SwotItem.objects.create(masterplan=c["masterplan"], lens=lens, category="S", text="Potensi musik")


def _element_without_programme(c):
    c["programmes"][17].delete()


def _dimension_without_programme(c):
    dimension = c["programmes"][0].dimension
    for p in c["programmes"]:
        if p.dimension_id == dimension.pk:
            p.delete()


def _no_lead(c):
    c["programmes"][3].lead_opd = None
    c["programmes"][3].save()


def _no_budget(c):
    ProgrammeYear.objects.filter(programme=c["programmes"][4]).update(budget=0)


def _no_alignment(c):
    ProgrammeLink.objects.filter(programme=c["programmes"][5]).delete()


def _years_outside(c):
    ProgrammeYear.objects.filter(programme=c["programmes"][6]).update(year=2019)


def _missing_score(c):
    QuickWinScore.objects.filter(quick_win=c["quick_win"]).first().delete()


def _no_quick_win(c):
    c["quick_win"].stage = "candidate"
    c["quick_win"].save()


def _no_council(c):
    Body.objects.filter(kind=Body.Kind.COUNCIL).delete()


def _no_decree(c):
    Body.objects.filter(kind=Body.Kind.TEAM).update(decree_number="")


def _no_signatories(c):
    c["commitment"].signatories.all().delete()


def _no_commitment(c):
    c["commitment"].delete()


GAPS = [
    (_no_mou, "1", "introduction", "missing", "mou_missing", "cities:edit"),
    (_no_vision, "1", "vision", "missing", "vision_missing", "masterplan:edit"),
    (_no_missions, "1", "vision", "missing", "missions_missing", "masterplan:vision"),
    (_no_assessment, "1", "readiness", "missing", "aspect_without_assessment", "readiness:lens"),
    (_no_rating, "1", "readiness", "missing", "aspect_without_rating", "readiness:lens"),
    (_no_swot, "1", "readiness", "missing", "aspect_without_swot", "readiness:lens"),
    (_optional_aspect_half_done, "1", "readiness", "missing", "aspect_without_assessment", "readiness:lens"),
    (_element_without_programme, "2", "dimensions", "missing", "element_without_programme", "programmes:create"),
    (_dimension_without_programme, "2", "dimensions", "missing", "dimension_without_programme", "programmes:create"),
    (_no_lead, "2", "action_plan", "missing", "programme_without_lead_opd", "programmes:edit"),
    (_no_budget, "2", "action_plan", "missing", "programme_without_budget", "programmes:edit"),
    (_no_alignment, "2", "action_plan", "missing", "programme_without_alignment", "alignment:programme_links"),
    (_years_outside, "2", "action_plan", "inconsistent", "programme_years_outside_period", "programmes:edit"),
    (_no_council, "2", "institutions", "missing", "body_missing", "cities:body_create"),
    (_no_decree, "2", "institutions", "missing", "body_without_decree", "cities:body_edit"),
    (_missing_score, "3", "quick_wins", "missing", "quick_win_without_scores", "programmes:quick_win_edit"),
    (_no_quick_win, "3", "quick_wins", "missing", "quick_win_missing", "programmes:quick_wins"),
    (_no_signatories, "commitment", "signatories", "missing", "commitment_without_signatories", "cities:commitment_detail"),
    (_no_commitment, "commitment", "signatories", "missing", "commitment_missing", "cities:commitment_create"),
]


@pytest.mark.parametrize(
    ("breaker", "book", "chapter", "severity", "code", "url_name"), GAPS, ids=[g[4] + "-" + g[0].__name__ for g in GAPS]
)
def test_each_gap_is_found_where_it_shows_with_a_link_to_the_fix(complete, breaker, book, chapter, severity, code, url_name):
    breaker(complete)
    items = [i for i in checklist.checklist(complete["city"], complete["masterplan"]) if i.code == code]
    assert items, f"{code} not found"
    item = items[0]
    assert (item.book, item.chapter, item.severity) == (book, chapter, severity)
    match = resolve(item.url.split("?")[0])
    assert f"{match.namespace}:{match.url_name}" == url_name
    assert item.message and item.book_label and item.chapter_label


def test_messages_name_the_record(complete):
    _no_lead(complete)
    _no_decree(complete)
    messages = [i.message for i in checklist.checklist(complete["city"], complete["masterplan"])]
    assert any(complete["programmes"][3].name in m for m in messages)
    assert any("Tim Pelaksana Smart City Kota Ambon" in m for m in messages)


def test_a_fixed_gap_disappears(complete):
    _no_lead(complete)
    assert "programme_without_lead_opd" in codes(checklist.checklist(complete["city"], complete["masterplan"]))
    complete["programmes"][3].lead_opd = complete["programmes"][4].lead_opd
    complete["programmes"][3].save()
    assert checklist.checklist(complete["city"], complete["masterplan"]) == []


def test_a_city_without_masterplan_is_told_so(ambon):
    items = checklist.checklist(ambon)
    assert "no_masterplan" in codes(items)
    assert {"mou_missing", "body_missing", "commitment_missing"} <= codes(items)


def test_grouped_lists_every_book_and_chapter_in_order(complete):
    _no_lead(complete)
    _no_mou(complete)
    groups = checklist.grouped(checklist.checklist(complete["city"], complete["masterplan"]))
    assert [g["code"] for g in groups] == ["1", "2", "3", "commitment"]
    assert groups[0]["count"] == 1 and groups[1]["count"] == 1 and groups[2]["count"] == 0


def test_the_number_of_queries_does_not_grow_with_the_plan(complete, django_assert_max_num_queries):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            items = checklist.checklist(complete["city"], complete["masterplan"])
        return len(ctx), items

    small, _items = count()
    from kotacerdas.books.tests.conftest import add_programmes

    more = add_programmes(complete["masterplan"], 40, prefix="Tambahan")
    for p in more:
        p.lead_opd = None
        p.save()
    large, items = count()
    assert len([i for i in items if i.code == "programme_without_lead_opd"]) == 40
    assert large == small
    with django_assert_max_num_queries(14):
        checklist.checklist(complete["city"], complete["masterplan"])
