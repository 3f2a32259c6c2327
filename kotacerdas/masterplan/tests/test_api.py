import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Mission, Objective, Target
from kotacerdas.masterplan.tests.factories import MasterplanFactory, MissionFactory, ObjectiveFactory, OutputFactory, TargetFactory

BASE = "/api/v1/cities/81.71"


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


def send(client, method, url, headers, data=None):
    return getattr(client, method)(url, data=json.dumps(data or {}), content_type="application/json", headers=headers)


def test_list_masterplans_paginates(client, api_token, penilai, plan, ambon):
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    body = client.get(f"{BASE}/masterplans?limit=1", headers=api_token(penilai)).json()
    assert body["count"] == 2 and len(body["items"]) == 1 and body["items"][0]["start_year"] == 2025
    assert set(body["items"][0]) == {"id", "city", "title", "start_year", "end_year", "status", "regulation_number", "regulation_date", "vision"}


def test_other_city_is_404(client, api_token, koordinator_lain, plan):
    response = client.get(f"{BASE}/masterplans/{plan.pk}", headers=api_token(koordinator_lain))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("persona,status", [("koordinator", 201), ("kementerian", 201), ("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_create_masterplan_by_role(client, api_token, personas, ambon, persona, status):
    response = send(client, "post", f"{BASE}/masterplans", api_token(personas[persona]), {"title": "Masterplan 2025–2029", "start_year": 2025, "end_year": 2029})
    assert response.status_code == status
    if status == 201:
        assert response.json()["status"] == "draft"
    elif status == 403:
        assert response.json()["code"] == "forbidden"


def test_anonymous_write_is_401_on_a_published_city(client, plan):
    plan.city.is_published = True
    plan.city.save()
    response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", {}, {"title": "x"})
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_create_refuses_eleven_years(client, api_token, koordinator, ambon):
    response = send(client, "post", f"{BASE}/masterplans", api_token(koordinator), {"title": "x", "start_year": 2020, "end_year": 2030})
    assert response.status_code == 400 and response.json()["code"] == "period_too_long"
    assert response.json()["errors"][0]["field"] == "end_year"


def test_patch_legalise_needs_regulation_then_advances_city(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"status": "legalised"})
    assert response.status_code == 400 and response.json()["code"] == "regulation_missing"
    response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers,
                    {"status": "legalised", "regulation_number": "Perwali Kota Ambon Nomor 17 Tahun 2020", "regulation_date": "2020-06-08"})
    assert response.status_code == 200 and response.json()["status"] == "legalised"
    plan.city.refresh_from_db()
    assert plan.city.stage == "legalised"


def test_patch_unknown_status_is_400(client, api_token, koordinator, plan):
    response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", api_token(koordinator), {"status": "approved"})
    assert response.status_code == 400 and response.json()["code"] == "unknown_status"


def test_vision_tree_shape_and_choice_of_masterplan(client, api_token, penilai, plan, ambon, dinkes):
    objective = ObjectiveFactory(mission__masterplan=plan, text="Layanan terpadu")
    objective.dimensions.add(Dimension.objects.get(code="governance"))
    TargetFactory(objective=objective, indicator="IKM", value="85", unit="indeks", year=2024)
    OutputFactory(workshop__masterplan=plan, text="harmonis", proposed_by_opd=dinkes)
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    headers = api_token(penilai)
    assert client.get(f"{BASE}/vision", headers=headers).json()["missions"] == []  # the newest is current
    body = client.get(f"{BASE}/vision?masterplan={plan.pk}", headers=headers).json()
    objective_out = body["missions"][0]["objectives"][0]
    assert objective_out["text"] == "Layanan terpadu" and objective_out["dimensions"] == ["governance"]
    assert objective_out["targets"] == [{"id": objective.targets.get().pk, "indicator": "IKM", "value": "85", "unit": "indeks", "year": 2024}]
    assert "governance" not in body["unserved_dimensions"] and "society" in body["unserved_dimensions"]
    assert body["keywords"][0] == {"id": body["keywords"][0]["id"], "text": "harmonis", "bimtek": 1, "proposed_by": "Dinas Kesehatan"}


def test_vision_tree_writes(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    mission = send(client, "post", f"{BASE}/masterplans/{plan.pk}/missions", headers, {"text": "Misi tata kelola"}).json()
    response = send(client, "post", f"{BASE}/missions/{mission['id']}/objectives", headers, {"text": "Tujuan", "dimensions": ["governance", "society"]})
    assert response.status_code == 201 and response.json()["dimensions"] == ["governance", "society"]
    objective_id = response.json()["id"]
    response = send(client, "post", f"{BASE}/objectives/{objective_id}/targets", headers, {"indicator": "IKM", "value": "85", "year": 2025})
    assert response.status_code == 400 and response.json()["code"] == "year_outside_period"
    target = send(client, "post", f"{BASE}/objectives/{objective_id}/targets", headers, {"indicator": "IKM", "value": "85", "year": 2024}).json()
    assert send(client, "patch", f"{BASE}/targets/{target['id']}", headers, {"value": "90"}).json()["value"] == "90"
    assert send(client, "patch", f"{BASE}/objectives/{objective_id}", headers, {"dimensions": ["living"]}).json()["dimensions"] == ["living"]
    assert send(client, "patch", f"{BASE}/missions/{mission['id']}", headers, {"text": "Misi baru"}).json()["text"] == "Misi baru"
    assert send(client, "delete", f"{BASE}/targets/{target['id']}", headers).status_code == 204
    assert send(client, "delete", f"{BASE}/objectives/{objective_id}", headers).status_code == 204
    assert send(client, "delete", f"{BASE}/missions/{mission['id']}", headers).status_code == 204
    assert not Mission.objects.exists() and not Objective.objects.exists() and not Target.objects.exists()


def test_unknown_dimension_is_400(client, api_token, koordinator, plan):
    mission = MissionFactory(masterplan=plan)
    response = send(client, "post", f"{BASE}/missions/{mission.pk}/objectives", api_token(koordinator), {"text": "x", "dimensions": ["smart-weather"]})
    assert response.status_code == 400 and response.json()["code"] == "unknown_dimension"


@pytest.mark.parametrize("persona,status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_tree_writes_refused(client, api_token, personas, plan, persona, status):
    mission = MissionFactory(masterplan=plan)
    headers = api_token(personas[persona])
    assert send(client, "post", f"{BASE}/masterplans/{plan.pk}/missions", headers, {"text": "x"}).status_code == status
    assert send(client, "delete", f"{BASE}/missions/{mission.pk}", headers).status_code == status
    assert Mission.objects.count() == 1


def _count(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers=headers).status_code == 200
    return len(ctx.captured_queries)


def test_api_reads_do_not_grow_with_data(client, api_token, penilai, plan, ambon, django_assert_max_num_queries):
    headers = api_token(penilai)
    urls = [f"{BASE}/vision?masterplan={plan.pk}", f"{BASE}/masterplans"]
    objective = ObjectiveFactory(mission__masterplan=plan)
    TargetFactory(objective=objective)
    OutputFactory(workshop__masterplan=plan)
    few = [_count(client, u, headers) for u in urls]
    dimensions = list(Dimension.objects.all())
    for _ in range(5):
        mission = MissionFactory(masterplan=plan)
        for _ in range(4):
            o = ObjectiveFactory(mission=mission)
            o.dimensions.set(dimensions[:3])
            TargetFactory.create_batch(3, objective=o)
    OutputFactory.create_batch(10, workshop=plan.workshops.get())
    for year in (2005, 2010, 2015, 2025):
        MasterplanFactory(city=ambon, start_year=year, end_year=year + 4)
    assert [_count(client, u, headers) for u in urls] == few
    with django_assert_max_num_queries(10):
        client.get(urls[0], headers=headers)
