import pytest

from kotacerdas.cities.models import City, Stage
from kotacerdas.cities.tests.factories import CityFactory, OpdFactory
from kotacerdas.regions.models import Region


def _cities(n: int) -> None:
    for region in Region.objects.filter(level="regency").exclude(city__isnull=False)[:n]:
        city = CityFactory(region=region, is_published=True, stage=Stage.MOU)
        OpdFactory(city=city)


@pytest.mark.django_db
def test_public_home_lists_published_cities_with_stage(client):
    _cities(3)
    unpublished = CityFactory(region=Region.objects.get(code="81.71"), is_published=False)
    page = client.get("/").content.decode()
    assert "MoU" in page
    assert unpublished.region.name not in page


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_cities(client, kementerian, django_assert_max_num_queries):
    client.force_login(kementerian)
    _cities(3)
    with django_assert_max_num_queries(8) as small:
        client.get("/")
    _cities(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/")
    assert City.objects.count() == 43
    assert response.context["page"].paginator.count == 43


@pytest.mark.django_db
def test_audit_trail_of_a_record_is_visible_only_within_scope(client, koordinator, koordinator_lain, dinkes):
    from kotacerdas.cities.services import opd_update

    opd_update(actor=koordinator, opd=dinkes, head_name="dr. Wendy Pelupessy")
    url = f"/audit/cities.opd/{dinkes.pk}/"
    client.force_login(koordinator)
    page = client.get(url).content.decode()
    assert "koordinator" in page and "dr. Wendy Pelupessy" in page
    client.force_login(koordinator_lain)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.django_db
def test_an_unknown_city_answers_a_translated_404_page(client):
    response = client.get("/cities/99.99/")
    assert response.status_code == 404
    assert "Tidak ditemukan" in response.content.decode()
