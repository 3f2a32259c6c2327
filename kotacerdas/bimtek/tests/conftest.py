import pytest

from kotacerdas.bimtek.tests.factories import MasterplanFactory, WorkshopFactory


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def bimtek1(masterplan):
    return WorkshopFactory(masterplan=masterplan, number=1)
