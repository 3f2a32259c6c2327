import pytest

from kotacerdas.accounts.tests.factories import UserFactory
from kotacerdas.framework.models import Dimension, EvaluationYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True, role=""))
    return client


def test_regions_search_by_name_and_filter_by_level(admin_client):
    html = admin_client.get("/admin/regions/region/", {"q": "Ambon", "level__exact": "regency"}).content.decode()
    assert "81.71" in html and "Kota Ambon" in html and "Nusaniwe" not in html


def test_reference_records_are_read_only(admin_client, unchanged):
    assert admin_client.get("/admin/regions/region/add/").status_code == 403
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403
    assert admin_client.get("/admin/framework/dimension/add/").status_code == 403
    year = EvaluationYear.objects.get(year=2024)
    with unchanged():
        assert admin_client.post("/admin/regions/region/81.71/delete/", {"post": "yes"}).status_code == 403
        assert admin_client.post(f"/admin/framework/evaluationyear/{year.pk}/change/", {"year": 2024, "source": "x"}).status_code == 403
        assert admin_client.post(f"/admin/framework/evaluationyear/{year.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_read_only_year_shows_its_weights_without_inputs(admin_client):
    year = EvaluationYear.objects.get(year=2024)
    html = admin_client.get(f"/admin/framework/evaluationyear/{year.pk}/change/").content.decode()
    assert 'name="weights-0-weight"' not in html and 'name="_save"' not in html


def test_dimension_shows_its_elements_and_year_its_weights(admin_client):
    dimension = Dimension.objects.get(code="living")
    html = admin_client.get(f"/admin/framework/dimension/{dimension.pk}/change/").content.decode()
    assert "Kesehatan" in html and "Mobilitas" in html
    year = EvaluationYear.objects.get(year=2024)
    html = admin_client.get(f"/admin/framework/evaluationyear/{year.pk}/change/").content.decode()
    assert "30.00" in html and "Outcome" in html


@pytest.mark.parametrize(
    "path",
    [
        "core/auditevent",
        "core/referencedataset",
        "framework/element",
        "framework/evaluationweight",
        "framework/readinesslens",
        "framework/readinessrating",
        "framework/fundingsource",
        "framework/stakeholdertype",
        "framework/programmestatus",
        "framework/horizon",
        "framework/quickwincriterion",
        "framework/publishedweightset",
        "framework/advisorynumber",
        "framework/evaluationdimension",
    ],
)
def test_changelists_open(admin_client, path):
    assert admin_client.get(f"/admin/{path}/").status_code == 200


def test_the_ministry_may_change_or_clear_the_usual_number_of_selected_quick_wins(admin_client):
    from kotacerdas.framework.models import SELECTED_QUICK_WINS, AdvisoryNumber

    number = AdvisoryNumber.objects.get(code=SELECTED_QUICK_WINS)
    response = admin_client.post(f"/admin/framework/advisorynumber/{number.pk}/change/", {"value": ""})
    assert response.status_code == 302 and AdvisoryNumber.objects.get(pk=number.pk).value is None
