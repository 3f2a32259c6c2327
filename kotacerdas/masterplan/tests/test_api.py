import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.framework.models import Dimension
from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Target
from kotacerdas.masterplan.tests.factories import (
    MasterplanFactory,
    MissionFactory,
    ObjectiveFactory,
    OutputFactory,
    TargetFactory,
    ready_to_legalise,
)

BASE = "/api/v1/cities/81.71"
TUAL = "/api/v1/cities/81.72"


@pytest.fixture
def plan(ambon):
    return MasterplanFactory(city=ambon)


@pytest.fixture
def target(plan):
    return TargetFactory(objective__mission__masterplan=plan, year=2022)


@pytest.fixture
def foreign_target(tual):
    """A target (with its objective, mission and masterplan) of Kota Tual."""
    return TargetFactory(objective__mission__masterplan=MasterplanFactory(city=tual, start_year=2021, end_year=2025), year=2022)


def send(client, method, url, headers, data=None):
    return getattr(client, method)(url, data=json.dumps(data if data is not None else {}), content_type="application/json", headers=headers)


# --- masterplans ------------------------------------------------------------------------------


def test_list_masterplans_paginates(client, api_token, penilai, plan, ambon):
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    body = client.get(f"{BASE}/masterplans?limit=1", headers=api_token(penilai)).json()
    assert body["count"] == 2 and len(body["items"]) == 1 and body["items"][0]["start_year"] == 2025
    assert body["items"][0] | {"id": 0} == {
        "id": 0,
        "version": 1,
        "city_code": "81.71",
        "title": "Masterplan Smart City",
        "start_year": 2025,
        "end_year": 2029,
        "status": "draft",
        "status_label": "Draf",
        "regulation_number": "",
        "regulation_date": None,
        "vision": "Kota yang harmonis, cerdas, dan sejahtera",
        "period_reason": "",
        "revision_open": False,
    }
    assert client.get(f"{BASE}/masterplans?limit=0", headers=api_token(penilai)).status_code == 422


def test_other_city_is_404(client, api_token, koordinator_lain, plan):
    response = client.get(f"{BASE}/masterplans/{plan.pk}", headers=api_token(koordinator_lain))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize("what", ["masterplans", "missions", "objectives", "targets"])
def test_another_citys_record_answers_like_a_missing_one(client, api_token, koordinator, target, foreign_target, what):
    """Kota Tual's records, asked for under Ambon, answer exactly as ids that never existed."""
    objective = foreign_target.objective
    foreign = {
        "masterplans": objective.mission.masterplan_id,
        "missions": objective.mission_id,
        "objectives": objective.pk,
        "targets": foreign_target.pk,
    }[what]
    missing = max(foreign, target.pk, Masterplan.objects.latest("pk").pk) + 1000
    headers = api_token(koordinator)
    answers = []
    for pk in (foreign, missing):
        response = send(client, "patch", f"{BASE}/{what}/{pk}", headers, {})
        answers.append((response.status_code, response.json()["code"], response.json()["message"].replace(str(pk), "ID")))
    assert answers[0] == answers[1] and answers[0][:2] == (404, "not_found")
    assert "Tual" not in answers[0][2]


@pytest.mark.parametrize(
    "persona,status",
    [("koordinator", 201), ("kementerian", 201), ("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)],
)
def test_create_masterplan_by_role(client, api_token, personas, ambon, unchanged, persona, status):
    headers = api_token(personas[persona])
    body = {"title": "Masterplan 2025–2029", "start_year": 2025, "end_year": 2029}
    if status != 201:
        with unchanged():
            response = send(client, "post", f"{BASE}/masterplans", headers, body)
        assert response.status_code == status
        assert response.json()["code"] == {403: "forbidden", 404: "not_found"}[status]
        return
    response = send(client, "post", f"{BASE}/masterplans", headers, body)
    assert response.status_code == 201 and response.json()["status"] == "draft" and response.json()["city_code"] == "81.71"


def test_anonymous_write_is_401_on_a_published_city(client, plan, unchanged):
    plan.city.is_published = True
    plan.city.save()
    with unchanged():
        response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", {}, {"title": "x"})
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "body,status,code,field",
    [
        ({"title": "x", "start_year": 2020, "end_year": 2030}, 400, "period_too_long", "end_year"),
        ({"title": "x", "start_year": 2029, "end_year": 2025}, 400, "range_reversed", "end_year"),
        ({"title": "  ", "start_year": 2025, "end_year": 2029}, 400, "required", "title"),
        ({"title": "x", "start_year": 2020, "end_year": 2024}, 409, "duplicate", "start_year"),
        ({"title": "x", "start_year": 2025, "end_year": 2029, "mayor": "?"}, 422, "validation_error", "mayor"),
        ({"title": "x" * 201, "start_year": 2025, "end_year": 2029}, 422, "validation_error", "title"),
    ],
)
def test_create_refuses_bad_input(client, api_token, koordinator, plan, unchanged, body, status, code, field):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "post", f"{BASE}/masterplans", headers, body)
    assert response.status_code == status and response.json()["code"] == code
    assert response.json()["errors"][0]["field"].split(".")[-1] == field


def test_patch_legalise_needs_regulation_then_advances_city(client, api_token, koordinator, plan, unchanged):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"status": "legalised"})
    assert response.status_code == 400 and response.json()["code"] == "regulation_missing"
    with unchanged():
        response = send(
            client,
            "patch",
            f"{BASE}/masterplans/{plan.pk}",
            headers,
            {"status": "legalised", "regulation_number": "Perwali 1/2099", "regulation_date": "2099-01-01"},
        )
    assert response.status_code == 400 and response.json()["code"] == "date_in_future"
    ready_to_legalise(plan)
    response = send(
        client,
        "patch",
        f"{BASE}/masterplans/{plan.pk}",
        headers,
        {"status": "legalised", "regulation_number": "Perwali Kota Ambon Nomor 17 Tahun 2020", "regulation_date": "2020-06-08"},
    )
    assert response.status_code == 200 and response.json()["status"] == "legalised" and response.json()["status_label"] == "Ditetapkan"
    plan.city.refresh_from_db()
    assert plan.city.stage == "legalised"
    with unchanged():
        response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"regulation_date": None})
    assert response.status_code == 409 and response.json()["code"] == "revision_required"  # legalised: changed only in a revision


def test_patch_null_rules(client, api_token, koordinator, plan, unchanged):
    """The type says whether null is allowed; text is cleared with ""."""
    headers = api_token(koordinator)
    for field in ("title", "vision", "status", "regulation_number", "start_year"):
        with unchanged():
            response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {field: None})
        assert response.status_code == 422 and response.json()["code"] == "validation_error", field
        assert response.json()["errors"][0]["field"].split(".")[-1] == field
    assert send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"vision": ""}).json()["vision"] == ""
    Masterplan.objects.filter(pk=plan.pk).update(regulation_date="2020-06-08")
    assert send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"regulation_date": None}).json()["regulation_date"] is None
    plan.refresh_from_db()
    assert plan.vision == "" and plan.regulation_date is None and plan.title == "Masterplan Smart City"


def test_patch_unknown_status_is_422(client, api_token, koordinator, plan, unchanged):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"status": "approved"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"].split(".")[-1] == "status"


def test_shortening_the_period_is_refused_while_targets_lie_outside(client, api_token, koordinator, plan, target, unchanged):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "patch", f"{BASE}/masterplans/{plan.pk}", headers, {"end_year": 2021})
    assert response.status_code == 409 and response.json()["code"] == "targets_outside_period"


# --- the vision tree ---------------------------------------------------------------------------


def test_vision_tree_shape_and_choice_of_masterplan(client, api_token, penilai, plan, ambon):
    objective = ObjectiveFactory(mission__masterplan=plan, text="Layanan terpadu")
    objective.dimensions.add(Dimension.objects.get(code="governance"))
    TargetFactory(objective=objective, indicator="IKM", value="85", unit="indeks", year=2024)
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    headers = api_token(penilai)
    assert client.get(f"{BASE}/vision", headers=headers).json()["missions"] == []  # the newest is current
    body = client.get(f"{BASE}/vision?masterplan_id={plan.pk}", headers=headers).json()
    assert set(body) == {"masterplan_id", "vision", "missions", "unserved_dimension_codes"}
    assert body["masterplan_id"] == plan.pk
    mission_out = body["missions"][0]
    assert mission_out["masterplan_id"] == plan.pk
    objective_out = mission_out["objectives"][0]
    assert objective_out["text"] == "Layanan terpadu" and objective_out["dimension_codes"] == ["governance"]
    assert objective_out["mission_id"] == objective.mission_id and objective_out["dimension_names"] == [
        Dimension.objects.get(code="governance").name
    ]
    assert objective_out["targets"] == [
        {
            "id": objective.targets.get().pk,
            "version": 1,
            "objective_id": objective.pk,
            "indicator": "IKM",
            "value": "85",
            "unit": "indeks",
            "year": 2024,
        }
    ]
    assert "governance" not in body["unserved_dimension_codes"] and "society" in body["unserved_dimension_codes"]


def test_vision_of_another_citys_masterplan_is_404(client, api_token, penilai, plan, foreign_target):
    response = client.get(f"{BASE}/vision?masterplan_id={foreign_target.objective.mission.masterplan_id}", headers=api_token(penilai))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_vision_tree_writes(client, api_token, koordinator, plan):
    headers = api_token(koordinator)
    mission = send(client, "post", f"{BASE}/masterplans/{plan.pk}/missions", headers, {"text": "Misi tata kelola"}).json()
    response = send(
        client,
        "post",
        f"{BASE}/missions/{mission['id']}/objectives",
        headers,
        {"text": "Tujuan", "dimension_codes": ["governance", "society"]},
    )
    assert response.status_code == 201 and response.json()["dimension_codes"] == ["governance", "society"]
    objective_id = response.json()["id"]
    target = send(
        client, "post", f"{BASE}/objectives/{objective_id}/targets", headers, {"indicator": "IKM", "value": "85", "year": 2024}
    ).json()
    assert send(client, "patch", f"{BASE}/targets/{target['id']}", headers, {"value": "90"}).json()["value"] == "90"
    assert send(client, "patch", f"{BASE}/targets/{target['id']}", headers, {"unit": "", "year": None}).json() | {"id": 0} == {
        "id": 0,
        "version": 3,
        "objective_id": objective_id,
        "indicator": "IKM",
        "value": "90",
        "unit": "",
        "year": None,
    }
    assert send(client, "patch", f"{BASE}/objectives/{objective_id}", headers, {"dimension_codes": ["living"]}).json()[
        "dimension_codes"
    ] == ["living"]
    assert send(client, "patch", f"{BASE}/missions/{mission['id']}", headers, {"text": "Misi baru"}).json()["text"] == "Misi baru"
    assert send(client, "delete", f"{BASE}/targets/{target['id']}", headers).status_code == 204
    assert send(client, "delete", f"{BASE}/objectives/{objective_id}", headers).status_code == 204
    assert send(client, "delete", f"{BASE}/missions/{mission['id']}", headers).status_code == 204
    assert not Mission.objects.exists() and not Objective.objects.exists() and not Target.objects.exists()


def _write_requests(plan, target):
    """Every write of the vision tree, with a valid body."""
    objective, mission = target.objective, target.objective.mission
    return {
        "update_masterplan": ("patch", f"masterplans/{plan.pk}", {"title": "Judul baru"}),
        "create_mission": ("post", f"masterplans/{plan.pk}/missions", {"text": "Misi"}),
        "update_mission": ("patch", f"missions/{mission.pk}", {"text": "Misi"}),
        "delete_mission": ("delete", f"missions/{mission.pk}", None),
        "create_objective": ("post", f"missions/{mission.pk}/objectives", {"text": "Tujuan", "dimension_codes": ["governance"]}),
        "update_objective": ("patch", f"objectives/{objective.pk}", {"text": "Tujuan"}),
        "delete_objective": ("delete", f"objectives/{objective.pk}", None),
        "create_target": ("post", f"objectives/{objective.pk}/targets", {"indicator": "IKM", "value": "85"}),
        "update_target": ("patch", f"targets/{target.pk}", {"value": "90"}),
        "delete_target": ("delete", f"targets/{target.pk}", None),
    }


WRITES = [
    "update_masterplan",
    "create_mission",
    "update_mission",
    "delete_mission",
    "create_objective",
    "update_objective",
    "delete_objective",
    "create_target",
    "update_target",
    "delete_target",
]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize(
    "persona,status,code",
    [
        ("operator_dinkes", 403, "forbidden"),
        ("mitra", 403, "forbidden"),
        ("penilai", 403, "forbidden"),
        ("koordinator_lain", 404, "not_found"),
    ],
)
def test_tree_writes_refused_by_role(client, api_token, personas, plan, target, unchanged, write, persona, status, code):
    method, path, body = _write_requests(plan, target)[write]
    headers = api_token(personas[persona])
    with unchanged():
        response = send(client, method, f"{BASE}/{path}", headers, body)
    assert response.status_code == status and response.json()["code"] == code


@pytest.mark.parametrize("write", WRITES)
def test_tree_writes_of_another_citys_records_are_404(client, api_token, koordinator, plan, target, foreign_target, unchanged, write):
    method, path, body = _write_requests(foreign_target.objective.mission.masterplan, foreign_target)[write]
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, method, f"{BASE}/{path}", headers, body)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "write,body,status,code,field",
    [
        ("create_mission", {"text": " "}, 400, "required", "text"),
        ("create_mission", {"text": "x", "priority": 1}, 422, "validation_error", "priority"),
        ("update_mission", {"text": None}, 422, "validation_error", "text"),
        ("create_objective", {"text": "x", "dimension_codes": ["smart-weather"]}, 400, "unknown_code", "dimension_codes"),
        ("update_objective", {"dimension_codes": ["governance", "smart-weather"]}, 400, "unknown_code", "dimension_codes"),
        ("update_objective", {"dimension_codes": None}, 422, "validation_error", "dimension_codes"),
        ("create_target", {"indicator": "IKM", "value": "85", "year": 2025}, 400, "out_of_range", "year"),
        ("create_target", {"indicator": "IKM"}, 422, "validation_error", "value"),
        ("update_target", {"year": 2030}, 400, "out_of_range", "year"),
        ("update_target", {"indicator": ""}, 400, "required", "indicator"),
        ("update_masterplan", {"start_year": 2010}, 400, "period_too_long", "end_year"),
    ],
)
def test_tree_writes_refuse_bad_input(client, api_token, koordinator, plan, target, unchanged, write, body, status, code, field):
    method, path, _body = _write_requests(plan, target)[write]
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, method, f"{BASE}/{path}", headers, body)
    assert response.status_code == status and response.json()["code"] == code
    assert response.json()["errors"][0]["field"].split(".")[-1] == field


def test_forbidden_role_gets_403_before_an_unknown_code(client, api_token, operator_dinkes, target, unchanged):
    """A role that may not write at all learns nothing from the body's references."""
    headers = api_token(operator_dinkes)
    with unchanged():
        response = send(
            client,
            "post",
            f"{BASE}/missions/{target.objective.mission_id}/objectives",
            headers,
            {"text": "x", "dimension_codes": ["smart-weather"]},
        )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def _count(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers=headers).status_code == 200
    return len(ctx.captured_queries)


def test_api_reads_do_not_grow_with_data(client, api_token, penilai, plan, ambon, django_assert_max_num_queries):
    headers = api_token(penilai)
    urls = [f"{BASE}/vision?masterplan_id={plan.pk}", f"{BASE}/masterplans"]
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
