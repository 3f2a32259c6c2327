import pytest

from kotacerdas.alignment.models import PlanDocument, PlanItem
from kotacerdas.alignment.tests.factories import MasterplanFactory, PlanDocumentFactory, PlanItemFactory, ProgrammeFactory


@pytest.fixture
def masterplan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def rpjmd(ambon):
    return PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RPJMD, title="RPJMD Kota Ambon 2017–2022")


@pytest.fixture
def rpjmd_programme(rpjmd):
    return PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.PROGRAMME, code="1.02.02", text="Program Pemenuhan Upaya Kesehatan")


@pytest.fixture
def programme_dinkes(masterplan, dinkes):
    return ProgrammeFactory(masterplan=masterplan, name="Puskesmas Daring", lead_opd=dinkes)


@pytest.fixture
def programme_dishub(masterplan, dishub):
    return ProgrammeFactory(masterplan=masterplan, name="Area Traffic Control System", lead_opd=dishub)
