import pytest
from django.db import transaction
from django.utils.module_loading import import_string

from kotacerdas.accounts.demo import system_actor
from kotacerdas.cities import demo as cities_demo
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.site.management.commands.load_demo import APP_DEMOS


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    """The Kota Ambon demo seeded once per module inside a transaction rolled back after it (seeding
    takes many seconds); each test runs in a savepoint inside it, so a test's own changes roll back too."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            actor = system_actor()
            city = cities_demo.seed(actor=actor)
            for dotted in APP_DEMOS:
                import_string(dotted)(actor=actor, city=city)
            yield city.pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_seeded, db):
    """The demo city's current masterplan."""
    return Masterplan.objects.select_related("city__region__parent").get(city_id=demo_seeded)


@pytest.fixture
def bare_plan(ambon):
    """A masterplan with nothing in it: no vision, no mission, no programme, no commitment."""
    from kotacerdas.masterplan.tests.factories import MasterplanFactory

    plan = MasterplanFactory(city=ambon, vision="")
    return Masterplan.objects.select_related("city__region__parent").get(pk=plan.pk)
