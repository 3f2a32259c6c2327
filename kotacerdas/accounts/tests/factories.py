import factory
from factory.django import DjangoModelFactory

from kotacerdas.accounts.models import Role, User

PASSWORD = "rahasia-uji-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    last_name = factory.Faker("last_name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@contoh.go.id")
    role = Role.COORDINATOR
    password = factory.django.Password(PASSWORD)
