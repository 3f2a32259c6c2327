import pytest

from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import EvaluationYear
from kotacerdas.framework.tests.factories import ElementFactory, EvaluationYearFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/framework"
GOOD = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}


def test_dimensions_each_carry_three_elements(client):
    body = client.get(f"{API}/dimensions").json()
    assert body["count"] == 6 and len(body["items"]) == 6
    living = next(d for d in body["items"] if d["code"] == "living")
    assert living["name_en"] == "Smart Living"
    assert [e["name_id"] for e in living["elements"]] == ["Harmonisasi Tata Ruang", "Kesehatan", "Mobilitas"]
    assert set(living["elements"][0]) == {"code", "name_id", "name_en"}
    assert all(len(d["elements"]) == 3 for d in body["items"])


def test_dimension_list_query_count_is_constant(client, django_assert_num_queries):
    ElementFactory.create_batch(12)
    with django_assert_num_queries(2):  # dimensions, elements (prefetched)
        body = client.get(f"{API}/dimensions").json()
    assert body["count"] == 18


def test_evaluation_dimensions(client):
    body = client.get(f"{API}/evaluation-dimensions").json()
    assert [d["code"] for d in body["items"]] == ["baseline", "output", "outcome", "impact", "quick-win"]
    assert body["items"][3]["name_id"] == "Dampak" and body["items"][3]["description_en"]


def test_evaluation_years_list_newest_first_with_weights(client, django_assert_num_queries):
    EvaluationYearFactory.create_batch(5)
    with django_assert_num_queries(2):  # years, weights with their dimension
        body = client.get(f"{API}/evaluation-years").json()
    assert body["count"] == 8
    y2024 = next(y for y in body["items"] if y["year"] == 2024)
    assert y2024["weights"] == [
        {"dimension": "baseline", "weight": 10.0}, {"dimension": "output", "weight": 20.0},
        {"dimension": "outcome", "weight": 30.0}, {"dimension": "impact", "weight": 20.0},
        {"dimension": "quick-win", "weight": 20.0},
    ]
    assert [y["year"] for y in body["items"]] == sorted((y["year"] for y in body["items"]), reverse=True)


def test_one_evaluation_year(client):
    assert client.get(f"{API}/evaluation-years/2023").json()["year"] == 2023
    response = client.get(f"{API}/evaluation-years/2019")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get(f"{API}/evaluation-years/1999").status_code == 422


@pytest.mark.parametrize(
    ("path", "count", "check"),
    [
        ("readiness-lenses", 5, lambda items: [i["code"] for i in items if i["is_core"]] == ["struktur", "infrastruktur", "suprastruktur"]),
        ("readiness-ratings", 5, lambda items: items[0] == {"value": 1, "label_id": "Sangat kurang siap", "label_en": "Not ready"}),
        ("funding-sources", 7, lambda items: {"apbd", "apbn", "dak", "csr", "kpbu"} <= {i["code"] for i in items}),
        ("stakeholder-types", None, lambda items: {i["pentahelix"] for i in items} >= {"government", "academia", "business", "community", "media"}),
        ("programme-statuses", None, lambda items: [i["code"] for i in items if i["counts_as_realised"]] == ["realised"]),
        ("horizons", 3, lambda items: [(i["first_year"], i["last_year"]) for i in items] == [(1, 1), (2, 5), (6, 10)]),
        ("quick-win-criteria", None, lambda items: all(i["max_score"] > 0 for i in items) and len(items) >= 6),
    ],
)
def test_catalogues(client, django_assert_num_queries, path, count, check):
    with django_assert_num_queries(1):
        body = client.get(f"{API}/{path}").json()
    assert body["count"] == len(body["items"])
    if count is not None:
        assert body["count"] == count
    assert check(body["items"])


# --- setting weights ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("persona", "status", "code"),
    [
        ("kementerian", 200, None),
        ("penilai", 403, "forbidden"),
        ("koordinator", 403, "forbidden"),
        ("operator_dinkes", 403, "forbidden"),
        ("mitra", 403, "forbidden"),
        ("koordinator_lain", 403, "forbidden"),
        ("warga", 401, "not_authenticated"),
    ],
)
def test_only_national_admins_set_weights(client, request, api_token, persona, status, code):
    user = request.getfixturevalue(persona)
    headers = api_token(user) if user.is_authenticated else {}
    response = client.put(f"{API}/evaluation-years/2024", {"weights": GOOD, "source": "Surat Komdigi"},
                          content_type="application/json", headers=headers)
    assert response.status_code == status
    weights = {w.dimension.code: int(w.weight) for w in EvaluationYear.objects.get(year=2024).weights.select_related("dimension")}
    if status == 200:
        assert response.json()["weights"][3] == {"dimension": "impact", "weight": 30.0}
        assert weights == GOOD
        event = AuditEvent.objects.get(model="framework.evaluationyear", action="update")
        assert event.actor == user and event.before["impact"] == "20.00" and event.after["impact"] == "30.00"
    else:
        assert response.json()["code"] == code
        assert weights["impact"] == 20
        assert not AuditEvent.objects.filter(model="framework.evaluationyear").exists()


def test_session_user_sets_weights_too(client, kementerian):
    client.force_login(kementerian)
    response = client.put(f"{API}/evaluation-years/2026", {"weights": GOOD}, content_type="application/json")
    assert response.status_code == 200 and response.json()["year"] == 2026
    assert AuditEvent.objects.get(model="framework.evaluationyear").action == "create"


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ({**GOOD, "impact": 31}, "weights_not_100"),
        ({k: v for k, v in GOOD.items() if k != "impact"}, "missing_weight"),
        ({**GOOD, "culture": 0}, "unknown_dimension"),
        ({**GOOD, "impact": 130, "baseline": -90}, "weight_out_of_range"),
    ],
)
def test_bad_weights_are_refused_with_a_stable_code(client, kementerian, api_token, weights, code):
    response = client.put(f"{API}/evaluation-years/2024", {"weights": weights}, content_type="application/json",
                          headers=api_token(kementerian))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code and body["errors"][0]["field"] == "weights"
    assert {int(w.weight) for w in EvaluationYear.objects.get(year=2024).weights.all()} == {10, 20, 30}


def test_not_100_message_names_the_total(client, kementerian, api_token):
    response = client.put(f"{API}/evaluation-years/2024", {"weights": {**GOOD, "impact": 31}}, content_type="application/json",
                          headers={**api_token(kementerian), "Accept-Language": "en"})
    assert "101" in response.json()["message"]


def test_decimal_weights_are_kept(client, kementerian, api_token):
    weights = {"baseline": "12.5", "output": 17.5, "outcome": 30, "impact": 20, "quick-win": 20}
    body = client.put(f"{API}/evaluation-years/2025", {"weights": weights}, content_type="application/json",
                      headers=api_token(kementerian)).json()
    assert body["weights"][0] == {"dimension": "baseline", "weight": 12.5}


def test_same_weights_again_write_no_audit_row(client, kementerian, api_token):
    same = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-win": 20}
    response = client.put(f"{API}/evaluation-years/2024", {"weights": same}, content_type="application/json",
                          headers=api_token(kementerian))
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(model="framework.evaluationyear").exists()
