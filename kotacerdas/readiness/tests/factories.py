"""Factories with Indonesian content for the readiness analysis (and the programmes and bimtek outputs it links to)."""

import factory
from factory.django import DjangoModelFactory

from kotacerdas.bimtek.models import Output
from kotacerdas.framework.models import Dimension, Element, Horizon, ProgrammeStatus, ReadinessLens
from kotacerdas.masterplan.tests.factories import MasterplanFactory, OutputFactory
from kotacerdas.programmes.models import Programme
from kotacerdas.readiness import models as m


def lens(code: str = "struktur") -> ReadinessLens:
    return ReadinessLens.objects.get(code=code)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    masterplan = factory.SubFactory(MasterplanFactory)
    name = factory.Sequence(lambda n: f"Program Kota Cerdas {n}")
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="governance"))
    element = factory.LazyFunction(lambda: Element.objects.get(code="governance-public-service"))
    horizon = factory.LazyFunction(lambda: Horizon.objects.get(code="short"))
    status = factory.LazyFunction(lambda: ProgrammeStatus.objects.get(code="planned"))
    start_year = 2020
    end_year = 2021


class LensAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = m.LensAssessment

    masterplan = factory.SubFactory(MasterplanFactory)
    lens = factory.LazyFunction(lens)
    current_condition = factory.Faker("sentence", locale="id_ID")
    target_condition = factory.Faker("sentence", locale="id_ID")


class SwotItemFactory(DjangoModelFactory):
    class Meta:
        model = m.SwotItem

    masterplan = factory.SubFactory(MasterplanFactory)
    lens = factory.LazyFunction(lens)
    category = m.SwotItem.Category.STRENGTH
    text = factory.Faker("sentence", nb_words=8, locale="id_ID")
    order = factory.Sequence(lambda n: n + 1)


class GapItemFactory(DjangoModelFactory):
    class Meta:
        model = m.GapItem

    masterplan = factory.SubFactory(MasterplanFactory)
    lens = factory.LazyFunction(lens)
    description = factory.Faker("sentence", nb_words=8, locale="id_ID")
    current_condition = factory.Faker("sentence", locale="id_ID")
    target_condition = factory.Faker("sentence", locale="id_ID")


class SwotOutputFactory(OutputFactory):
    kind = Output.Kind.SWOT
    lens = factory.LazyFunction(lens)
    swot_category = "W"
    text = factory.Faker("sentence", nb_words=8, locale="id_ID")


class StrategyFactory(DjangoModelFactory):
    class Meta:
        model = m.Strategy

    masterplan = factory.SubFactory(MasterplanFactory)
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="governance"))
    title = factory.Sequence(lambda n: f"Strategi layanan digital {n}")
    order = factory.Sequence(lambda n: n + 1)


class StrategyOutputFactory(OutputFactory):
    kind = Output.Kind.STRATEGY
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="economy"))
    text = "Ekosistem transaksi non-tunai untuk pasar dan UMKM"
