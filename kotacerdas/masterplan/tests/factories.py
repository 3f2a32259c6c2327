"""Factories with Indonesian content for masterplans, the vision tree and bimtek keywords."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kotacerdas.bimtek.models import Output, Workshop
from kotacerdas.cities.tests.factories import CityFactory
from kotacerdas.masterplan import models as m


class MasterplanFactory(DjangoModelFactory):
    class Meta:
        model = m.Masterplan
        django_get_or_create = ("city", "start_year")

    city = factory.SubFactory(CityFactory)
    title = "Masterplan Smart City"
    start_year = 2020
    end_year = 2024
    vision = "Kota yang harmonis, cerdas, dan sejahtera"


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = m.Mission

    masterplan = factory.SubFactory(MasterplanFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence", nb_words=8, locale="id_ID")


class ObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = m.Objective

    mission = factory.SubFactory(MissionFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence", nb_words=8, locale="id_ID")


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = m.Target

    objective = factory.SubFactory(ObjectiveFactory)
    indicator = factory.Faker("sentence", nb_words=5, locale="id_ID")
    value = "80"
    unit = "persen"
    year = 2024


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop
        django_get_or_create = ("masterplan", "number")

    masterplan = factory.SubFactory(MasterplanFactory)
    number = 1
    title = "Bimtek I"
    start_date = datetime.date(2019, 7, 16)
    end_date = datetime.date(2019, 7, 17)
    is_held = True


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = Output

    workshop = factory.SubFactory(WorkshopFactory)
    kind = Output.Kind.VISION_KEYWORD
    text = factory.Faker("word", locale="id_ID")


def ready_to_legalise(plan: m.Masterplan, *, committed_on=datetime.date(2019, 10, 15)) -> m.Masterplan:
    """What a masterplan needs before its regulation: a vision, a programme, and the commitment of its cycle."""
    from kotacerdas.cities.tests.factories import StageEventFactory
    from kotacerdas.programmes.tests.factories import ProgrammeFactory

    if not plan.vision:
        plan.vision = "Kota yang harmonis, cerdas, dan sejahtera"
        plan.save(update_fields=["vision"])
    ProgrammeFactory(masterplan=plan, start_year=plan.start_year, end_year=plan.start_year)
    StageEventFactory(city=plan.city, masterplan=plan, stage="commitment", reached_on=committed_on)
    return plan
