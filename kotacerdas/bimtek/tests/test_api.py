import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.accounts.tests.factories import MentorAssignmentFactory
from kotacerdas.bimtek.models import Participant, Workshop
from kotacerdas.bimtek.tests.factories import MasterplanFactory, OutputFactory, ParticipantFactory, WorkshopFactory
from kotacerdas.cities.models import Stage
from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory

CITY = "/api/v1/cities/81.71"
BASE = f"{CITY}/bimtek"


def send(client, method, path, headers, body=None):
    return getattr(client, method)(
        path, data=json.dumps(body) if body is not None else None, content_type="application/json", headers=headers
    )


def field_of(response) -> str:
    """The field the first error names (a 422 names it under `payload.`)."""
    return response.json()["errors"][0]["field"].split(".")[-1]


@pytest.fixture
def foreign(tual):
    """Kota Tual's bimtek with a participant and an output."""
    workshop = WorkshopFactory(
        masterplan=MasterplanFactory(city=tual, start_year=2021, end_year=2025),
        start_date=datetime.date(2021, 7, 1),
        end_date=datetime.date(2021, 7, 2),
    )
    return {
        "bimtek": workshop,
        "participant": ParticipantFactory(workshop=workshop),
        "output": OutputFactory(workshop=workshop),
        "opd": OpdFactory(city=tual),
        "stakeholder": StakeholderFactory(city=tual),
    }


# --- bimtek ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shape(client, api_token, koordinator, bimtek1):
    ParticipantFactory.create_batch(3, workshop=bimtek1, attended=True)
    ParticipantFactory(workshop=bimtek1)
    OutputFactory(workshop=bimtek1)
    body = client.get(BASE, headers=api_token(koordinator)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item == {
        "id": bimtek1.pk,
        "version": 1,
        "masterplan_id": bimtek1.masterplan_id,
        "number": 1,
        "roman": "I",
        "title": bimtek1.title,
        "start_date": "2019-07-16",
        "end_date": "2019-07-17",
        "venue": "Hotel Santika Premiere Ambon",
        "agenda": "",
        "minutes": "",
        "is_held": False,
        "participant_count": 4,
        "attendee_count": 3,
        "output_count": 1,
        "mentor_ids": [],
        "mentors": [],
    }


@pytest.mark.django_db
def test_list_of_another_masterplan_and_paging(client, api_token, koordinator, bimtek1, ambon):
    newer = MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    headers = api_token(koordinator)
    assert client.get(BASE, headers=headers).json()["count"] == 0  # the newest masterplan is the current one
    assert client.get(f"{BASE}?masterplan_id={bimtek1.masterplan_id}", headers=headers).json()["count"] == 1
    assert client.get(f"{BASE}?masterplan_id={newer.pk}&limit=501", headers=headers).status_code == 422


@pytest.mark.django_db
def test_create_update_delete(client, api_token, koordinator, masterplan, ambon, mentors):
    headers = api_token(koordinator)
    created = send(
        client,
        "post",
        BASE,
        headers,
        {
            "number": 2,
            "start_date": "2019-08-20",
            "end_date": "2019-08-21",
            "venue": "Hotel Santika",
            "mentor_ids": [mentors[1].pk, mentors[0].pk],
        },
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["number"] == 2 and data["participant_count"] == 0
    assert data["mentor_ids"] == [mentors[0].pk, mentors[1].pk]
    assert data["mentors"] == [
        {"id": mentors[0].pk, "name": "Dr. Hendra Contoh", "institution": mentors[0].institution},
        {"id": mentors[1].pk, "name": "Dr. Maria Contoh", "institution": mentors[1].institution},
    ]
    assert data["masterplan_id"] == masterplan.pk
    path = f"{BASE}/{data['id']}"
    patched = send(client, "patch", path, headers, {"minutes": "Strategi per dimensi disepakati.", "is_held": True})
    assert patched.status_code == 200 and patched.json()["is_held"] and patched.json()["minutes"] == "Strategi per dimensi disepakati."
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_2
    assert send(client, "patch", path, headers, {"venue": "", "mentor_ids": []}).json() | {"id": 0} == data | {
        "id": 0,
        "version": 3,
        "venue": "",
        "mentor_ids": [],
        "mentors": [],
        "is_held": True,
        "minutes": "Strategi per dimensi disepakati.",
    }
    assert client.get(path, headers=headers).json()["id"] == data["id"]
    assert send(client, "delete", path, headers).status_code == 204
    assert not Workshop.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, status, code, field",
    [
        ({"number": 5, "start_date": "2019-07-16", "end_date": "2019-07-17"}, 422, "validation_error", "number"),
        ({"number": 1, "start_date": "2019-07-17", "end_date": "2019-07-16"}, 400, "range_reversed", "end_date"),
        ({"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17"}, 409, "duplicate", "number"),
        ({"number": 2, "start_date": "2019-07-10", "end_date": "2019-07-11"}, 409, "out_of_sequence", "start_date"),
        ({"number": 2, "start_date": "2016-07-10", "end_date": "2016-07-11"}, 400, "out_of_range", "start_date"),
        ({"number": 2, "start_date": "2019-08-01", "end_date": "2019-08-20"}, 400, "too_long", "end_date"),
        ({"number": 2, "start_date": "not a date", "end_date": "2019-07-17"}, 422, "validation_error", "start_date"),
        ({"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21", "host": "?"}, 422, "validation_error", "host"),
        (
            {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21", "masterplan_id": 999999},
            400,
            "unknown_reference",
            "masterplan_id",
        ),
    ],
)
def test_create_errors(client, api_token, koordinator, bimtek1, unchanged, body, status, code, field):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "post", BASE, headers, body)
    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["message"] and field_of(response) == field


@pytest.mark.django_db
def test_create_in_another_citys_masterplan_is_refused_like_a_missing_one(client, api_token, koordinator, bimtek1, foreign, unchanged):
    headers = api_token(koordinator)
    answers = []
    for pk in (foreign["bimtek"].masterplan_id, foreign["bimtek"].masterplan_id + 1000):
        with unchanged():
            response = send(
                client, "post", BASE, headers, {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21", "masterplan_id": pk}
            )
        answers.append((response.status_code, response.json()["code"], response.json()["message"].replace(str(pk), "ID")))
    assert answers[0] == answers[1] and answers[0][:2] == (400, "unknown_reference")


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("penilai", 403), ("operator_dinkes", 403), ("mitra", 403), ("koordinator_lain", 404)])
def test_create_forbidden(client, api_token, personas, masterplan, unchanged, persona, status):
    headers = api_token(personas[persona])
    with unchanged():
        # An unknown masterplan id does not tell a role that may not plan bimtek anything: 403 first.
        response = send(
            client, "post", BASE, headers, {"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17", "masterplan_id": 999999}
        )
    assert response.status_code == status
    assert response.json()["code"] == ("forbidden" if status == 403 else "not_found")


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("penilai", 403), ("operator_dinkes", 403), ("mitra", 403), ("koordinator_lain", 404)])
def test_update_and_delete_forbidden(client, api_token, personas, bimtek1, unchanged, persona, status):
    headers = api_token(personas[persona])
    with unchanged():
        assert send(client, "patch", f"{BASE}/{bimtek1.pk}", headers, {"is_held": True, "venue": "x"}).status_code == status
        assert send(client, "patch", f"{BASE}/{bimtek1.pk}", headers, {"is_held": False}).status_code == status
        assert send(client, "delete", f"{BASE}/{bimtek1.pk}", headers).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, status, code, field",
    [
        ({"end_date": "2019-07-01"}, 400, "range_reversed", "end_date"),
        ({"number": None}, 422, "validation_error", "number"),
        ({"title": None}, 422, "validation_error", "title"),
        ({"is_held": None}, 422, "validation_error", "is_held"),
    ],
)
def test_update_errors(client, api_token, koordinator, bimtek1, unchanged, body, status, code, field):
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "patch", f"{BASE}/{bimtek1.pk}", headers, body)
    assert (response.status_code, response.json()["code"], field_of(response)) == (status, code, field)


@pytest.mark.django_db
def test_a_future_bimtek_cannot_be_marked_held_nor_a_held_one_moved_to_the_future(client, api_token, koordinator, ambon, unchanged):
    next_year = datetime.date.today().year + 1
    plan = MasterplanFactory(city=ambon, start_year=next_year, end_year=next_year + 4)
    future = WorkshopFactory(masterplan=plan, start_date=datetime.date(next_year, 7, 1), end_date=datetime.date(next_year, 7, 2))
    held = WorkshopFactory(masterplan=MasterplanFactory(city=ambon), number=1, is_held=True)
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "patch", f"{BASE}/{future.pk}", headers, {"is_held": True})
    assert (response.status_code, response.json()["code"], field_of(response)) == (400, "not_yet_held", "is_held")
    with unchanged():
        response = send(
            client, "patch", f"{BASE}/{held.pk}", headers, {"start_date": f"{next_year}-07-01", "end_date": f"{next_year}-07-02"}
        )
    assert response.status_code == 400 and response.json()["code"] in {"date_in_future", "out_of_range"}


@pytest.mark.django_db
def test_anonymous_write_is_401_and_unpublished_read_404(client, bimtek1, unchanged):
    with unchanged():
        assert send(client, "post", BASE, {}, {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21"}).status_code == 404
    bimtek1.masterplan.city.is_published = True
    bimtek1.masterplan.city.save()
    assert client.get(BASE).status_code == 200
    with unchanged():
        response = send(client, "patch", f"{BASE}/{bimtek1.pk}", {}, {"venue": "x"})
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_checklist_endpoint(client, api_token, koordinator, bimtek1):
    OutputFactory(workshop=bimtek1, kind="vision_keyword", text="harmonis")
    body = client.get(f"{BASE}/{bimtek1.pk}/checklist", headers=api_token(koordinator)).json()
    assert body["number"] == 1 and body["item_count"] == 5 and body["bimtek_id"] == bimtek1.pk and body["done_count"] == 1
    keywords = next(i for i in body["items"] if i["key"] == "vision_keywords")
    assert keywords["done"] and keywords["count"] == 1 and keywords["missing"] == []


# --- another city's records answer like missing ones ------------------------------------------


def _paths(bimtek_id, participant_id, output_id):
    return {
        "bimtek": [
            ("get", f"{BASE}/{bimtek_id}"),
            ("patch", f"{BASE}/{bimtek_id}"),
            ("delete", f"{BASE}/{bimtek_id}"),
            ("get", f"{BASE}/{bimtek_id}/checklist"),
            ("get", f"{BASE}/{bimtek_id}/participants"),
            ("post", f"{BASE}/{bimtek_id}/participants/attendance"),
            ("get", f"{BASE}/{bimtek_id}/outputs"),
        ],
        "participant": [
            ("patch", f"{BASE}/{bimtek_id}/participants/{participant_id}"),
            ("delete", f"{BASE}/{bimtek_id}/participants/{participant_id}"),
        ],
        "output": [("patch", f"{BASE}/{bimtek_id}/outputs/{output_id}"), ("delete", f"{BASE}/{bimtek_id}/outputs/{output_id}")],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["bimtek", "participant", "output"])
def test_another_citys_records_answer_like_missing_ones(client, api_token, koordinator, bimtek1, foreign, unchanged, what):
    headers = api_token(koordinator)
    missing = 10**6
    own = bimtek1.pk if what != "bimtek" else None
    foreign_ids = {"bimtek": foreign["bimtek"].pk, "participant": foreign["participant"].pk, "output": foreign["output"].pk}
    for (method, foreign_path), (_m, missing_path) in zip(
        _paths(foreign_ids["bimtek"] if own is None else own, foreign_ids["participant"], foreign_ids["output"])[what],
        _paths(missing if own is None else own, missing, missing)[what],
        strict=True,
    ):
        answers = []
        for path, pk in ((foreign_path, foreign_ids[what]), (missing_path, missing)):
            with unchanged():
                response = send(client, method, path, headers, {} if method != "get" else None)
            answers.append((response.status_code, response.json()["code"], response.json()["message"].replace(str(pk), "ID")))
        assert answers[0] == answers[1] and answers[0][:2] == (404, "not_found"), (method, foreign_path)


# --- participants ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_participants_crud(client, api_token, koordinator, bimtek1, dinkes):
    headers = api_token(koordinator)
    path = f"{BASE}/{bimtek1.pk}/participants"
    created = send(client, "post", path, headers, {"name": "Wendy Pelupessy", "group": "opd", "opd_id": dinkes.pk})
    assert created.status_code == 201
    p = created.json()
    assert p == {
        "id": p["id"],
        "version": 1,
        "bimtek_id": bimtek1.pk,
        "name": "Wendy Pelupessy",
        "group": "opd",
        "group_label": "staf OPD",
        "organisation": "Dinas Kesehatan",
        "opd_id": dinkes.pk,
        "opd_name": "Dinas Kesehatan",
        "stakeholder_id": None,
        "stakeholder_name": None,
        "attended": False,
    }
    assert send(client, "patch", f"{path}/{p['id']}", headers, {"attended": True}).json()["attended"] is True
    assert send(client, "patch", f"{path}/{p['id']}", headers, {"opd_id": None}).json()["opd_id"] is None
    listed = client.get(f"{path}?group=opd", headers=headers).json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "Wendy Pelupessy"
    assert client.get(f"{path}?group=mentor", headers=headers).json()["count"] == 0
    bulk = send(client, "post", f"{path}/attendance", headers, {"absent_participant_ids": [p["id"]]})
    assert bulk.json() == {"changed_count": 1}
    assert send(client, "delete", f"{path}/{p['id']}", headers).status_code == 204
    assert not Participant.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method, suffix, body, status, code, field",
    [
        ("post", "", {"name": "A", "group": "opd", "opd_id": 999999}, 400, "unknown_reference", "opd_id"),
        ("post", "", {"name": "A", "group": "opd", "opd_id": "FOREIGN_OPD"}, 400, "unknown_reference", "opd_id"),
        ("post", "", {"name": "A", "group": "opd", "stakeholder_id": "FOREIGN_STAKEHOLDER"}, 400, "unknown_reference", "stakeholder_id"),
        ("post", "", {"name": " ", "group": "opd"}, 400, "required", "name"),
        ("post", "", {"name": "A", "group": "guest"}, 422, "validation_error", "group"),
        ("patch", "/OWN", {"name": None}, 422, "validation_error", "name"),
        ("patch", "/OWN", {"stakeholder_id": "FOREIGN_STAKEHOLDER"}, 400, "unknown_reference", "stakeholder_id"),
        (
            "post",
            "/attendance",
            {"attended_participant_ids": ["FOREIGN_PARTICIPANT"]},
            400,
            "unknown_reference",
            "attended_participant_ids",
        ),
        (
            "post",
            "/attendance",
            {"attended_participant_ids": ["OWN"], "absent_participant_ids": ["OWN"]},
            400,
            "attendance_contradicts",
            "attended_participant_ids",
        ),
    ],
)
def test_participant_errors(client, api_token, koordinator, bimtek1, foreign, unchanged, method, suffix, body, status, code, field):
    own = ParticipantFactory(workshop=bimtek1)
    ids = {
        "FOREIGN_OPD": foreign["opd"].pk,
        "FOREIGN_STAKEHOLDER": foreign["stakeholder"].pk,
        "FOREIGN_PARTICIPANT": foreign["participant"].pk,
        "OWN": own.pk,
    }
    body = {k: ([ids.get(v, v) for v in value] if isinstance(value, list) else ids.get(value, value)) for k, value in body.items()}
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, method, f"{BASE}/{bimtek1.pk}/participants{suffix.replace('OWN', str(own.pk))}", headers, body)
    assert (response.status_code, response.json()["code"], field_of(response)) == (status, code, field)
    assert "Tual" not in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("operator_dinkes", 403), ("mitra", 403), ("penilai", 403), ("koordinator_lain", 404)])
def test_participant_writes_forbidden(client, api_token, personas, bimtek1, unchanged, persona, status):
    p = ParticipantFactory(workshop=bimtek1)
    path = f"{BASE}/{bimtek1.pk}/participants"
    headers = api_token(personas[persona])
    with unchanged():
        # Unknown ids in the body do not change the answer for a role that may not write at all.
        assert send(client, "post", path, headers, {"name": "A", "group": "opd", "opd_id": 999999}).status_code == status
        assert send(client, "patch", f"{path}/{p.pk}", headers, {"name": "B"}).status_code == status
        assert send(client, "post", f"{path}/attendance", headers, {"attended_participant_ids": [999999]}).status_code == status
        assert send(client, "delete", f"{path}/{p.pk}", headers).status_code == status


# --- outputs --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_outputs_record_and_shape(client, api_token, operator_dinkes, bimtek1, dinkes):
    path = f"{BASE}/{bimtek1.pk}/outputs"
    created = send(
        client,
        "post",
        path,
        api_token(operator_dinkes),
        {
            "kind": "swot",
            "text": "Puskesmas belum terhubung",
            "lens_code": "infrastruktur",
            "swot_category": "W",
            "proposed_by_opd_id": dinkes.pk,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body | {"id": 0, "created_at": ""} == {
        "id": 0,
        "version": 1,
        "bimtek_id": bimtek1.pk,
        "bimtek_number": 1,
        "kind": "swot",
        "kind_label": "butir SWOT",
        "text": "Puskesmas belum terhubung",
        "dimension_code": None,
        "dimension_name": None,
        "lens_code": "infrastruktur",
        "lens_name": "Infrastruktur",
        "swot_category": "W",
        "swot_category_label": "Kelemahan",
        "proposed_by_opd_id": dinkes.pk,
        "proposed_by_opd_name": "Dinas Kesehatan",
        "proposed_by_stakeholder_id": None,
        "proposed_by_stakeholder_name": None,
        "provenance": "Diusulkan dalam Bimtek I oleh Dinas Kesehatan",
        "programme_ids": [],
        "swot_item_ids": [],
        "gap_item_ids": [],
        "strategy_ids": [],
        "created_at": "",
    }
    patched = send(client, "patch", f"{path}/{body['id']}", api_token(operator_dinkes), {"text": "Sebagian puskesmas belum terhubung"})
    assert patched.status_code == 200 and patched.json()["text"] == "Sebagian puskesmas belum terhubung"
    assert client.get(f"{path}?kind=swot", headers=api_token(operator_dinkes)).json()["count"] == 1
    assert client.get(f"{path}?kind=wish", headers=api_token(operator_dinkes)).status_code == 422
    assert send(client, "delete", f"{path}/{body['id']}", api_token(operator_dinkes)).status_code == 204


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, body, status, code, field",
    [
        ("koordinator", {"kind": "swot", "text": "Tanpa lensa", "swot_category": "S"}, 400, "required", "lens_code"),
        ("koordinator", {"kind": "swot", "text": "Tanpa kategori", "lens_code": "struktur"}, 400, "required", "swot_category"),
        ("koordinator", {"kind": "swot", "text": "?", "lens_code": "lensa", "swot_category": "S"}, 400, "unknown_code", "lens_code"),
        ("koordinator", {"kind": "programme_idea", "text": "x", "dimension_code": "smart-food"}, 400, "unknown_code", "dimension_code"),
        ("koordinator", {"kind": "programme_idea", "text": "Tanpa dimensi"}, 400, "required", "dimension_code"),
        ("koordinator", {"kind": "note", "text": "x", "proposed_by_opd_id": "FOREIGN_OPD"}, 400, "unknown_reference", "proposed_by_opd_id"),
        (
            "koordinator",
            {"kind": "note", "text": "x", "proposed_by_opd_id": "DINKES", "proposed_by_stakeholder_id": "BUMN"},
            400,
            "two_proposers",
            "proposed_by_stakeholder_id",
        ),
        ("koordinator", {"kind": "wish", "text": "x"}, 422, "validation_error", "kind"),
        (
            "koordinator",
            {"kind": "swot", "text": "x", "lens_code": "struktur", "swot_category": "X"},
            422,
            "validation_error",
            "swot_category",
        ),
        ("operator_dinkes", {"kind": "note", "text": "Usulan Dishub", "proposed_by_opd_id": "DISHUB"}, 403, "forbidden", None),
        ("mitra", {"kind": "note", "text": "Tanpa pengusul"}, 403, "forbidden", None),
        ("penilai", {"kind": "note", "text": "x", "proposed_by_opd_id": 999999}, 403, "forbidden", None),
        ("koordinator_lain", {"kind": "note", "text": "x"}, 404, "not_found", None),
    ],
)
def test_output_errors(client, api_token, personas, bimtek1, dinkes, dishub, bumn, foreign, unchanged, persona, body, status, code, field):
    ids = {"DISHUB": dishub.pk, "DINKES": dinkes.pk, "BUMN": bumn.pk, "FOREIGN_OPD": foreign["opd"].pk}
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    headers = api_token(personas[persona])
    with unchanged():
        response = send(client, "post", f"{BASE}/{bimtek1.pk}/outputs", headers, body)
    assert response.status_code == status
    assert response.json()["code"] == code
    if field:
        assert field_of(response) == field


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, body, status, code",
    [
        ("operator_dinkes", {"proposed_by_opd_id": "DISHUB"}, 403, "forbidden"),  # their own output cannot go to another department
        ("mitra", {"text": "x"}, 403, "forbidden"),
        ("penilai", {"text": "x"}, 403, "forbidden"),
        ("koordinator", {"text": None}, 422, "validation_error"),
        ("koordinator", {"kind": "gap"}, 400, "required"),
        ("koordinator", {"proposed_by_stakeholder_id": "FOREIGN_STAKEHOLDER"}, 400, "unknown_reference"),
    ],
)
def test_output_update_and_delete_refused(
    client, api_token, personas, bimtek1, dinkes, dishub, foreign, unchanged, persona, body, status, code
):
    output = OutputFactory(workshop=bimtek1, kind="note", proposed_by_opd=dinkes)
    ids = {"DISHUB": dishub.pk, "FOREIGN_STAKEHOLDER": foreign["stakeholder"].pk}
    body = {k: ids.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    headers = api_token(personas[persona])
    path = f"{BASE}/{bimtek1.pk}/outputs/{output.pk}"
    with unchanged():
        response = send(client, "patch", path, headers, body)
        assert (response.status_code, response.json()["code"]) == (status, code)
        if persona in {"mitra", "penilai"}:
            assert send(client, "delete", path, headers).status_code == 403


@pytest.mark.django_db
def test_adopted_output_cannot_be_deleted(client, api_token, koordinator, bimtek1, masterplan, unchanged):
    from kotacerdas.readiness.models import GapItem

    output = OutputFactory(workshop=bimtek1, kind="gap", lens_id=1)
    gap = GapItem.objects.create(masterplan=masterplan, lens_id=1, description="SDM TIK kurang", origin=output)
    headers = api_token(koordinator)
    with unchanged():
        response = send(client, "delete", f"{BASE}/{bimtek1.pk}/outputs/{output.pk}", headers)
        assert response.status_code == 409 and response.json()["code"] == "still_linked"
        response = send(client, "delete", f"{BASE}/{bimtek1.pk}", headers)
        assert response.status_code == 409 and response.json()["code"] == "still_linked"
    listed = client.get(f"{BASE}/{bimtek1.pk}/outputs", headers=headers).json()
    assert listed["items"][0]["gap_item_ids"] == [gap.pk]


# --- vision keywords ------------------------------------------------------------------------


@pytest.mark.django_db
def test_vision_keywords_of_a_masterplan(client, api_token, penilai, masterplan, bimtek1, dinkes, ambon, foreign):
    bimtek2 = WorkshopFactory(masterplan=masterplan, number=2)
    OutputFactory(workshop=bimtek2, kind="vision_keyword", text="sejahtera")
    OutputFactory(workshop=bimtek1, kind="vision_keyword", text="harmonis", proposed_by_opd=dinkes)
    OutputFactory(workshop=bimtek1, kind="note", text="bukan kata kunci")
    MasterplanFactory(city=ambon, start_year=2025, end_year=2029)
    headers = api_token(penilai)
    assert client.get(f"{CITY}/vision-keywords", headers=headers).json() == {"count": 0, "items": []}  # the newest is current
    body = client.get(f"{CITY}/vision-keywords?masterplan_id={masterplan.pk}&limit=1", headers=headers).json()
    assert body["count"] == 2
    assert body["items"] == [
        {
            "id": body["items"][0]["id"],
            "text": "harmonis",
            "bimtek_id": bimtek1.pk,
            "bimtek_number": 1,
            "proposed_by_opd_id": dinkes.pk,
            "proposed_by_opd_name": "Dinas Kesehatan",
            "proposed_by_stakeholder_id": None,
            "proposed_by_stakeholder_name": None,
        }
    ]
    assert (
        client.get(f"{CITY}/vision-keywords?masterplan_id={masterplan.pk}&offset=1", headers=headers).json()["items"][0]["text"]
        == "sejahtera"
    )
    response = client.get(f"{CITY}/vision-keywords?masterplan_id={foreign['bimtek'].masterplan_id}", headers=headers)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


# --- pinned query counts of the lists -------------------------------------------------------


def _count_queries(client, path, headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, headers=headers).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_query_counts_do_not_grow(
    client, api_token, koordinator, masterplan, bimtek1, dinkes, bumn, mentors, django_assert_num_queries
):
    headers = api_token(koordinator)
    bimtek1.mentors.set(mentors[:1])
    ParticipantFactory.create_batch(2, workshop=bimtek1, opd=dinkes)
    OutputFactory(workshop=bimtek1, swot=True, proposed_by_opd=dinkes)
    OutputFactory(workshop=bimtek1, idea=True, proposed_by_stakeholder=bumn)
    OutputFactory(workshop=bimtek1, kind="vision_keyword", proposed_by_stakeholder=bumn)
    paths = [BASE, f"{BASE}/{bimtek1.pk}/participants", f"{BASE}/{bimtek1.pk}/outputs", f"{CITY}/vision-keywords"]
    client.get(BASE, headers=headers)  # the token's last use is written at most once a minute: not in what follows
    small = {p: _count_queries(client, p, headers) for p in paths}
    for n in (2, 3, 4):
        WorkshopFactory(masterplan=masterplan, number=n).mentors.set(mentors)
    ParticipantFactory.create_batch(78, workshop=bimtek1, opd=dinkes)
    for _ in range(29):
        OutputFactory(workshop=bimtek1, swot=True, proposed_by_opd=dinkes)
        OutputFactory(workshop=bimtek1, idea=True, proposed_by_stakeholder=bumn)
        OutputFactory(workshop=bimtek1, kind="vision_keyword", proposed_by_opd=dinkes)
    for path in paths:
        with django_assert_num_queries(small[path]):
            client.get(path + "?limit=100", headers=headers)
    # token lookup, city, masterplan or workshop, count, rows (+ the mentors of the bimtek, + 4 prefetches for outputs: the plan content they became)
    assert small == {BASE: 7, paths[1]: 6, paths[2]: 10, paths[3]: 6}


@pytest.mark.django_db
def test_openapi_documents_the_bimtek_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/cities/{code}/bimtek",
        "/api/v1/cities/{code}/bimtek/{bimtek_id}/outputs/{output_id}",
        "/api/v1/cities/{code}/bimtek/{bimtek_id}/participants/{participant_id}",
        "/api/v1/cities/{code}/bimtek/{bimtek_id}/checklist",
        "/api/v1/cities/{code}/vision-keywords",
    ]:
        assert path in paths


# --- mentors: people assigned to the city ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mentor_ids, status, code, names",
    [
        ("STRANGER", 400, "mentor_not_assigned", "Dr. Tual Contoh"),
        ([999999], 400, "unknown_reference", "999999"),
        (["a"], 422, "validation_error", None),
    ],
    ids=["assigned-elsewhere", "unknown-id", "not-an-id"],
)
def test_a_bimtek_names_only_mentors_assigned_to_its_city(
    client, api_token, koordinator, masterplan, bimtek1, mentors, tual, unchanged, mentor_ids, status, code, names
):
    stranger = MentorAssignmentFactory(city=tual, mentor__name="Dr. Tual Contoh").mentor
    mentor_ids = [mentors[0].pk, stranger.pk] if mentor_ids == "STRANGER" else mentor_ids
    headers = api_token(koordinator)
    with unchanged():
        created = send(
            client, "post", BASE, headers, {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21", "mentor_ids": mentor_ids}
        )
        patched = send(client, "patch", f"{BASE}/{bimtek1.pk}", headers, {"mentor_ids": mentor_ids})
    for response in (created, patched):
        error = response.json()
        assert response.status_code == status and error["code"] == code, error
        assert error["errors"][0]["field"].endswith("mentor_ids")
        assert names is None or names in error["message"]
