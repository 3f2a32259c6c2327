import factory

from kotacerdas.framework import models as m


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Dimension

    code = factory.Sequence(lambda n: f"test-dimension-{n}")
    name_id = factory.Sequence(lambda n: f"Dimensi Uji {n}")
    name_en = factory.Sequence(lambda n: f"Test dimension {n}")
    order = factory.Sequence(lambda n: 100 + n)


class ElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Element

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"test-element-{n}")
    name_id = factory.Faker("street_name", locale="id_ID")
    name_en = factory.Faker("street_name")


class EvaluationYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EvaluationYear
        skip_postgeneration_save = True

    year = factory.Sequence(lambda n: 2030 + n)
    source = "Test"

    @factory.post_generation
    def weights(self, create, extracted, **kwargs):
        """Default weights 10/20/30/20/20, or the given {code: weight}."""
        values = extracted or {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-win": 20}
        for code, weight in values.items():
            m.EvaluationWeight.objects.create(year=self, dimension=m.EvaluationDimension.objects.get(code=code), weight=weight)
