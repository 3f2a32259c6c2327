import pytest

from kotacerdas.framework.models import Dimension, Element, FundingSource, Horizon, ProgrammeStatus
from kotacerdas.programmes.tests.factories import MasterplanFactory, ProgrammeFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files of a test go to a temporary private root."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def ref(db):
    """Reference records by code: ref.element['living-health'] …"""

    class Ref:
        dimension = {d.code: d for d in Dimension.objects.all()}
        element = {e.code: e for e in Element.objects.all()}
        horizon = {h.code: h for h in Horizon.objects.all()}
        status = {s.code: s for s in ProgrammeStatus.objects.all()}
        funding = {f.code: f for f in FundingSource.objects.all()}

    return Ref


@pytest.fixture
def health_programme(plan, dinkes):
    """A programme led by the health office (the operator persona's department)."""
    return ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Sistem Informasi Puskesmas")


@pytest.fixture
def valid(ref, dinkes):
    """Keyword arguments of a valid programme_create call."""
    return {
        "name": "Telemedisin Puskesmas",
        "dimension": ref.dimension["living"],
        "element": ref.element["living-health"],
        "lead_opd": dinkes,
        "horizon": ref.horizon["medium"],
        "status": ref.status["planned"],
        "start_year": 2021,
        "end_year": 2023,
    }
