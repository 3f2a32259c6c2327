"""The API of the checklist, versions and diffs: answers, codes, permissions, nothing half-written."""

import datetime

import pytest

from kotacerdas.books import versions
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.programmes.models import ProgrammeYear

BASE = "/api/v1/cities/81.71"
ROLES = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]
READERS = {"kementerian", "penilai", "koordinator", "operator_dinkes", "mitra"}  # warga: Ambon is not published here
FREEZERS = {"kementerian", "koordinator"}


def _headers(role, user, api_token):
    return api_token(user) if role != "warga" else {}


def test_checklist(complete, client, koordinator, api_token):
    complete["programmes"][3].lead_opd = None
    complete["programmes"][3].save()
    body = client.get(f"{BASE}/books/checklist", headers=api_token(koordinator)).json()
    assert body["count"] == 1 and body["missing_count"] == 1 and body["inconsistent_count"] == 0
    item = body["items"][0]
    assert item["code"] == "programme_without_lead_opd" and item["book"] == "2" and item["chapter"] == "action_plan"
    assert item["url"].endswith(f"/programmes/{complete['programmes'][3].pk}/edit/")
    assert body["masterplan_id"] == complete["masterplan"].pk


def test_freeze_list_get_and_diff(complete, client, koordinator, api_token):
    headers = api_token(koordinator)
    answer = client.post(f"{BASE}/versions", {"note": "Draf setelah Bimtek III"}, content_type="application/json", headers=headers)
    assert answer.status_code == 201, answer.content
    assert answer.json()["number"] == 1 and answer.json()["snapshot"]["programmes"]
    ProgrammeYear.objects.filter(programme=complete["programmes"][0]).update(budget=5)
    client.post(f"{BASE}/versions", {"note": "Versi final"}, content_type="application/json", headers=headers)
    listed = client.get(f"{BASE}/versions", headers=headers).json()
    assert listed["count"] == 2 and [v["number"] for v in listed["items"]] == [2, 1]
    assert listed["items"][0]["created_by_name"] == "koordinator" and "snapshot" not in listed["items"][0]
    assert client.get(f"{BASE}/versions/2", headers=headers).json()["note"] == "Versi final"
    diff = client.get(f"{BASE}/versions/1/diff/2", headers=headers).json()
    assert diff["change_count"] == 1 and diff["before"] and diff["after"]
    assert diff["programmes"]["changed"][0]["programme_id"] == complete["programmes"][0].pk
    live = client.get(f"{BASE}/versions/2/diff/live", headers=headers).json()
    assert live["change_count"] == 0


@pytest.mark.parametrize("path", ["/versions/9", "/versions/9/diff/live", "/versions/1/diff/9", "/versions/9/diff/1"])
def test_an_unknown_version_is_404_with_a_stable_code(complete, client, koordinator, api_token, path):
    versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"])
    answer = client.get(f"{BASE}{path}", headers=api_token(koordinator))
    assert answer.status_code == 404 and answer.json()["code"] == "version_not_found"


def test_another_city_is_404(complete, client, koordinator_lain, api_token):
    for path in ["/books/checklist", "/versions"]:
        assert client.get(f"{BASE}{path}", headers=api_token(koordinator_lain)).json()["code"] == "not_found"


def test_a_city_without_masterplan(ambon, client, koordinator, api_token):
    headers = api_token(koordinator)
    body = client.get(f"{BASE}/books/checklist", headers=headers).json()
    assert body["masterplan_id"] is None and "no_masterplan" in {i["code"] for i in body["items"]}
    answer = client.post(f"{BASE}/versions", {"note": ""}, content_type="application/json", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (404, "no_masterplan")


def test_a_masterplan_of_another_city_is_an_unknown_reference(complete, tual, client, koordinator, api_token, unchanged):
    from kotacerdas.masterplan.tests.factories import MasterplanFactory

    other = MasterplanFactory(city=tual)
    headers = api_token(koordinator)
    with unchanged():
        answer = client.post(f"{BASE}/versions", {"masterplan_id": other.pk}, content_type="application/json", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (400, "unknown_reference")


def test_marking_needs_a_legalised_masterplan_and_changes_nothing_otherwise(complete, client, koordinator, api_token, unchanged):
    headers = api_token(koordinator)
    versions.version_freeze(actor=koordinator, masterplan=complete["masterplan"])
    with unchanged():
        answer = client.post(f"{BASE}/versions/1/legalise", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (409, "masterplan_not_legalised")
    with unchanged():
        answer = client.post(f"{BASE}/versions", {"legalised": True}, content_type="application/json", headers=headers)
    assert answer.status_code == 409
    plan = complete["masterplan"]
    plan.status, plan.regulation_number, plan.regulation_date = "legalised", "12 Tahun 2020", datetime.date(2020, 3, 1)
    plan.save()
    assert client.post(f"{BASE}/versions/1/legalise", headers=headers).json()["is_legalised"] is True


def test_unknown_fields_and_long_notes_are_refused(complete, client, koordinator, api_token, unchanged):
    headers = api_token(koordinator)
    with unchanged():
        assert client.post(f"{BASE}/versions", {"nota": "x"}, content_type="application/json", headers=headers).status_code == 422
        assert client.post(f"{BASE}/versions", {"note": "x" * 301}, content_type="application/json", headers=headers).status_code == 422


@pytest.mark.parametrize("role", ROLES)
def test_permissions_of_every_persona(role, personas, complete, client, kementerian, api_token, unchanged):
    versions.version_freeze(actor=kementerian, masterplan=complete["masterplan"])
    headers = _headers(role, personas[role], api_token)
    reads = [
        f"{BASE}/books/checklist",
        f"{BASE}/versions",
        f"{BASE}/versions/1",
        f"{BASE}/versions/1/diff/live",
        f"{BASE}/versions/1/diff/1",
    ]
    for path in reads:
        answer = client.get(path, headers=headers)
        assert answer.status_code == (200 if role in READERS else 404), (path, answer.content[:300])
    if role in FREEZERS:
        assert client.post(f"{BASE}/versions", {"note": "Versi final"}, content_type="application/json", headers=headers).status_code == 201
        assert MasterplanVersion.objects.count() == 2
    else:
        expected = 403 if role in READERS else (404 if role == "koordinator_lain" else 401)
        with unchanged():
            answer = client.post(f"{BASE}/versions", {"note": "x"}, content_type="application/json", headers=headers)
            assert answer.status_code in {expected, 404}, answer.content
            assert client.post(f"{BASE}/versions/1/legalise", headers=headers).status_code in {expected, 404}


def test_the_public_reads_a_published_city(complete, client, kementerian):
    complete["city"].is_published = True
    complete["city"].save()
    versions.version_freeze(actor=kementerian, masterplan=complete["masterplan"])
    assert client.get(f"{BASE}/versions").status_code == 200
    assert client.post(f"{BASE}/versions", {"note": "x"}, content_type="application/json").status_code == 401
