import pytest

from kotacerdas.accounts import demo as accounts_demo
from kotacerdas.bimtek import demo, selectors
from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.cities import demo as cities_demo
from kotacerdas.masterplan import demo as masterplan_demo


@pytest.mark.django_db
def test_demo_seeds_four_held_bimtek_once():
    actor = accounts_demo.system_actor()
    city = cities_demo.seed(actor=actor)
    plan = masterplan_demo.seed(actor=actor, city=city)
    assert len(demo.seed(actor=actor, city=city)) == 4
    counts = (Workshop.objects.count(), Participant.objects.count(), Output.objects.count())
    assert demo.seed(actor=actor, city=city) == []
    assert (Workshop.objects.count(), Participant.objects.count(), Output.objects.count()) == counts
    for workshop in selectors.workshops_of(plan):
        assert workshop.is_held and workshop.start_date.year == 2019
        assert 30 <= workshop.n_participants <= 80 and workshop.n_attended < workshop.n_participants
    bimtek1 = next(s for s in selectors.checklist(plan) if s["number"] == 1)
    assert bimtek1["done"] == bimtek1["total"]  # readiness, gaps, keywords, ideas for all six dimensions
    idea = Output.objects.get(kind="programme_idea", text__startswith="Ambon Satu Akses")
    assert idea.provenance == "Diusulkan dalam Bimtek I oleh Dinas Komunikasi, Informatika dan Persandian"
    city.refresh_from_db()
    assert city.stage_events.get(stage="bimtek4").reached_on.isoformat() == "2019-10-15"
