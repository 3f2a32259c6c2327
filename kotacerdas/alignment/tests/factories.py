"""Factories for the alignment tests (and the masterplan records they hang on), with Indonesian data."""

import factory
from factory.django import DjangoModelFactory

from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.cities.tests.factories import CityFactory
from kotacerdas.framework.models import Element, Horizon, ProgrammeStatus, ReadinessLens
from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.programmes.models import Programme, ProgrammeYear
from kotacerdas.readiness.models import GapItem


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    masterplan = factory.SubFactory(MasterplanFactory)
    name = factory.Sequence(lambda n: f"Program Kota Cerdas {n}")
    description = factory.Faker("sentence", locale="id_ID")
    element = factory.LazyFunction(lambda: Element.objects.get(code="governance-public-service"))
    dimension = factory.LazyAttribute(lambda p: p.element.dimension)
    horizon = factory.LazyFunction(lambda: Horizon.objects.get(code="medium"))
    status = factory.LazyFunction(lambda: ProgrammeStatus.objects.get(code="planned"))
    start_year = 2020
    end_year = 2024


class ProgrammeYearFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeYear

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2021
    budget = 250_000_000


class GapItemFactory(DjangoModelFactory):
    class Meta:
        model = GapItem

    masterplan = factory.SubFactory(MasterplanFactory)
    lens = factory.LazyFunction(lambda: ReadinessLens.objects.get(code="infrastruktur"))
    description = factory.Faker("sentence", locale="id_ID")


class PlanDocumentFactory(DjangoModelFactory):
    class Meta:
        model = PlanDocument

    city = factory.SubFactory(CityFactory)
    kind = PlanDocument.Kind.RPJMD
    title = factory.Sequence(lambda n: f"RPJMD Kota Uji {n}")
    start_year = 2017
    end_year = 2022


class PlanItemFactory(DjangoModelFactory):
    class Meta:
        model = PlanItem

    document = factory.SubFactory(PlanDocumentFactory)
    kind = PlanItem.Kind.PROGRAMME
    code = factory.Sequence(lambda n: f"2.{10 + n // 90:02d}.{10 + n % 90:02d}")
    text = factory.Sequence(lambda n: f"Program Pembangunan Daerah {n}")


class ProgrammeLinkFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeLink

    programme = factory.SubFactory(ProgrammeFactory)
    plan_item = factory.SubFactory(PlanItemFactory)
