import pytest

from kotacerdas.bimtek.tests.factories import MasterplanFactory, WorkshopFactory


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def bimtek1(masterplan):
    return WorkshopFactory(masterplan=masterplan, number=1)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The personas hash a password each; the production hasher would make every test take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
