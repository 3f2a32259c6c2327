import pytest

from kotacerdas.accounts import demo as accounts_demo
from kotacerdas.accounts.models import Mentor, MentorAssignment
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


@pytest.mark.django_db
def test_demo_mentors_are_fictitious_people_assigned_to_the_city_once():
    actor = accounts_demo.system_actor()
    city = cities_demo.seed(actor=actor)
    accounts_demo.seed(city=city, password=None)
    plan = masterplan_demo.seed(actor=actor, city=city)
    demo.seed(actor=actor, city=city)
    demo.seed(actor=actor, city=city)
    mentors = Mentor.objects.order_by("name")
    assert mentors.count() == 3 and all(m.name.endswith("Contoh") for m in mentors)
    assert all(cities_demo.DEMO_MARK in m.expertise for m in mentors)
    assert {(a.city, a.from_year, a.to_year) for a in MentorAssignment.objects.all()} == {(city, 2019, 2019)}
    assert MentorAssignment.objects.count() == 3
    assert Mentor.objects.get(user__username=demo.MENTOR_LOGIN).name == demo.MENTORS[0][0]
    per_bimtek = {w.number: [m.name for m in w.mentors.all()] for w in plan.workshops.prefetch_related("mentors")}
    assert [len(per_bimtek[n]) for n in (1, 2, 3, 4)] == [2, 3, 2, 3]
    # each mentor of a bimtek is also on its attendance list
    for workshop in plan.workshops.all():
        attending = set(workshop.participants.filter(group="mentor").values_list("name", flat=True))
        assert attending == {m.name for m in workshop.mentors.all()}
