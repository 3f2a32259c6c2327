import pytest

from kotacerdas.accounts.tests.factories import MentorAssignmentFactory
from kotacerdas.bimtek.tests.factories import MasterplanFactory, WorkshopFactory


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def bimtek1(masterplan):
    return WorkshopFactory(masterplan=masterplan, number=1)


@pytest.fixture
def mentors(ambon):
    """Two mentors assigned to Ambon."""
    return [MentorAssignmentFactory(city=ambon, mentor__name=name).mentor for name in ("Dr. Hendra Contoh", "Dr. Maria Contoh")]
