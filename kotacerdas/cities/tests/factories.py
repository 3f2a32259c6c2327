"""Factories with Indonesian data for the cities app (and the personas of every test)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kotacerdas.cities import models as m
from kotacerdas.framework.models import StakeholderType
from kotacerdas.regions.models import Region


class CohortFactory(DjangoModelFactory):
    """Tahap III (2019) unless told otherwise; one per year and stage number."""

    class Meta:
        model = m.Cohort
        django_get_or_create = ("year", "stage_number")

    year = 2019
    stage_number = 3
    selected_count = 25


class CityFactory(DjangoModelFactory):
    class Meta:
        model = m.City
        django_get_or_create = ("region",)

    region = factory.LazyFunction(lambda: Region.objects.get(code="81.71"))
    cohort = factory.SubFactory(CohortFactory)
    stage = m.Stage.SELECTED


class OpdFactory(DjangoModelFactory):
    class Meta:
        model = m.Opd

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    short_name = factory.Sequence(lambda n: f"DUC{n}")
    head_name = factory.Faker("name", locale="id_ID")
    head_title = "Kepala Dinas"


class StakeholderFactory(DjangoModelFactory):
    class Meta:
        model = m.Stakeholder

    city = factory.SubFactory(CityFactory)
    name = factory.Sequence(lambda n: f"PT Mitra Nusantara {n}")
    type = factory.LazyFunction(lambda: StakeholderType.objects.get(code="bumn"))
    contact_person = factory.Faker("name", locale="id_ID")
    email = factory.Faker("company_email", locale="id_ID")
    phone = factory.Faker("phone_number", locale="id_ID")


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = m.Body

    city = factory.SubFactory(CityFactory)
    kind = m.Body.Kind.COUNCIL
    name = factory.Sequence(lambda n: f"Dewan Smart City {n}")
    decree_number = factory.Sequence(lambda n: f"{n}/KEP/2019")
    decree_date = datetime.date(2019, 6, 1)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = m.Commitment

    city = factory.SubFactory(CityFactory)
    signed_on = datetime.date(2019, 10, 15)
    place = "Ambon"
    text = "Kami berkomitmen melaksanakan Masterplan Smart City."


class StageEventFactory(DjangoModelFactory):
    class Meta:
        model = m.StageEvent

    city = factory.SubFactory(CityFactory)
    stage = m.Stage.SELECTED
    reached_on = datetime.date(2019, 4, 12)


class BodyMemberFactory(DjangoModelFactory):
    class Meta:
        model = m.BodyMember

    body = factory.SubFactory(BodyFactory)
    name = factory.Faker("name", locale="id_ID")
    role = "Anggota"
    position = factory.Faker("job", locale="id_ID")
    organisation = "Pemerintah Kota Ambon"
    order = factory.Sequence(lambda n: n + 1)


class SignatoryFactory(DjangoModelFactory):
    class Meta:
        model = m.Signatory

    commitment = factory.SubFactory(CommitmentFactory)
    kind = m.Signatory.Kind.OFFICIAL
    name = factory.Faker("name", locale="id_ID")
    role = "Sekretaris Kota"
    organisation = "Pemerintah Kota Ambon"
    order = factory.Sequence(lambda n: n + 1)
