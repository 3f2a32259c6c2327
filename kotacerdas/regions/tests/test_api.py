import pytest

from kotacerdas.regions.tests.factories import VillageFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/regions"


def test_provinces_are_listed_nationwide_with_maluku(client):
    body = client.get(URL, {"level": "province"}).json()
    assert body["count"] == 38
    maluku = next(item for item in body["items"] if item["code"] == "81")
    assert maluku == {
        "code": "81",
        "name": "Maluku",
        "level": "province",
        "level_label": "provinsi",
        "parent_code": None,
        "latitude": None,
        "longitude": None,
    }


def test_parent_alone_gives_its_direct_children(client):
    body = client.get(URL, {"parent_code": "81.71"}).json()
    assert body["count"] == 5
    assert [item["name"] for item in body["items"]] == ["Nusaniwe", "Sirimau", "Baguala", "Teluk Ambon", "Leitimur Selatan"]
    assert {item["level"] for item in body["items"]} == {"district"}
    assert all(item["parent_code"] == "81.71" and item["latitude"] is not None for item in body["items"])


def test_deeper_level_under_a_parent_gives_all_its_descendants(client):
    body = client.get(URL, {"parent_code": "81.71", "level": "village"}).json()
    assert body["count"] == 50
    assert all(item["code"].startswith("81.71.") and item["level"] == "village" for item in body["items"])


def test_regencies_of_maluku_include_ambon_and_tual(client):
    body = client.get(URL, {"parent_code": "81", "level": "regency", "limit": 500}).json()
    names = {item["code"]: item["name"] for item in body["items"]}
    assert names["81.71"] == "Kota Ambon" and names["81.72"] == "Kota Tual"
    assert body["count"] == 11


def test_name_search_is_case_insensitive(client):
    body = client.get(URL, {"level": "district", "q": "TELUK", "parent_code": "81.71"}).json()
    assert [item["name"] for item in body["items"]] == ["Teluk Ambon"]


def test_pagination_pages_through_in_code_order(client):
    first = client.get(URL, {"parent_code": "81.71", "level": "village", "limit": 20}).json()
    last = client.get(URL, {"parent_code": "81.71", "level": "village", "limit": 20, "offset": 40}).json()
    assert first["count"] == last["count"] == 50
    assert len(first["items"]) == 20 and len(last["items"]) == 10
    assert first["items"][0]["code"] < last["items"][0]["code"]


def test_default_limit_is_50_and_max_is_500(client):
    assert len(client.get(URL, {"level": "regency"}).json()["items"]) == 50
    body = client.get(URL, {"level": "regency", "limit": 500, "offset": 500}).json()
    assert body["count"] == 514 and len(body["items"]) == 14
    for limit in (0, 501):
        response = client.get(URL, {"level": "regency", "limit": limit})
        assert response.status_code == 422 and response.json()["code"] == "validation_error"
        assert response.json()["errors"][0]["field"] == "limit"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"level": "kelurahan"}, 422, "validation_error"),
        ({"parent_code": "81-71"}, 400, "invalid_code"),
        ({"parent_code": "8171"}, 400, "invalid_code"),
        ({"parent_code": "81.71.01.101"}, 400, "invalid_code"),
        ({"parent_code": "99.99"}, 400, "unknown_code"),
        ({"parent_code": "81.71", "level": "province"}, 400, "level_not_below_parent"),
        ({"parent_code": "81.71.01.1006"}, 400, "level_not_below_parent"),
        ({"offset": -1}, 422, "validation_error"),
    ],
)
def test_bad_input_answers_a_stable_code(client, params, status, code):
    response = client.get(URL, params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["message"]
    if status == 400:
        assert body["errors"][0]["field"] == ("level" if code == "level_not_below_parent" else "parent_code")


def test_detail_carries_the_parent_chain(client):
    body = client.get(f"{URL}/81.71.01.1006").json()
    assert body["code"] == "81.71.01.1006" and body["level"] == "village" and body["parent_code"] == "81.71.01"
    assert [(p["code"], p["level"]) for p in body["parents"]] == [("81", "province"), ("81.71", "regency"), ("81.71.01", "district")]
    assert body["parents"][2] == {"code": "81.71.01", "name": "Nusaniwe", "level": "district", "level_label": "kecamatan"}
    assert body["children_count"] == 0


def test_detail_of_a_regency_counts_its_districts(client):
    body = client.get(f"{URL}/81.71").json()
    assert body["name"] == "Kota Ambon" and body["parents"][0]["name"] == "Maluku" and body["children_count"] == 5


@pytest.mark.parametrize(
    ("code", "status", "error"), [("81.7", 400, "invalid_code"), ("abc", 400, "invalid_code"), ("81.99", 404, "not_found")]
)
def test_detail_bad_codes(client, code, status, error):
    response = client.get(f"{URL}/{code}")
    assert response.status_code == status and response.json()["code"] == error


def test_messages_follow_the_language(client):
    message = client.get(f"{URL}/81.99", HTTP_ACCEPT_LANGUAGE="id").json()["message"]
    assert "Tidak ada wilayah" in message
    assert client.get(f"{URL}/81.71", HTTP_ACCEPT_LANGUAGE="en").json()["level_label"] == "regency/city"
    assert client.get(f"{URL}/81.71", HTTP_ACCEPT_LANGUAGE="id").json()["level_label"] == "kabupaten/kota"


def test_list_query_count_does_not_grow_with_villages(client, django_assert_num_queries):
    VillageFactory.create_batch(30)
    with django_assert_num_queries(3):  # parent exists, count, page
        body = client.get(URL, {"parent_code": "81.71.01", "limit": 10}).json()
    assert body["count"] > 30 and len(body["items"]) == 10


def test_detail_query_count(client, django_assert_num_queries):
    with django_assert_num_queries(3):  # region, parent chain, children count
        client.get(f"{URL}/81.71.01")


def test_anonymous_and_token_users_alike(client, koordinator, api_token):
    assert client.get(URL, {"level": "province"}, headers=api_token(koordinator)).status_code == 200
    response = client.get(URL, headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401 and response.json()["code"] == "token_invalid"
