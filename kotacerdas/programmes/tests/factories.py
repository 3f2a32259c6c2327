"""Factories with Indonesian data for the programme registry (and the masterplan/bimtek it hangs on)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kotacerdas.bimtek.models import Output, Workshop
from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory
from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.programmes import models as m


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop
        django_get_or_create = ("masterplan", "number")

    masterplan = factory.SubFactory(MasterplanFactory)
    number = 2
    title = factory.LazyAttribute(lambda w: f"Bimtek {w.number}")
    start_date = datetime.date(2019, 8, 20)
    end_date = datetime.date(2019, 8, 21)


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = Output

    workshop = factory.SubFactory(WorkshopFactory)
    kind = Output.Kind.PROGRAMME_IDEA
    text = factory.Sequence(lambda n: f"Layanan Kesehatan Keliling Digital {n}\nPemeriksaan kesehatan dengan rekam medis elektronik.")
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="living"))


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = m.Programme

    masterplan = factory.SubFactory(MasterplanFactory)
    name = factory.Sequence(lambda n: f"Program Kota Cerdas {n}")
    description = factory.Faker("sentence", locale="id_ID")
    dimension = factory.LazyFunction(lambda: Dimension.objects.get(code="living"))
    element = factory.LazyFunction(lambda: Element.objects.get(code="living-health"))
    lead_opd = factory.LazyAttribute(lambda p: OpdFactory(city=p.masterplan.city))
    horizon = factory.LazyFunction(lambda: Horizon.objects.get(code="medium"))
    status = factory.LazyFunction(lambda: ProgrammeStatus.objects.get(code="running"))
    start_year = 2021
    end_year = 2023


class ProgrammeYearFactory(DjangoModelFactory):
    class Meta:
        model = m.ProgrammeYear
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2021
    budget = 500_000_000

    @factory.post_generation
    def funding_source(year, create, extracted, **kwargs):
        """One share of the whole budget from this source (APBD unless given; `funding_source=False`: no shares)."""
        if create and extracted is not False:
            m.ProgrammeFunding.objects.create(year=year, source=extracted or FundingSource.objects.get(code="apbd"), amount=year.budget)


class ProgrammeFundingFactory(DjangoModelFactory):
    class Meta:
        model = m.ProgrammeFunding

    year = factory.SubFactory(ProgrammeYearFactory, funding_source=False)
    source = factory.LazyFunction(lambda: FundingSource.objects.get(code="apbd"))
    amount = factory.LazyAttribute(lambda f: f.year.budget)


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = m.ProgrammeStakeholder

    programme = factory.SubFactory(ProgrammeFactory)
    stakeholder = factory.LazyAttribute(lambda p: StakeholderFactory(city=p.programme.masterplan.city))
    role = m.ProgrammeStakeholder.Role.IMPLEMENTER


class QuickWinFactory(DjangoModelFactory):
    class Meta:
        model = m.QuickWin

    programme = factory.SubFactory(ProgrammeFactory, is_quick_win=True)
    problem = "Antrean layanan yang panjang"
    innovation = "Layanan daring terpadu"
    benefit = "Warga dilayani lebih cepat"
