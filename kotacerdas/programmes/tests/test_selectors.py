from decimal import Decimal

import pytest

from kotacerdas.programmes import selectors
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeYearFactory, QuickWinFactory
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(plan, ref, dinkes, dishub):
    """Three programmes: health (Dinkes, realised, APBD), transport (Dishub, supported by Dinkes, DAK), waste (no lead)."""
    health = ProgrammeFactory(
        masterplan=plan,
        name="Rekam Medis Elektronik",
        lead_opd=dinkes,
        status=ref.status["realised"],
        district=Region.objects.get(code="81.71.01"),
        problem="Antrean di puskesmas",
    )
    ProgrammeYearFactory(programme=health, year=2021, budget=100)
    ProgrammeYearFactory(programme=health, year=2022, budget=250)
    transport = ProgrammeFactory(
        masterplan=plan,
        name="Angkot Non-Tunai",
        lead_opd=dishub,
        dimension=ref.dimension["living"],
        element=ref.element["living-mobility"],
        horizon=ref.horizon["long"],
        is_quick_win=True,
        district=Region.objects.get(code="81.71.01"),
    )
    transport.supporting_opds.add(dinkes)
    ProgrammeYearFactory(programme=transport, year=2021, budget=1000, funding_source=ref.funding["dak"])
    waste = ProgrammeFactory(
        masterplan=plan,
        name="Bank Sampah",
        lead_opd=None,
        dimension=ref.dimension["environment"],
        element=ref.element["environment-waste"],
        status=ref.status["planned"],
    )
    return {"health": health, "transport": transport, "waste": waste}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, {"health", "transport", "waste"}),
        ({"dimension": "living"}, {"health", "transport"}),
        ({"element": "living-mobility"}, {"transport"}),
        ({"horizon": "long"}, {"transport"}),
        ({"status": "realised"}, {"health"}),
        ({"funding_source": "dak"}, {"transport"}),
        ({"funding_source": "apbd"}, {"health"}),
        ({"quick_win": "true"}, {"transport"}),
        ({"quick_win": "no"}, {"health", "waste"}),
        ({"q": "puskesmas"}, {"health"}),
        ({"q": "sampah"}, {"waste"}),
    ],
)
def test_filters(filters, expected, registry, plan):
    names = {key for key, p in registry.items() if p in selectors.filtered_programmes(plan, filters)}
    assert names == expected


def test_opd_filter_covers_lead_and_supporting_without_duplicates(registry, plan, dinkes, dishub):
    found = list(selectors.filtered_programmes(plan, {"opd": str(dinkes.pk)}))
    assert sorted(p.name for p in found) == ["Angkot Non-Tunai", "Rekam Medis Elektronik"]
    assert [p.name for p in selectors.filtered_programmes(plan, {"opd": str(dishub.pk)})] == ["Angkot Non-Tunai"]
    assert list(selectors.filtered_programmes(plan, {"opd": "abc"})) == []


def test_budget_total_per_programme(registry, plan):
    totals = {p.name: p.budget_total for p in selectors.programmes(plan)}
    assert totals == {"Rekam Medis Elektronik": 350, "Angkot Non-Tunai": 1000, "Bank Sampah": 0}


def test_summary_by_dimension_counts_budget_and_realisation(registry, plan):
    summary = {row["code"]: row for row in selectors.summary_by_dimension(plan)}
    assert len(summary) == 6
    living = summary["living"]
    assert (living["programmes"], living["realised"], living["budget"], living["realisation_ratio"]) == (2, 1, Decimal(1350), 0.5)
    assert summary["environment"]["realisation_ratio"] == 0 and summary["environment"]["budget"] == 0
    assert summary["governance"]["programmes"] == 0 and summary["governance"]["realisation_ratio"] is None


def test_roadmap_places_bars_on_the_years(registry, plan):
    data = selectors.roadmap(plan)
    assert data["years"] == [2020, 2021, 2022, 2023, 2024]
    living = next(g for g in data["groups"] if g["dimension"].code == "living")
    row = living["rows"][0]
    assert (row["column"], row["span"]) == (3, 3)  # 2021–2023, after the name column
    assert {r["colour"] for r in living["rows"]} == {selectors.HORIZON_COLOURS["medium"], selectors.HORIZON_COLOURS["long"]}
    assert len(data["groups"]) == 6


def test_quick_win_board_totals_and_stages(registry, plan):
    sheet = QuickWinFactory(programme=registry["transport"], stage="shortlisted")
    from kotacerdas.framework.models import QuickWinCriterion

    for criterion, score in zip(QuickWinCriterion.objects.all()[:2], (4, 5), strict=True):
        sheet.scores.create(criterion=criterion, score=score)
    board = selectors.quick_win_board(plan)
    stages = {value: sheets for value, _label, sheets in board["stages"]}
    assert [s.total_score for s in stages["shortlisted"]] == [9]
    assert stages["selected"] == [] and stages["candidate"] == []
    assert board["max_total"] == 5 * len(board["criteria"])


def test_map_points_count_programmes_per_district(registry, plan):
    points = {p["code"]: p for p in selectors.map_points(plan)}
    assert len(points) == 5
    assert points["81.71.01"]["programmes"] == 2 and points["81.71.02"]["programmes"] == 0
    assert points["81.71.01"]["lat"] is not None


def test_roadmap_pages_long_masterplans(plan, dinkes):
    for i in range(selectors.ROADMAP_PAGE_SIZE + 5):
        ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name=f"Program {i:03d}")
    first, second = selectors.roadmap(plan), selectors.roadmap(plan, 2)
    assert sum(len(g["rows"]) for g in first["groups"]) == selectors.ROADMAP_PAGE_SIZE
    assert sum(len(g["rows"]) for g in second["groups"]) == 5
    assert all(g["rows"] for g in second["groups"])  # only dimensions with programmes on the page
