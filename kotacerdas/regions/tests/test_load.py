import pytest

from kotacerdas.core.models import ReferenceDataset
from kotacerdas.regions.models import Level, Region
from kotacerdas.regions.services import regions_load

NATIONAL = {"province": 38, "regency": 514, "district": 7285, "village": 83762}


def _counts():
    return {level.value: Region.objects.filter(level=level).count() for level in Level}


@pytest.mark.slow
@pytest.mark.django_db
def test_full_national_load_on_an_empty_table_then_again_adds_nothing():
    for level in (Level.VILLAGE, Level.DISTRICT, Level.REGENCY, Level.PROVINCE):
        Region.objects.filter(level=level).delete()
    assert Region.objects.count() == 0

    assert regions_load() == NATIONAL
    assert _counts() == NATIONAL
    assert Region.objects.get(code="81.71.05").name == "Leitimur Selatan"
    assert ReferenceDataset.objects.get(name="idn-area-data").row_count == sum(NATIONAL.values())

    snapshot = list(Region.objects.order_by("code").values_list("code", "name", "parent_id", "latitude"))
    assert regions_load() == NATIONAL
    assert list(Region.objects.order_by("code").values_list("code", "name", "parent_id", "latitude")) == snapshot


@pytest.mark.django_db
def test_load_limited_to_one_regency_is_idempotent_and_renames():
    Region.objects.filter(code="81.71.02").update(name="Sirimau Lama")
    before = _counts()
    regions_load(only_regency="81.71")
    assert _counts() == before
    assert Region.objects.get(code="81.71.02").name == "Sirimau"
    assert Region.objects.filter(code__startswith="81.71.", level=Level.VILLAGE).count() == 50
