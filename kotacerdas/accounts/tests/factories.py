import factory
from factory.django import DjangoModelFactory

from kotacerdas.accounts.models import Mentor, MentorAssignment, Role, User

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


class MentorFactory(DjangoModelFactory):
    class Meta:
        model = Mentor

    name = factory.Sequence(lambda n: f"Dr. Pembimbing {n}")
    institution = "Kementerian Komunikasi dan Digital"
    expertise = "Tata kelola smart city"


class MentorAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    mentor = factory.SubFactory(MentorFactory)
    from_year = 2019
    to_year = None
