import factory

from kotacerdas.regions.models import Level, Region


class VillageFactory(factory.django.DjangoModelFactory):
    """An extra village under an existing district (codes 9001, 9002 … stay clear of official ones)."""

    class Meta:
        model = Region

    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}.{9000 + n:04d}")
    name = factory.Faker("city", locale="id_ID")
    level = Level.VILLAGE
    parent = factory.LazyFunction(lambda: Region.objects.get(code="81.71.01"))
