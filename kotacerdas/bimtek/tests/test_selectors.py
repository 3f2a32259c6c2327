import pytest
from django.utils import translation

from kotacerdas.bimtek import selectors
from kotacerdas.bimtek.tests.factories import OutputFactory, WorkshopFactory
from kotacerdas.cities.models import Body
from kotacerdas.cities.tests.factories import BodyFactory, CommitmentFactory
from kotacerdas.framework.models import Dimension, Element, Horizon, ProgrammeStatus, ReadinessLens
from kotacerdas.programmes.models import Programme, ProgrammeYear, QuickWin


def stage(masterplan, number):
    return next(s for s in selectors.checklist(masterplan) if s["number"] == number)


def item(masterplan, number, key):
    return next(i for i in stage(masterplan, number)["items"] if i["key"] == key)


def programme(masterplan, name, horizon="short", dimension="governance", **fields):
    dim = Dimension.objects.get(code=dimension)
    return Programme.objects.create(
        masterplan=masterplan,
        name=name,
        dimension=dim,
        element=Element.objects.filter(dimension=dim).first(),
        horizon=Horizon.objects.get(code=horizon),
        status=ProgrammeStatus.objects.get(code="planned"),
        start_year=masterplan.start_year,
        end_year=masterplan.end_year,
        **fields,
    )


@pytest.mark.django_db
def test_empty_masterplan_has_everything_missing(masterplan):
    stages = selectors.checklist(masterplan)
    assert [s["number"] for s in stages] == [1, 2, 3, 4]
    assert all(s["done"] == 0 for s in stages)
    readiness = item(masterplan, 1, "readiness")
    assert readiness["missing"] == [lens.name for lens in ReadinessLens.objects.filter(is_core=True).order_by("order")]


@pytest.mark.django_db
def test_bimtek_i_readiness_needs_every_core_lens(masterplan, bimtek1):
    for code in ["struktur", "infrastruktur"]:
        OutputFactory(workshop=bimtek1, swot=True, lens=ReadinessLens.objects.get(code=code))
    OutputFactory(workshop=bimtek1, swot=True, lens=ReadinessLens.objects.get(code="culture"))  # not a core lens
    readiness = item(masterplan, 1, "readiness")
    assert not readiness["done"]
    assert readiness["missing"] == [ReadinessLens.objects.get(code="suprastruktur").name]
    OutputFactory(workshop=bimtek1, swot=True, lens=ReadinessLens.objects.get(code="suprastruktur"))
    assert item(masterplan, 1, "readiness")["done"]


@pytest.mark.django_db
def test_outputs_count_for_the_bimtek_they_were_recorded_in(masterplan, bimtek1):
    bimtek2 = WorkshopFactory(masterplan=masterplan, number=2)
    OutputFactory(workshop=bimtek2, kind="vision_keyword", text="harmonis")
    assert not item(masterplan, 1, "vision_keywords")["done"]
    OutputFactory(workshop=bimtek1, kind="vision_keyword", text="maritim")
    assert item(masterplan, 1, "vision_keywords")["done"]


@pytest.mark.django_db
def test_programme_ideas_need_all_six_dimensions(masterplan, bimtek1):
    dimensions = list(Dimension.objects.order_by("order"))
    for d in dimensions[:5]:
        OutputFactory(workshop=bimtek1, kind="programme_idea", dimension=d)
    ideas = item(masterplan, 1, "programme_ideas")
    assert not ideas["done"] and ideas["missing"] == [dimensions[5].name] and ideas["count"] == 5
    OutputFactory(workshop=bimtek1, kind="programme_idea", dimension=dimensions[5])
    assert item(masterplan, 1, "programme_ideas")["done"]


@pytest.mark.django_db
def test_institutions_need_council_and_team(masterplan, ambon):
    BodyFactory(city=ambon, kind=Body.Kind.COUNCIL)
    assert not item(masterplan, 1, "institutions")["done"]
    BodyFactory(city=ambon, kind=Body.Kind.TEAM, name="Tim Pelaksana")
    assert item(masterplan, 1, "institutions")["done"]


@pytest.mark.django_db
def test_programmes_by_horizon_only_those_the_plan_period_reaches(masterplan):
    # A five-year plan (2020–2024) has no long term (years 6–10).
    labels = [p["label"] for p in item(masterplan, 2, "programmes")["parts"]]
    assert Horizon.objects.get(code="long").name not in labels and len(labels) == 2
    programme(masterplan, "Ambon Satu Akses", horizon="short")
    assert not item(masterplan, 2, "programmes")["done"]
    programme(masterplan, "Command Center", horizon="medium")
    assert item(masterplan, 2, "programmes")["done"]


@pytest.mark.django_db
def test_roadmap_and_quick_wins(masterplan, ambon):
    a = programme(masterplan, "Ambon Satu Akses")
    b = programme(masterplan, "Call Center 112", dimension="society")
    ProgrammeYear.objects.create(programme=a, year=2020)
    roadmap = item(masterplan, 3, "roadmap")
    assert not roadmap["done"] and roadmap["count"] == 1
    ProgrammeYear.objects.create(programme=b, year=2021)
    ProgrammeYear.objects.create(programme=b, year=2022)
    assert item(masterplan, 3, "roadmap")["done"]
    QuickWin.objects.create(programme=a, stage=QuickWin.Stage.CANDIDATE)
    assert not item(masterplan, 3, "quick_win_shortlist")["done"]
    QuickWin.objects.create(programme=b, stage=QuickWin.Stage.SHORTLISTED)
    assert item(masterplan, 3, "quick_win_shortlist")["done"]
    assert not item(masterplan, 4, "final_quick_wins")["done"]
    QuickWin.objects.filter(programme=b).update(stage=QuickWin.Stage.SELECTED)
    assert item(masterplan, 4, "final_quick_wins")["done"]
    assert not item(masterplan, 4, "commitment")["done"]
    CommitmentFactory(city=ambon)
    assert item(masterplan, 4, "commitment")["done"]


@pytest.mark.django_db
def test_checklist_queries_do_not_grow_with_the_data(masterplan, bimtek1, django_assert_num_queries):
    with django_assert_num_queries(10):
        selectors.checklist(masterplan)
    for i in range(30):
        OutputFactory(workshop=bimtek1, swot=True)
        programme(masterplan, f"Program {i}")
    with django_assert_num_queries(10):
        selectors.checklist(masterplan)


@pytest.mark.django_db
def test_provenance_names_the_bimtek_and_the_proposer(masterplan, dinkes, bumn):
    bimtek2 = WorkshopFactory(masterplan=masterplan, number=2)
    by_opd = OutputFactory(workshop=bimtek2, proposed_by_opd=dinkes)
    by_partner = OutputFactory(workshop=bimtek2, proposed_by_stakeholder=bumn)
    anonymous = OutputFactory(workshop=bimtek2)
    with translation.override("en"):
        assert by_opd.provenance == "Proposed in Bimtek II by Dinas Kesehatan"
        assert by_partner.provenance == "Proposed in Bimtek II by PT Telkom Indonesia (Persero) Witel Maluku"
        assert anonymous.provenance == "Proposed in Bimtek II"
    with translation.override("id"):
        assert by_opd.provenance == "Diusulkan dalam Bimtek II oleh Dinas Kesehatan"


@pytest.mark.django_db
def test_became_lists_the_plan_content(masterplan, bimtek1):
    from kotacerdas.readiness.models import GapItem

    idea = OutputFactory(workshop=bimtek1, idea=True, text="Ambon Satu Akses")
    programme(masterplan, "Ambon Satu Akses", origin=idea)
    gap = OutputFactory(workshop=bimtek1, kind="gap", lens=ReadinessLens.objects.get(code="struktur"))
    GapItem.objects.create(masterplan=masterplan, lens=gap.lens, description="SDM TIK kurang", origin=gap)
    rows = {o.pk: selectors.became(o) for o in selectors.outputs_of(bimtek1)}
    assert rows[idea.pk] == [{"kind": "programme", "id": idea.programmes.get().pk, "label": "Ambon Satu Akses"}]
    assert [b["kind"] for b in rows[gap.pk]] == ["gap_item"]
