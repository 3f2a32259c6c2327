import pytest

from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Indicator
from kotacerdas.programmes.tests.factories import ProgrammeFactory, ProgrammeYearFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files of a test go to a temporary private root."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def health(plan, dinkes):
    """A programme 2021–2023 led by the health office (the operator persona's department), with budgets."""
    programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Sistem Informasi Puskesmas", start_year=2021, end_year=2023)
    for year in (2021, 2022, 2023):
        ProgrammeYearFactory(programme=programme, year=year, budget=100_000_000)
    return programme


@pytest.fixture
def transport(plan, dishub):
    """A programme of another department (transport)."""
    return ProgrammeFactory(masterplan=plan, lead_opd=dishub, name="Bus Kota Pintar", start_year=2021, end_year=2023)


@pytest.fixture
def indicator(koordinator, health):
    made = services.indicator_create(
        actor=koordinator, programme=health, name="Puskesmas terhubung", unit="puskesmas", value_type=Indicator.ValueType.NUMBER
    )
    services.targets_set(actor=koordinator, indicator=made, targets={2021: "5", 2022: "10", 2023: "12"})
    return made


@pytest.fixture
def entered(operator_dinkes, indicator):
    return services.realisation_enter(actor=operator_dinkes, indicator=indicator, year=2021, value="6", note="Laporan tahunan")
