"""The evaluation demo: Ambon's published indices as imported results, demo cities ranked, idempotent."""

from decimal import Decimal

from kotacerdas.accounts import demo as accounts_demo
from kotacerdas.accounts.demo import system_actor
from kotacerdas.cities import demo as cities_demo
from kotacerdas.core.models import AuditEvent
from kotacerdas.evaluation import demo, selectors
from kotacerdas.evaluation.models import Assignment, Evaluation, FollowUp, Score


def test_demo_seeds_ambon_results_and_ranks_once(db):
    actor = system_actor()
    city = cities_demo.seed(actor=actor)
    accounts_demo.seed(city=city, password=None)
    demo.seed(actor=actor, city=city)
    counts = (Evaluation.objects.count(), FollowUp.objects.count(), Assignment.objects.count(), AuditEvent.objects.count())
    demo.seed(actor=actor, city=city)
    assert (Evaluation.objects.count(), FollowUp.objects.count(), Assignment.objects.count(), AuditEvent.objects.count()) == counts

    ambon = {e.round.cycle.year.year: e for e in Evaluation.objects.filter(city=city)}
    assert ambon[2023].final_index == Decimal("2.87") and ambon[2024].final_index == Decimal("3.10")
    assert ambon[2023].is_imported and ambon[2024].is_imported and ambon[2023].source
    assert not Score.objects.filter(evaluation__city=city).exists()  # no invented sub-scores for Ambon
    assert ambon[2025].status == "submitted"

    ranking = list(selectors.ranking(2024))
    assert len(ranking) >= 2
    row = next(r for r in ranking if r.city_id == city.pk)
    assert selectors.improvement(row) == Decimal("0.23") and row.rank >= 1 and row.province_rank >= 1
    assert all(r.city.is_demo for r in ranking if r.city_id != city.pk)
    assert Assignment.objects.filter(city=city, assessor__username="penilai").exists()
    assert FollowUp.objects.filter(city=city, status="closed").exclude(evidence_link="").exists()
