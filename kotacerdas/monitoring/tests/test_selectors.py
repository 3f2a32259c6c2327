"""Progress in SQL: exact ratios (Decimals, half up), the definition of realised, late programmes, my tasks, budget; constant queries."""

from decimal import Decimal

import pytest

from kotacerdas.cities.tests.factories import StakeholderFactory
from kotacerdas.framework.models import Element, FundingSource, ProgrammeStatus
from kotacerdas.monitoring import selectors, services
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeFundingFactory, ProgrammeYearFactory


@pytest.fixture
def statuses(db):
    return {s.code: s for s in ProgrammeStatus.objects.all()}


def _programmes(plan, n, status, element="living-health", **extra):
    element = Element.objects.get(code=element)
    return [
        ProgrammeFactory(
            masterplan=plan, status=status, element=element, dimension=element.dimension, name=f"{status.code}-{element.code}-{i}", **extra
        )
        for i in range(n)
    ]


def test_nine_of_ten_is_90_00(plan, statuses):
    _programmes(plan, 9, statuses["realised"])
    _programmes(plan, 1, statuses["running"])
    progress = selectors.city_progress(plan.city)
    assert (progress["numerator"], progress["denominator"], progress["ratio"]) == (9, 10, Decimal("90.00"))
    living = next(d for d in progress["dimensions"] if d["code"] == "living")
    assert (living["numerator"], living["denominator"], living["ratio"]) == (9, 10, Decimal("90.00"))
    health = next(e for e in living["elements"] if e["code"] == "living-health")
    assert (health["numerator"], health["denominator"], health["ratio"]) == (9, 10, Decimal("90.00"))
    assert health["name"] and health["name_en"]


def test_ratios_round_half_up_and_empty_ones_are_none(plan, statuses):
    _programmes(plan, 2, statuses["realised"])
    _programmes(plan, 1, statuses["stopped"])
    progress = selectors.city_progress(plan.city)
    assert progress["ratio"] == Decimal("66.67")
    assert (
        selectors.ratio(1, 8) == Decimal("12.50")
        and selectors.ratio(1, 200) == Decimal("0.50")
        and selectors.ratio(1, 3) == Decimal("33.33")
    )
    empty = next(d for d in progress["dimensions"] if d["code"] == "governance")
    assert (empty["numerator"], empty["denominator"], empty["ratio"]) == (0, 0, None)
    assert len(progress["dimensions"]) == 6 and len(progress["elements"]) == 18


def test_year_counts_only_programmes_running_that_year(plan, statuses):
    _programmes(plan, 1, statuses["realised"], start_year=2021, end_year=2021)
    _programmes(plan, 1, statuses["running"], element="living-mobility", start_year=2023, end_year=2024)
    assert selectors.city_progress(plan.city, 2021)["denominator"] == 1
    assert selectors.city_progress(plan.city, 2024)["ratio"] == Decimal("0.00")


def test_city_progress_query_count_is_constant(plan, statuses, django_assert_max_num_queries):
    for code in ("living-health", "living-mobility", "governance-public-service"):
        _programmes(plan, 5, statuses["realised"], element=code)
    with django_assert_max_num_queries(4):
        selectors.city_progress(plan.city)


def test_late_and_my_tasks(koordinator, operator_dinkes, dinkes, plan, statuses, indicator, entered, monkeypatch):
    monkeypatch.setattr(selectors, "this_year", lambda: 2024)
    late = list(selectors.late_programmes(plan.city))
    assert [p.name for p in late] == ["Sistem Informasi Puskesmas"]  # ended 2023, running
    tasks = list(selectors.overdue_updates(plan.city, dinkes))
    assert [(t.indicator.name, t.year) for t in tasks] == [("Puskesmas terhubung", 2022), ("Puskesmas terhubung", 2023)]
    services.realisation_return(actor=koordinator, realisation=entered, reason="Lengkapi")
    tasks = list(selectors.overdue_updates(plan.city, dinkes))
    assert [(t.year, t.is_returned) for t in tasks] == [(2021, True), (2022, False), (2023, False)]


def test_targets_met_by_direction(koordinator, plan, indicator, entered):
    row = selectors.programme_rows(plan.city).get(pk=indicator.programme_id)
    assert (row.met_count, row.target_count, row.indicator_count) == (1, 3, 1)  # 6 ≥ 5 in 2021


def test_budget_planned_against_realised(operator_dinkes, plan, health):
    services.budget_realisation_set(actor=operator_dinkes, programme=health, year=2021, amount=Decimal(90_000_000))
    budget = selectors.budget_by_year_and_source(plan.city)
    first = budget["years"][0]
    assert (first["year"], first["planned"], first["realised"], first["ratio"]) == (
        2021,
        Decimal(100_000_000),
        Decimal(90_000_000),
        Decimal("90.00"),
    )
    assert budget["planned"] == Decimal(300_000_000) and budget["ratio"] == Decimal("30.00")


def test_budget_by_source_splits_the_plan_by_shares_and_never_guesses_a_mixed_years_realisation(operator_dinkes, plan, health):
    """2021: APBD 60 + Telkom's CSR 40 (mixed); 2022: APBD alone; 2023: no shares recorded."""
    apbd, csr = FundingSource.objects.get(code="apbd"), FundingSource.objects.get(code="csr")
    mixed = health.years.get(year=2021)
    mixed.funding.all().delete()
    ProgrammeFundingFactory(year=mixed, source=apbd, amount=60_000_000)
    ProgrammeFundingFactory(year=mixed, source=csr, amount=40_000_000, stakeholder=StakeholderFactory(city=plan.city))
    health.years.get(year=2023).funding.all().delete()
    for year in (2021, 2022):
        services.budget_realisation_set(actor=operator_dinkes, programme=health, year=year, amount=Decimal(50_000_000))
    budget = selectors.budget_by_year_and_source(plan.city)
    rows = [(r["year"], r["funding_source_code"], r["planned"], r["realised"]) for r in budget["rows"]]
    assert rows == [
        (2021, "apbd", 60_000_000, None),
        (2021, "csr", 40_000_000, None),
        (2022, "apbd", 100_000_000, 50_000_000),
        (2023, None, 100_000_000, 0),
    ]
    # The year's total still counts the whole realisation.
    assert budget["years"][0]["realised"] == Decimal(50_000_000) and budget["realised"] == Decimal(100_000_000)


def test_overview_queries_do_not_grow(plan, statuses, dinkes, operator_dinkes, koordinator, login, django_assert_max_num_queries):
    for i in range(30):
        programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name=f"Program {i:02d}", status=statuses["running"])
        ProgrammeYearFactory(programme=programme, year=2021)
        made = services.indicator_create(actor=koordinator, programme=programme, name="Keluaran")
        services.targets_set(actor=koordinator, indicator=made, targets={2021: "1"})
        services.realisation_enter(actor=koordinator, indicator=made, year=2021, value="2")
    client = login(operator_dinkes)
    with django_assert_max_num_queries(30):
        assert client.get(f"/cities/{plan.city.code}/monitoring/").status_code == 200
    client = login(koordinator)
    with django_assert_max_num_queries(20):
        assert client.get(f"/cities/{plan.city.code}/monitoring/verification/").status_code == 200


def test_programme_page_queries_do_not_grow(koordinator, plan, health, login, django_assert_max_num_queries):
    for i in range(12):
        made = services.indicator_create(actor=koordinator, programme=health, name=f"Indikator {i:02d}")
        services.targets_set(actor=koordinator, indicator=made, targets={2021: "1", 2022: "2"})
        services.realisation_enter(actor=koordinator, indicator=made, year=2021, value="2", links=["https://contoh.go.id/a"])
    client = login(koordinator)
    with django_assert_max_num_queries(25):
        assert client.get(f"/cities/{plan.city.code}/monitoring/programmes/{health.pk}/").status_code == 200
