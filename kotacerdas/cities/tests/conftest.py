"""Fixtures of the cities tests: one Ambon record of each kind, and the expected rights per persona."""

import pytest

from kotacerdas.cities.models import Stage
from kotacerdas.cities.tests.factories import (
    BodyFactory,
    BodyMemberFactory,
    CommitmentFactory,
    SignatoryFactory,
    StageEventFactory,
    StakeholderFactory,
)


@pytest.fixture
def world(ambon, dinkes, dishub, bumn):
    """Ambon with a council (one member), a commitment (one signatory) and a recorded stage."""
    council = BodyFactory(city=ambon, name="Dewan Smart City Kota Ambon")
    commitment = CommitmentFactory(city=ambon)
    return {
        "city": ambon,
        "dinkes": dinkes,
        "dishub": dishub,
        "bumn": bumn,
        "body": council,
        "member": BodyMemberFactory(body=council, name="A. G. Latuheru", role="Sekretaris"),
        "commitment": commitment,
        "signatory": SignatoryFactory(commitment=commitment, name="Richard Louhenapessy", role="Wali Kota Ambon"),
        "event": StageEventFactory(city=ambon, stage=Stage.SELECTED),
        "perumda": StakeholderFactory(city=ambon, name="Perumda Air Minum Kota Ambon"),
    }
