"""The reference data says what the programme says (issue 7, items 2 and 3)."""

import importlib

import pytest

from kotacerdas.framework import models as m

pytestmark = pytest.mark.django_db


def test_smart_living_cannot_be_read_as_the_environment_dimension():
    living = m.Dimension.objects.get(code="living")
    assert living.name_id == "Smart Living (Kehidupan Cerdas)" and "lingkungan" not in living.name_id.lower()
    assert m.Dimension.objects.get(code="environment").name_id.startswith("Smart Environment")


@pytest.mark.parametrize(
    "code, name",
    [
        ("governance-bureaucracy", "Birokrasi"),
        ("society-security", "Keamanan masyarakat"),
        ("environment-energy", "Tata kelola energi yang bertanggung jawab"),
        ("branding-business", "Branding dunia usaha"),
    ],
)
def test_elements_use_the_ministrys_wording(code, name):
    assert m.Element.objects.get(code=code).name_id == name


def test_quick_win_criteria_are_the_two_guidance_sets_with_their_source():
    masterplan = list(m.QuickWinCriterion.objects.filter(criteria_set="masterplan").order_by("order"))
    evaluation = list(m.QuickWinCriterion.objects.filter(criteria_set="evaluation").order_by("order"))
    assert len(masterplan) == 6 and masterplan[0].name_id == "Perumusan masalah" and masterplan[0].name_en == "Problem formulation"
    assert [c.name_en for c in evaluation] == [
        "Innovation formulation",
        "Attractiveness of the innovation",
        "Benefit",
        "Uniqueness",
        "Partnership opportunity",
        "Development potential",
        "Continuity",
        "Resources",
        "Risk management",
        "Sustainability",
    ]
    assert all(c.source for c in masterplan + evaluation)
    assert not any("kominfo" in (c.name_id + c.name_en).lower() for c in masterplan + evaluation)


def test_weights_cite_the_years_they_were_derived_from_and_earlier_years_say_they_are_unknown():
    years = {y.year: y for y in m.EvaluationYear.objects.prefetch_related("weights")}
    assert {2018, 2019, 2020, 2021, 2022, 2023, 2024} <= set(years)
    for year in (2018, 2019, 2020, 2021):
        assert not years[year].weights.all() and "tidak diketahui" in years[year].note
    assert "2022" in years[2022].source and "2024" in years[2024].source
    sets = {s.code: s.weights for s in m.PublishedWeightSet.objects.all()}
    assert sets["alternative-10-20-30-30-10"] == {"baseline": "10", "output": "20", "outcome": "30", "impact": "30", "quick-win": "10"}


def test_the_pentahelix_has_five_groups_and_police_and_army_stand_under_government():
    assert set(m.StakeholderType.Group.values) == {"government", "academia", "business", "community", "media"}
    assert m.StakeholderType.objects.get(code="tni-polri").pentahelix == "government"


def test_the_framework_page_says_the_rating_scale_is_the_products_own_and_lists_both_criteria_sets(client):
    html = client.get("/framework/").content.decode()
    assert 'id="rating-scale-note"' in html and "Perumusan masalah" in html and "Daya tarik inovasi" in html
    assert "10/20/30/30/10" in html and "Bobot tidak diketahui" in html or "Weights unknown" in html


def test_the_migration_keeps_scores_by_renaming_criteria_and_moves_police_under_government(django_db_blocker):
    migration = importlib.import_module("kotacerdas.framework.migrations.0002_programme_wording_and_criteria_sets")

    class Apps:
        def get_model(self, app, name):
            return getattr(m, name)

    criterion = m.QuickWinCriterion.objects.get(code="problem-formulation")
    m.QuickWinCriterion.objects.filter(pk=criterion.pk).update(code="problem")
    m.StakeholderType.objects.filter(code="tni-polri").update(pentahelix="security")
    migration.forward(Apps(), None)
    assert m.QuickWinCriterion.objects.get(pk=criterion.pk).code == "problem-formulation"
    assert m.StakeholderType.objects.get(code="tni-polri").pentahelix == "government"
