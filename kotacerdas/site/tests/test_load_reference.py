import io

import pytest
from django.core.management import call_command

from kotacerdas.core.models import ReferenceDataset
from kotacerdas.framework import models as fw
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "regions": Region.objects.count(),
        "dimensions": fw.Dimension.objects.count(),
        "elements": fw.Element.objects.count(),
        "evaluation_dimensions": fw.EvaluationDimension.objects.count(),
        "weights": fw.EvaluationWeight.objects.count(),
        "lenses": fw.ReadinessLens.objects.count(),
        "funding_sources": fw.FundingSource.objects.count(),
    }


def test_load_reference_twice_adds_nothing():
    before = _counts()
    out = io.StringIO()
    call_command("load_reference", only_regency="81.71", stdout=out)
    call_command("load_reference", only_regency="81.71", stdout=out)
    assert _counts() == before
    assert before["dimensions"] == 6 and before["elements"] == 18 and before["evaluation_dimensions"] == 5
    assert "Reference data loaded." in out.getvalue()


def test_load_reference_records_its_data_sets_and_the_about_page_credits_them(client):
    names = set(ReferenceDataset.objects.values_list("name", flat=True))
    assert names == {"idn-area-data", "smart-city-framework", "time-zones", "indicator-codes"}
    regions = ReferenceDataset.objects.get(name="idn-area-data")
    assert regions.licence.startswith("Open Database License") and "idn-area-data" in regions.attribution
    about = client.get("/about/").content.decode()
    assert "ODbL" in about and "Keppres 41/1987" in about  # each province's time zone, with its source


def test_reference_load_restores_a_renamed_element():
    fw.Element.objects.filter(code="living-health").update(name_id="Kesehatan (lama)")
    call_command("load_reference", only_regency="81.71", stdout=io.StringIO())
    assert fw.Element.objects.get(code="living-health").name_id == "Kesehatan"
