"""The API of mentors and their city assignments (docs/api.md): the ministry writes, the register is the
ministry's and its assessors' to read, a city's assignments are readable by those who see the city."""

import json

import pytest

from kotacerdas.accounts.models import Mentor, MentorAssignment, Role
from kotacerdas.accounts.tests.factories import MentorAssignmentFactory, MentorFactory, UserFactory
from kotacerdas.bimtek.tests.factories import MasterplanFactory, WorkshopFactory

MENTORS = "/api/v1/mentors"
ASSIGNMENTS = "/api/v1/mentor-assignments"


def send(client, method, path, headers, body=None, **extra):
    return getattr(client, method)(
        path, data=json.dumps(body) if body is not None else None, content_type="application/json", headers=headers | extra
    )


@pytest.fixture
def hendra(db):
    return MentorFactory(name="Dr. Hendra Contoh", institution="Komdigi", expertise="Tata kelola")


@pytest.mark.django_db
def test_ministry_registers_assigns_changes_and_removes(client, api_token, kementerian, ambon):
    headers = api_token(kementerian)
    account = UserFactory(username="pembimbing", role=Role.MENTOR)
    created = send(client, "post", MENTORS, headers, {"name": "Dr. Maria Contoh", "institution": "Unpatti", "user_id": account.pk})
    assert created.status_code == 201, created.content
    mentor = created.json()
    assert mentor | {"id": 0} == {
        "id": 0,
        "version": 1,
        "name": "Dr. Maria Contoh",
        "institution": "Unpatti",
        "expertise": "",
        "email": "",
        "user_id": account.pk,
        "cities": [],
    }
    assigned = send(client, "post", ASSIGNMENTS, headers, {"mentor_id": mentor["id"], "city_code": "81.71", "from_year": 2019})
    assert assigned.status_code == 201, assigned.content
    assignment = assigned.json()
    assert assignment | {"id": 0} == {
        "id": 0,
        "version": 1,
        "mentor_id": mentor["id"],
        "mentor_name": "Dr. Maria Contoh",
        "city_code": "81.71",
        "city_name": ambon.name,
        "from_year": 2019,
        "to_year": None,
    }
    path = f"{ASSIGNMENTS}/{assignment['id']}"
    got = client.get(path, headers=headers)
    assert got.json() == assignment and got["ETag"] == '"1"'
    patched = send(client, "patch", path, headers, {"to_year": 2024}, if_match='"1"')
    assert patched.status_code == 200 and patched.json()["to_year"] == 2024 and patched["ETag"] == '"2"'
    stale = send(client, "patch", path, headers, {"to_year": 2025}, if_match='"1"')
    assert stale.status_code == 412 and stale.json()["code"] == "version_conflict"
    assert MentorAssignment.objects.get().to_year == 2024
    one = client.get(f"{MENTORS}/{mentor['id']}", headers=headers).json()
    assert one["cities"] == [
        {"assignment_id": assignment["id"], "city_code": "81.71", "city_name": ambon.name, "from_year": 2019, "to_year": 2024}
    ]
    renamed = send(client, "patch", f"{MENTORS}/{mentor['id']}", headers, {"expertise": "Perencanaan", "user_id": None}, if_match='"1"')
    assert renamed.status_code == 200 and renamed.json()["user_id"] is None and renamed.json()["version"] == 2
    refused = send(client, "delete", f"{MENTORS}/{mentor['id']}", headers)
    assert refused.status_code == 409 and refused.json()["code"] == "still_linked"
    assert send(client, "delete", path, headers).status_code == 204
    assert send(client, "delete", f"{MENTORS}/{mentor['id']}", headers).status_code == 204
    assert not Mentor.objects.exists() and not MentorAssignment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, body, status, code, field",
    [
        (ASSIGNMENTS, {"mentor_id": 999999, "city_code": "81.71", "from_year": 2019}, 400, "unknown_reference", "mentor_id"),
        (ASSIGNMENTS, {"mentor_id": "HENDRA", "city_code": "99.99", "from_year": 2019}, 400, "unknown_reference", "city_code"),
        (ASSIGNMENTS, {"mentor_id": "HENDRA", "city_code": "81.71", "from_year": 2019}, 409, "duplicate", "mentor_id"),
        (ASSIGNMENTS, {"mentor_id": "HENDRA", "city_code": "81.72", "from_year": 2020, "to_year": 2019}, 400, "range_reversed", "to_year"),
        (ASSIGNMENTS, {"mentor_id": "HENDRA", "city_code": "81.72", "from_year": 2016}, 422, "validation_error", "from_year"),
        (MENTORS, {"name": "DR. HENDRA CONTOH"}, 409, "duplicate", "name"),
        (MENTORS, {"name": "Baru", "user_id": 999999}, 400, "unknown_reference", "user_id"),
        (MENTORS, {"name": "Baru", "user_id": "PENILAI"}, 400, "not_a_mentor", "user_id"),
        (MENTORS, {"name": "Baru", "nickname": "x"}, 422, "validation_error", "nickname"),
    ],
)
def test_bad_input_answers_a_stable_code_and_writes_nothing(
    client, api_token, kementerian, penilai, ambon, tual, hendra, unchanged, path, body, status, code, field
):
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    headers = api_token(kementerian)
    body = {k: {"HENDRA": hendra.pk, "PENILAI": penilai.pk}.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    with unchanged():
        response = send(client, "post", path, headers, body)
    error = response.json()
    assert response.status_code == status and error["code"] == code, error
    assert field in {e["field"].split(".")[-1] for e in error["errors"]} | {error["errors"][0]["field"] if error["errors"] else None}
    assert error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["penilai", "koordinator", "operator_dinkes", "mitra"])
def test_only_the_ministry_writes(client, api_token, personas, persona, ambon, hendra, unchanged):
    assignment = MentorAssignmentFactory(mentor=hendra, city=ambon)
    headers = api_token(personas[persona])
    with unchanged():
        for method, path, body in [
            ("post", MENTORS, {"name": "Baru"}),
            ("patch", f"{MENTORS}/{hendra.pk}", {"name": "Lain"}),
            ("delete", f"{MENTORS}/{hendra.pk}", None),
            ("post", ASSIGNMENTS, {"mentor_id": hendra.pk, "city_code": "81.72", "from_year": 2020}),
            ("patch", f"{ASSIGNMENTS}/{assignment.pk}", {"to_year": 2030}),
            ("delete", f"{ASSIGNMENTS}/{assignment.pk}", None),
        ]:
            response = send(client, method, path, headers, body)
            assert response.status_code == 403 and response.json()["code"] == "forbidden", (method, path, response.status_code)


@pytest.mark.django_db
def test_who_reads_what(client, api_token, personas, ambon, tual, hendra):
    MentorAssignmentFactory(mentor=hendra, city=ambon)
    MentorAssignmentFactory(mentor__name="Dr. Tual Contoh", city=tual)
    assert client.get(MENTORS).status_code == 401 and client.get(ASSIGNMENTS).status_code == 401
    assert client.get(MENTORS, headers=api_token(personas["penilai"])).json()["count"] == 2
    assert client.get(MENTORS, headers=api_token(personas["koordinator"])).status_code == 403
    coordinator = api_token(personas["koordinator"])
    assert [a["mentor_name"] for a in client.get(ASSIGNMENTS, headers=coordinator).json()["items"]] == ["Dr. Hendra Contoh"]
    assert client.get(f"{ASSIGNMENTS}?city_code=81.72", headers=coordinator).status_code == 404
    other = MentorAssignment.objects.get(city=tual)
    assert client.get(f"{ASSIGNMENTS}/{other.pk}", headers=coordinator).status_code == 404
    assert client.get(f"{ASSIGNMENTS}?city_code=81.72", headers=api_token(personas["kementerian"])).json()["count"] == 1


@pytest.mark.django_db
def test_unassigning_a_mentor_of_the_citys_bimtek_is_refused(client, api_token, kementerian, ambon, hendra, unchanged):
    assignment = MentorAssignmentFactory(mentor=hendra, city=ambon)
    WorkshopFactory(masterplan=MasterplanFactory(city=ambon), number=1).mentors.set([hendra])
    headers = api_token(kementerian)
    with unchanged():
        response = send(client, "delete", f"{ASSIGNMENTS}/{assignment.pk}", headers)
    assert response.status_code == 409 and response.json()["code"] == "still_linked"


@pytest.mark.django_db
def test_list_query_counts_do_not_grow(client, api_token, kementerian, ambon, tual, django_assert_max_num_queries):
    headers = api_token(kementerian)
    for _n in range(40):
        mentor = MentorFactory()
        MentorAssignmentFactory(mentor=mentor, city=ambon)
        MentorAssignmentFactory(mentor=mentor, city=tual)
    with django_assert_max_num_queries(5):
        assert client.get(f"{MENTORS}?limit=100", headers=headers).json()["count"] == 40
    with django_assert_max_num_queries(4):
        assert client.get(f"{ASSIGNMENTS}?limit=100", headers=headers).json()["count"] == 80
