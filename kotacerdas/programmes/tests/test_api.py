import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.core.models import AuditEvent
from kotacerdas.programmes.models import Programme, QuickWin
from kotacerdas.programmes.tests.factories import PartnerFactory, ProgrammeFactory, ProgrammeYearFactory, QuickWinFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/cities/81.71"


def _payload(dinkes, **extra):
    return {"name": "Telemedisin", "dimension": "living", "element": "living-health", "lead_opd": dinkes.pk,
            "horizon": "medium", "status": "planned", "start_year": 2021, "end_year": 2022,
            "years": [{"year": 2021, "budget": 100000000, "funding_source": "apbd", "output_indicator": "Konsultasi", "target": 100, "unit": "orang"}],
            **extra}


def _rich(plan, n, prefix):
    for i in range(n):
        programme = ProgrammeFactory(masterplan=plan, name=f"{prefix} {i:03d}", is_quick_win=True)
        ProgrammeYearFactory(programme=programme, year=2021, budget=10)
        ProgrammeYearFactory(programme=programme, year=2022, budget=5)
        PartnerFactory(programme=programme)
        programme.supporting_opds.add(programme.lead_opd)
        QuickWinFactory(programme=programme)


def test_list_shape_and_filters(client, api_token, koordinator, plan, dinkes):
    programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Rekam Medis")
    ProgrammeYearFactory(programme=programme, year=2021, budget=300)
    ProgrammeYearFactory(programme=programme, year=2022, budget=200)
    ProgrammeFactory(masterplan=plan, name="Lain", dimension_id=programme.dimension_id)
    headers = api_token(koordinator)
    body = client.get(f"{API}/programmes", headers=headers).json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["name"] == "Rekam Medis")
    assert item == {"id": programme.pk, "name": "Rekam Medis", "dimension": "living", "element": "living-health",
                    "lead_opd": {"id": dinkes.pk, "short_name": "Dinkes", "name": "Dinas Kesehatan"}, "horizon": "medium",
                    "start_year": 2021, "end_year": 2023, "status": "running", "is_quick_win": False, "budget_total": 500}
    assert client.get(f"{API}/programmes?opd={dinkes.pk}", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/programmes?q=rekam&status=running", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/programmes?funding_source=dak", headers=headers).json()["count"] == 0
    assert client.get(f"{API}/programmes?limit=1&offset=1", headers=headers).json()["count"] == 2
    assert len(client.get(f"{API}/programmes?limit=1", headers=headers).json()["items"]) == 1


@pytest.mark.parametrize("url", ["/programmes", "/programmes/{first}", "/quick-wins", "/programmes/summary"])
def test_query_counts_pinned(url, client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    _rich(plan, 3, "Awal")
    url = API + url.format(first=plan.programmes.first().pk)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url, headers=headers).status_code == 200
    _rich(plan, 60, "Tambahan")
    with CaptureQueriesContext(connection) as after:
        assert client.get(url, headers=headers).status_code == 200
    assert len(after) == len(baseline) <= 14


def test_create_detail_and_audit(client, api_token, koordinator, plan, dinkes, bumn, diskominfo):
    payload = _payload(dinkes, supporting_opds=[diskominfo.pk], partners=[{"stakeholder": bumn.pk, "role": "funder"}],
                       district="81.71.02")
    response = client.post(f"{API}/programmes", payload, content_type="application/json", headers=api_token(koordinator))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["budget_total"] == 100000000 and body["years"][0]["funding_source"] == "apbd"
    assert body["partners"] == [{"stakeholder": {"id": bumn.pk, "name": bumn.name}, "role": "funder"}]
    assert body["supporting_opds"][0]["short_name"] == "Diskominfosandi" and body["district"]["code"] == "81.71.02"
    assert body["origin"] is None and body["quick_win"] is None
    assert AuditEvent.objects.filter(model="programmes.programme", action="create", actor=koordinator).exists()


@pytest.mark.parametrize("change, status, code", [
    ({"start_year": 2018}, 400, "year_outside_period"),
    ({"element": "economy-industry"}, 400, "element_not_in_dimension"),
    ({"element": "nope"}, 400, "unknown_element"),
    ({"dimension": "nope"}, 400, "unknown_dimension"),
    ({"horizon": "nope"}, 400, "unknown_horizon"),
    ({"status": "nope"}, 400, "unknown_status"),
    ({"lead_opd": 999999}, 400, "unknown_opd"),
    ({"district": "81.71"}, 400, "region_outside_city"),
    ({"district": "81.71.02", "village": "81.71.01.1006"}, 400, "village_not_in_district"),
    ({"district": "99.99.99"}, 400, "unknown_region"),
    ({"origin": 999999}, 400, "unknown_origin"),
    ({"partners": [{"stakeholder": 999999, "role": "funder"}]}, 400, "unknown_stakeholder"),
    ({"years": [{"year": 2021, "budget": -1}]}, 400, "negative_budget"),
    ({"years": [{"year": 2021, "funding_source": "hutang"}]}, 400, "unknown_funding_source"),
    ({"start_year": "dua ribu"}, 422, "validation_error"),
])
def test_create_bad_input_has_stable_codes(change, status, code, client, api_token, koordinator, plan, dinkes):
    response = client.post(f"{API}/programmes", _payload(dinkes, **change), content_type="application/json", headers=api_token(koordinator))
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Programme.objects.exists()


def test_duplicate_name_conflict(client, api_token, koordinator, plan, dinkes):
    ProgrammeFactory(masterplan=plan, name="Telemedisin")
    response = client.post(f"{API}/programmes", _payload(dinkes), content_type="application/json", headers=api_token(koordinator))
    assert (response.status_code, response.json()["code"]) == (409, "duplicate_programme")


@pytest.mark.parametrize("persona, status", [
    ("kementerian", 201), ("penilai", 403), ("koordinator", 201), ("operator_dinkes", 201), ("mitra", 403), ("koordinator_lain", 404),
])
def test_create_permissions(persona, status, personas, client, api_token, plan, dinkes):
    response = client.post(f"{API}/programmes", _payload(dinkes), content_type="application/json", headers=api_token(personas[persona]))
    assert response.status_code == status


def test_anonymous_write_is_401(client, plan, dinkes):
    plan.city.is_published = True
    plan.city.save()
    assert client.get(f"{API}/programmes").status_code == 200
    response = client.post(f"{API}/programmes", _payload(dinkes), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_patch_and_operator_limits(client, api_token, operator_dinkes, koordinator, health_programme, dishub):
    url = f"{API}/programmes/{health_programme.pk}"
    headers = api_token(operator_dinkes)
    response = client.patch(url, {"status": "realised", "years": [{"year": 2022, "budget": 7}]}, content_type="application/json", headers=headers)
    assert response.status_code == 200 and response.json()["status"] == "realised" and response.json()["budget_total"] == 7
    response = client.patch(url, {"lead_opd": dishub.pk}, content_type="application/json", headers=headers)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    other = ProgrammeFactory(masterplan=health_programme.masterplan, lead_opd=dishub)
    assert client.patch(f"{API}/programmes/{other.pk}", {"name": "x"}, content_type="application/json", headers=headers).status_code == 403
    assert client.get(f"{API}/programmes/999999", headers=headers).json()["code"] == "not_found"


def test_delete_linked_programme_is_409_then_forced(client, api_token, koordinator, health_programme):
    QuickWinFactory(programme=health_programme, stage="selected")
    headers = api_token(koordinator)
    url = f"{API}/programmes/{health_programme.pk}"
    response = client.delete(url, headers=headers)
    assert (response.status_code, response.json()["code"]) == (409, "programme_linked")
    assert Programme.objects.filter(pk=health_programme.pk).exists()
    assert client.delete(url + "?force=true", headers=headers).status_code == 204
    assert not Programme.objects.filter(pk=health_programme.pk).exists()


def test_quick_win_endpoints(client, api_token, koordinator, operator_dinkes, health_programme):
    url = f"{API}/programmes/{health_programme.pk}/quick-win"
    sheet = {"problem": "Antrean", "innovation": "Daring", "benefit": "Cepat"}
    response = client.put(url, sheet, content_type="application/json", headers=api_token(operator_dinkes))
    assert response.status_code == 200 and response.json()["stage"] == "candidate"
    response = client.put(url, {"stage": "selected"}, content_type="application/json", headers=api_token(operator_dinkes))
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    response = client.put(url, {"scores": {"benefit": 9}}, content_type="application/json", headers=api_token(koordinator))
    assert (response.status_code, response.json()["code"]) == (400, "score_out_of_range")
    response = client.put(url, {"scores": {"benefit": 4, "risk": 3}, "stage": "shortlisted"}, content_type="application/json", headers=api_token(koordinator))
    body = response.json()
    assert response.status_code == 200 and body["total_score"] == 7 and body["stage"] == "shortlisted" and body["problem"] == "Antrean"
    listing = client.get(f"{API}/quick-wins?stage=shortlisted", headers=api_token(koordinator)).json()
    assert listing["count"] == 1 and listing["items"][0]["scores"] == {"benefit": 4, "risk": 3}
    assert client.get(f"{API}/programmes/{health_programme.pk}", headers=api_token(koordinator)).json()["quick_win"]["total_score"] == 7
    assert client.delete(url, headers=api_token(koordinator)).status_code == 204
    assert not QuickWin.objects.exists()


def test_summary_by_dimension(client, api_token, koordinator, plan, ref):
    realised = ProgrammeFactory(masterplan=plan, status=ref.status["realised"])
    ProgrammeYearFactory(programme=realised, year=2021, budget=400)
    ProgrammeFactory(masterplan=plan)
    body = client.get(f"{API}/programmes/summary", headers=api_token(koordinator)).json()
    living = next(row for row in body if row["code"] == "living")
    assert (living["programmes"], living["realised"], living["budget"], living["realisation_ratio"]) == (2, 1, 400, 0.5)
    assert len(body) == 6
