"""Factories with Indonesian data for the bimtek app."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.framework.models import Dimension, ReadinessLens
from kotacerdas.masterplan.tests.factories import MasterplanFactory


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop

    masterplan = factory.SubFactory(MasterplanFactory)
    number = 1
    title = factory.LazyAttribute(lambda w: f"Bimtek {w.number}")
    start_date = factory.LazyAttribute(lambda w: datetime.date(2019, 6 + w.number, 16))
    end_date = factory.LazyAttribute(lambda w: w.start_date + datetime.timedelta(days=1))
    venue = "Hotel Santika Premiere Ambon"


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Faker("name", locale="id_ID")
    group = Participant.Group.OPD
    organisation = factory.Faker("company", locale="id_ID")


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = Output

    workshop = factory.SubFactory(WorkshopFactory)
    kind = Output.Kind.NOTE
    text = factory.Faker("sentence", locale="id_ID")

    class Params:
        swot = factory.Trait(
            kind=Output.Kind.SWOT, swot_category="S", lens=factory.LazyFunction(lambda: ReadinessLens.objects.get(code="struktur"))
        )
        idea = factory.Trait(
            kind=Output.Kind.PROGRAMME_IDEA, dimension=factory.LazyFunction(lambda: Dimension.objects.get(code="governance"))
        )
