import pytest

from kotacerdas.cities.services import opd_update
from kotacerdas.framework.services import evaluation_weights_set

pytestmark = pytest.mark.django_db
URL = "/api/v1/audit"
WEIGHTS = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}


@pytest.fixture
def dinkes_changed(koordinator, dinkes):
    """Two audited changes of an Ambon department: its head, then its head's title."""
    opd_update(actor=koordinator, opd=dinkes, head_name="dr. Wendy Pelupessy")
    opd_update(actor=koordinator, opd=dinkes, head_title="Kepala Dinas Kesehatan Kota Ambon")
    return {"model": "cities.opd", "object_pk": str(dinkes.pk)}


@pytest.fixture
def weights_changed(kementerian):
    year = evaluation_weights_set(actor=kementerian, year=2024, weights=WEIGHTS)
    return {"model": "framework.evaluationyear", "object_pk": str(year.pk)}


def _get(client, params, user, api_token):
    return client.get(URL, params, headers=api_token(user) if user.is_authenticated else {})


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("kementerian", 200),
        ("penilai", 200),
        ("koordinator", 200),
        ("operator_dinkes", 200),
        ("mitra", 200),
        ("koordinator_lain", 404),
        ("warga", 401),
    ],
)
def test_city_record_trail_is_visible_to_who_may_see_the_city(client, request, api_token, dinkes_changed, koordinator, persona, status):
    response = _get(client, dinkes_changed, request.getfixturevalue(persona), api_token)
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["count"] == 2
        newest = body["items"][0]
        assert newest["actor_name"] == "koordinator" and newest["action"] == "update" and newest["action_label"] == "mengubah"
        assert newest["before"]["head_title"] != newest["after"]["head_title"] == "Kepala Dinas Kesehatan Kota Ambon"
        assert body["items"][1]["after"]["head_name"] == "dr. Wendy Pelupessy" and newest["actor_id"] == koordinator.pk
        assert set(newest) == {"id", "at", "actor_id", "actor_name", "action", "action_label", "object_repr", "before", "after"}
    else:
        assert response.json()["code"] == {401: "not_authenticated", 404: "not_found"}[status]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("kementerian", 200),
        ("penilai", 200),
        ("koordinator", 403),
        ("operator_dinkes", 403),
        ("mitra", 403),
        ("koordinator_lain", 403),
        ("warga", 401),
    ],
)
def test_national_record_trail_is_for_national_users(client, request, api_token, weights_changed, persona, status):
    response = _get(client, weights_changed, request.getfixturevalue(persona), api_token)
    assert response.status_code == status
    if status == 200:
        item = response.json()["items"][0]
        assert item["actor_name"] == "kementerian" and item["after"]["impact"] == "30.00" and item["before"]["impact"] == "20.00"
    else:
        assert response.json()["code"] == {401: "not_authenticated", 403: "forbidden"}[status]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"model": "cities.nothing", "object_pk": "1"}, 400, "unknown_model"),
        ({"model": "nothing", "object_pk": "1"}, 400, "unknown_model"),
        ({"model": "cities.opd", "object_pk": "999999"}, 404, "not_found"),
        ({"model": "cities.opd"}, 422, "validation_error"),
        ({"model": "cities.opd", "object_pk": "1", "limit": 0}, 422, "validation_error"),
        ({"model": "cities.opd", "object_pk": "1", "limit": 501}, 422, "validation_error"),
    ],
)
def test_bad_queries(client, kementerian, api_token, params, status, code):
    response = client.get(URL, params, headers=api_token(kementerian))
    assert response.status_code == status and response.json()["code"] == code


def test_paginates_and_query_count_stays_flat(client, koordinator, dinkes, django_assert_num_queries):
    for n in range(12):
        opd_update(actor=koordinator, opd=dinkes, head_name=f"Kepala {n}")
    client.force_login(koordinator)
    params = {"model": "cities.opd", "object_pk": str(dinkes.pk), "limit": 5, "offset": 5}
    with django_assert_num_queries(6):  # session, user, user's city, latest event with its city, count, page
        body = client.get(URL, params).json()
    assert body["count"] == 12 and len(body["items"]) == 5
    assert body["items"][0]["after"]["head_name"] == "Kepala 6"


def test_another_citys_record_answers_like_a_missing_one(client, koordinator_lain, dinkes_changed, api_token):
    """Tual's coordinator learns nothing about an Ambon department's trail: same answer as for no record at all."""
    headers = api_token(koordinator_lain)
    other = client.get(URL, dinkes_changed, headers=headers)
    missing = client.get(URL, {"model": "cities.opd", "object_pk": "999999"}, headers=headers)
    assert other.status_code == missing.status_code == 404
    other_body, missing_body = other.json(), missing.json()
    assert other_body.pop("request_id") != missing_body.pop("request_id")  # each answer names its own request
    assert other_body == missing_body


def test_a_deleted_actor_keeps_a_name_without_an_id(client, kementerian, dinkes_changed, koordinator, api_token):
    koordinator.delete()
    item = client.get(URL, dinkes_changed, headers=api_token(kementerian)).json()["items"][0]
    assert item["actor_id"] is None and item["actor_name"] == "koordinator"
