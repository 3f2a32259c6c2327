import pytest

from kotacerdas.masterplan.tests.factories import MasterplanFactory


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon, start_year=2020, end_year=2024)
