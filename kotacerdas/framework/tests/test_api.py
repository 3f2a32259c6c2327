import importlib

import pytest

from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import EvaluationYear, FundingSource
from kotacerdas.framework.tests.factories import ElementFactory, EvaluationYearFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/framework"
GOOD = {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick-win": 10}


def _weights(weights: dict) -> list[dict]:
    return [{"evaluation_dimension_code": code, "weight": weight} for code, weight in weights.items()]


def _weight(code: str, weight: float, name: str) -> dict:
    return {"evaluation_dimension_code": code, "evaluation_dimension_name": name, "weight": weight}


def test_dimensions_each_carry_three_elements(client):
    body = client.get(f"{API}/dimensions").json()
    assert body["count"] == 6 and len(body["items"]) == 6
    living = next(d for d in body["items"] if d["code"] == "living")
    assert living["name_en"] == "Smart Living"
    assert living["name"] == "Smart Living (Kehidupan Cerdas)" and living["description"] and "name_id" not in living
    assert [e["name"] for e in living["elements"]] == ["Harmonisasi tata ruang", "Kesehatan", "Mobilitas (sarana transportasi)"]
    assert set(living["elements"][0]) == {"code", "name", "name_en", "dimension_code", "dimension_name"}
    assert living["elements"][1]["dimension_code"] == "living"
    assert all(len(d["elements"]) == 3 for d in body["items"])


def test_dimension_list_query_count_is_constant(client, django_assert_num_queries):
    ElementFactory.create_batch(12)
    with django_assert_num_queries(2):  # dimensions, elements (prefetched)
        body = client.get(f"{API}/dimensions").json()
    assert body["count"] == 18


def test_evaluation_dimensions(client):
    body = client.get(f"{API}/evaluation-dimensions").json()
    assert [d["code"] for d in body["items"]] == ["baseline", "output", "outcome", "impact", "quick-win"]
    assert body["items"][3]["name"] == "Dampak" and body["items"][3]["description_en"]


def test_evaluation_years_list_newest_first_with_weights(client, django_assert_num_queries):
    EvaluationYearFactory.create_batch(5)
    with django_assert_num_queries(2):  # years, weights with their dimension
        body = client.get(f"{API}/evaluation-years").json()
    assert body["count"] == 13  # 2018–2025 of the reference data and five test years
    y2024 = next(y for y in body["items"] if y["year"] == 2024)
    assert y2024["weights"] == [
        _weight("baseline", 10.0, "Baseline"),
        _weight("output", 20.0, "Output"),
        _weight("outcome", 30.0, "Outcome"),
        _weight("impact", 20.0, "Dampak"),
        _weight("quick-win", 20.0, "Quick Win"),
    ]
    assert [y["year"] for y in body["items"]] == sorted((y["year"] for y in body["items"]), reverse=True)


def test_one_evaluation_year(client):
    assert client.get(f"{API}/evaluation-years/2023").json()["year"] == 2023
    earlier = client.get(f"{API}/evaluation-years/2019").json()
    assert earlier["weights"] == [] and "tidak diketahui" in earlier["note"]  # known year, unknown weights: none invented
    response = client.get(f"{API}/evaluation-years/2017")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get(f"{API}/evaluation-years/1999").status_code == 422


@pytest.mark.parametrize(
    ("path", "count", "check"),
    [
        ("readiness-lenses", 5, lambda items: [i["code"] for i in items if i["is_core"]] == ["struktur", "infrastruktur", "suprastruktur"]),
        ("readiness-ratings", 5, lambda items: items[0] == {"value": 1, "label": "Sangat kurang siap", "label_en": "Not ready"}),
        ("funding-sources", 7, lambda items: {"apbd", "apbn", "dak", "csr", "kpbu"} <= {i["code"] for i in items}),
        (
            "stakeholder-types",
            None,
            lambda items: (
                {i["pentahelix"] for i in items} >= {"government", "academia", "business", "community", "media"}
                and {i["pentahelix_label"] for i in items} >= {"pemerintah", "akademisi"}
            ),
        ),
        ("programme-statuses", None, lambda items: [i["code"] for i in items if i["counts_as_realised"]] == ["realised"]),
        ("horizons", 3, lambda items: [(i["first_year"], i["last_year"]) for i in items] == [(1, 1), (2, 5), (6, 10)]),
        (
            "quick-win-criteria",
            16,
            lambda items: (
                all(i["max_score"] > 0 and i["source"] for i in items)
                and [i["criteria_set"] for i in items] == ["masterplan"] * 6 + ["evaluation"] * 10
                and items[0]["code"] == "problem-formulation"
            ),
        ),
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
    response = client.put(
        f"{API}/evaluation-years/2024",
        {"weights": _weights(GOOD), "source": "Surat Komdigi"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == status
    weights = {w.dimension.code: int(w.weight) for w in EvaluationYear.objects.get(year=2024).weights.select_related("dimension")}
    if status == 200:
        assert response.json()["weights"][3] == _weight("impact", 30.0, "Dampak")
        assert weights == GOOD
        event = AuditEvent.objects.get(model="framework.evaluationyear", action="update")
        assert event.actor == user and event.before["impact"] == "20.00" and event.after["impact"] == "30.00"
    else:
        assert response.json()["code"] == code
        assert weights["impact"] == 20
        assert not AuditEvent.objects.filter(model="framework.evaluationyear").exists()


def test_session_user_sets_weights_too(client, kementerian):
    client.force_login(kementerian)
    response = client.put(f"{API}/evaluation-years/2026", {"weights": _weights(GOOD)}, content_type="application/json")
    assert response.status_code == 200 and response.json()["year"] == 2026
    assert AuditEvent.objects.get(model="framework.evaluationyear").action == "create"


@pytest.mark.parametrize(
    ("weights", "status", "code"),
    [
        (_weights({**GOOD, "impact": 31}), 400, "weights_not_100"),
        (_weights({k: v for k, v in GOOD.items() if k != "impact"}), 400, "required"),
        (_weights({**GOOD, "culture": 0}), 400, "unknown_code"),
        ([*_weights(GOOD), {"evaluation_dimension_code": "impact", "weight": 0}], 400, "weight_repeated"),
        (_weights({**GOOD, "impact": 130, "baseline": -90}), 422, "validation_error"),
        (_weights({**GOOD, "impact": 29.995, "baseline": 10.005}), 422, "validation_error"),
        ([{"evaluation_dimension_code": "impact", "weight": 30, "dimension": "impact"}], 422, "validation_error"),
        (GOOD, 422, "validation_error"),
    ],
)
def test_bad_weights_are_refused_with_a_stable_code(client, kementerian, api_token, unchanged, weights, status, code):
    headers = api_token(kementerian)
    with unchanged():
        response = client.put(f"{API}/evaluation-years/2024", {"weights": weights}, content_type="application/json", headers=headers)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and "weights" in body["errors"][0]["field"]


def test_a_forbidden_user_is_refused_before_the_body_is_checked(client, penilai, api_token, unchanged):
    headers = api_token(penilai)
    with unchanged():
        response = client.put(
            f"{API}/evaluation-years/2024", {"weights": _weights({**GOOD, "culture": 0})}, content_type="application/json", headers=headers
        )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_not_100_message_names_the_total(client, kementerian, api_token):
    response = client.put(
        f"{API}/evaluation-years/2024",
        {"weights": _weights({**GOOD, "impact": 31})},
        content_type="application/json",
        headers={**api_token(kementerian), "Accept-Language": "en"},
    )
    assert "101" in response.json()["message"]


def test_decimal_weights_are_kept(client, kementerian, api_token):
    weights = [
        {"evaluation_dimension_code": "baseline", "weight": "12.5"},
        *_weights({"output": 17.5, "outcome": 30, "impact": 20, "quick-win": 20}),
    ]
    body = client.put(
        f"{API}/evaluation-years/2025", {"weights": weights}, content_type="application/json", headers=api_token(kementerian)
    ).json()
    assert body["weights"][0] == _weight("baseline", 12.5, "Baseline")


def test_same_weights_again_write_no_audit_row(client, kementerian, api_token):
    same = {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-win": 20}
    response = client.put(
        f"{API}/evaluation-years/2024", {"weights": _weights(same)}, content_type="application/json", headers=api_token(kementerian)
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(model="framework.evaluationyear").exists()


# --- elements, names and paging -----------------------------------------------------------------


def test_elements_of_one_dimension(client, django_assert_num_queries):
    with django_assert_num_queries(2):  # the dimension, its elements
        body = client.get(f"{API}/elements", {"dimension_code": "living"}).json()
    assert body["count"] == 3
    assert body["items"][1] == {
        "code": body["items"][1]["code"],
        "name": "Kesehatan",
        "name_en": body["items"][1]["name_en"],
        "dimension_code": "living",
        "dimension_name": "Smart Living (Kehidupan Cerdas)",
    }
    assert client.get(f"{API}/elements").json()["count"] == 18


def test_elements_of_an_unknown_dimension(client):
    response = client.get(f"{API}/elements", {"dimension_code": "smart-sea"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_code" and response.json()["errors"][0]["field"] == "dimension_code"


def test_display_names_follow_the_language_while_name_stays_indonesian(client):
    living = next(d for d in client.get(f"{API}/dimensions", HTTP_ACCEPT_LANGUAGE="en").json()["items"] if d["code"] == "living")
    assert living["name"] == "Smart Living (Kehidupan Cerdas)" and living["name_en"] == "Smart Living"
    assert living["elements"][0]["dimension_name"] == "Smart Living"
    weights = client.get(f"{API}/evaluation-years/2024", HTTP_ACCEPT_LANGUAGE="en").json()["weights"]
    assert weights[3]["evaluation_dimension_name"] == "Impact"


def test_catalogues_paginate(client):
    body = client.get(f"{API}/funding-sources", {"limit": 2, "offset": 6}).json()
    assert body["count"] == 7 and len(body["items"]) == 1
    for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}):
        response = client.get(f"{API}/horizons", params)
        assert response.status_code == 422 and response.json()["code"] == "validation_error"


def test_funding_sources_say_which_a_partner_contributes(client):
    """A share from CSR, a sponsor or a KPBU names its stakeholder (programmes check it); APBD's does not."""
    items = client.get(f"{API}/funding-sources").json()["items"]
    assert {i["code"] for i in items if i["from_partner"]} == {"csr", "sponsor", "kpbu"}


def test_the_migration_marks_the_partner_sources():
    from django.apps import apps

    FundingSource.objects.update(from_partner=False)
    migration = importlib.import_module("kotacerdas.framework.migrations.0005_funding_source_from_partner")
    migration.mark_partner_sources(apps, None)
    assert set(FundingSource.objects.filter(from_partner=True).values_list("code", flat=True)) == {"csr", "sponsor", "kpbu"}
