"""Ranks (national and provincial, ties), improvement, the year's result being its last published round."""

from decimal import Decimal

from kotacerdas.cities.models import City
from kotacerdas.evaluation import selectors, services
from kotacerdas.regions.models import Region


def _city(code: str) -> City:
    return City.objects.get_or_create(region=Region.objects.get(code=code), defaults={"is_demo": True})[0]


def _result(actor, city, year, value, round=2):
    return services.evaluation_import(actor=actor, city=city, year=year, round=round, final_index=Decimal(value), source="demo")


def test_ranks_with_ties_nationally_and_per_province(kementerian, ambon, cycle, cycle_2023):
    tual, malteng, ternate, makassar = _city("81.72"), _city("81.01"), _city("82.71"), _city("73.71")
    _result(kementerian, ambon, 2024, "3.10")
    _result(kementerian, tual, 2024, "3.10")
    _result(kementerian, malteng, 2024, "2.50")
    _result(kementerian, ternate, 2024, "3.50")
    _result(kementerian, makassar, 2024, "3.10")
    rows = {r.city.code: (r.rank, r.province_rank) for r in selectors.ranking(2024)}
    assert rows == {"82.71": (1, 1), "81.71": (2, 1), "81.72": (2, 1), "73.71": (2, 1), "81.01": (5, 3)}
    assert [r.city.code for r in selectors.ranking(2024)][:1] == ["82.71"]


def test_improvement_and_the_last_published_round_counts(kementerian, ambon, cycle, cycle_2023):
    _result(kementerian, ambon, 2023, "2.87", round=1)
    _result(kementerian, ambon, 2023, "2.90", round=2)
    first = services.evaluation_create(
        actor=kementerian,
        city=ambon,
        year=2024,
        round=1,
        scores=dict.fromkeys(("baseline", "output", "outcome", "impact", "quick-win"), "3.00"),
    )
    services.evaluation_publish(actor=kementerian, evaluation=first)
    services.evaluation_create(
        actor=kementerian,
        city=ambon,
        year=2024,
        round=2,
        scores=dict.fromkeys(("baseline", "output", "outcome", "impact", "quick-win"), "4.00"),
    )
    ranking = list(selectors.ranking(2024))
    assert len(ranking) == 1 and ranking[0].pk == first.pk  # round 2 is scored, not published
    assert selectors.improvement(ranking[0]) == Decimal("0.10")  # over 2023's last round (2.90)
    assert len(selectors.ranking(2023)) == 1


def test_a_city_of_another_year_does_not_rank(kementerian, ambon, cycle, cycle_2023):
    _result(kementerian, ambon, 2023, "2.87")
    assert list(selectors.ranking(2024)) == []
