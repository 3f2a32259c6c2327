import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.bimtek.models import Output, Participant, Workshop
from kotacerdas.bimtek.tests.factories import OutputFactory, ParticipantFactory, WorkshopFactory
from kotacerdas.cities.models import Stage

BASE = "/api/v1/cities/81.71/bimtek"


def send(client, method, path, headers, body=None):
    return getattr(client, method)(path, data=json.dumps(body) if body is not None else None, content_type="application/json", headers=headers)


# --- workshops ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_list_shape(client, api_token, koordinator, bimtek1):
    ParticipantFactory.create_batch(3, workshop=bimtek1, attended=True)
    ParticipantFactory(workshop=bimtek1)
    OutputFactory(workshop=bimtek1)
    body = client.get(BASE, headers=api_token(koordinator)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item | {"id": 0} == item | {
        "id": 0, "masterplan_id": bimtek1.masterplan_id, "number": 1, "roman": "I", "title": bimtek1.title,
        "start_date": "2019-07-16", "end_date": "2019-07-17", "venue": "Hotel Santika Premiere Ambon", "is_held": False,
        "n_participants": 4, "n_attended": 3, "n_outputs": 1, "mentors": [],
    }


@pytest.mark.django_db
def test_create_update_delete(client, api_token, koordinator, masterplan, ambon):
    headers = api_token(koordinator)
    created = send(client, "post", BASE, headers, {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21",
                                                   "venue": "Hotel Santika", "mentors": ["Dr. A – Kominfo", "Dr. B – UGM"]})
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["number"] == 2 and data["mentors"] == ["Dr. A – Kominfo", "Dr. B – UGM"] and data["n_participants"] == 0
    path = f"{BASE}/{data['id']}"
    patched = send(client, "patch", path, headers, {"minutes": "Strategi per dimensi disepakati.", "is_held": True})
    assert patched.status_code == 200 and patched.json()["is_held"] and patched.json()["minutes"] == "Strategi per dimensi disepakati."
    ambon.refresh_from_db()
    assert ambon.stage == Stage.BIMTEK_2
    assert client.get(path, headers=headers).json()["id"] == data["id"]
    assert send(client, "delete", path, headers).status_code == 204
    assert not Workshop.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("body, status, code", [
    ({"number": 5, "start_date": "2019-07-16", "end_date": "2019-07-17"}, 400, "invalid_bimtek_number"),
    ({"number": 1, "start_date": "2019-07-17", "end_date": "2019-07-16"}, 400, "dates_reversed"),
    ({"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17"}, 409, "duplicate_bimtek"),
    ({"number": 2, "start_date": "not a date", "end_date": "2019-07-17"}, 422, "validation_error"),
])
def test_create_errors(client, api_token, koordinator, bimtek1, body, status, code):
    response = send(client, "post", BASE, api_token(koordinator), body)
    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("penilai", 403), ("operator_dinkes", 403), ("mitra", 403), ("koordinator_lain", 404)])
def test_create_forbidden(client, api_token, personas, masterplan, persona, status):
    response = send(client, "post", BASE, api_token(personas[persona]), {"number": 1, "start_date": "2019-07-16", "end_date": "2019-07-17"})
    assert response.status_code == status
    assert response.json()["code"] == ("forbidden" if status == 403 else "not_found")


@pytest.mark.django_db
def test_anonymous_write_is_401_and_unpublished_read_404(client, bimtek1):
    assert send(client, "post", BASE, {}, {"number": 2, "start_date": "2019-08-20", "end_date": "2019-08-21"}).status_code == 404
    bimtek1.masterplan.city.is_published = True
    bimtek1.masterplan.city.save()
    assert client.get(BASE).status_code == 200
    response = send(client, "patch", f"{BASE}/{bimtek1.pk}", {}, {"venue": "x"})
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_checklist_endpoint(client, api_token, koordinator, bimtek1):
    OutputFactory(workshop=bimtek1, kind="vision_keyword", text="harmonis")
    body = client.get(f"{BASE}/{bimtek1.pk}/checklist", headers=api_token(koordinator)).json()
    assert body["number"] == 1 and body["total"] == 5 and body["workshop_id"] == bimtek1.pk
    keywords = next(i for i in body["items"] if i["key"] == "vision_keywords")
    assert keywords["done"] and keywords["count"] == 1 and keywords["missing"] == []


# --- participants ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_participants_crud(client, api_token, koordinator, bimtek1, dinkes):
    headers = api_token(koordinator)
    path = f"{BASE}/{bimtek1.pk}/participants"
    created = send(client, "post", path, headers, {"name": "Wendy Pelupessy", "group": "opd", "opd_id": dinkes.pk})
    assert created.status_code == 201
    p = created.json()
    assert p["organisation"] == "Dinas Kesehatan" and p["attended"] is False
    assert send(client, "patch", f"{path}/{p['id']}", headers, {"attended": True}).json()["attended"] is True
    listed = client.get(path, headers=headers).json()
    assert listed["count"] == 1 and listed["items"][0]["name"] == "Wendy Pelupessy"
    bulk = send(client, "post", f"{path}/attendance", headers, {"absent": [p["id"]]})
    assert bulk.json() == {"changed": 1}
    assert send(client, "delete", f"{path}/{p['id']}", headers).status_code == 204
    assert not Participant.objects.exists()


@pytest.mark.django_db
def test_participant_errors(client, api_token, koordinator, operator_dinkes, bimtek1):
    path = f"{BASE}/{bimtek1.pk}/participants"
    response = send(client, "post", path, api_token(koordinator), {"name": "A", "group": "opd", "opd_id": 99999})
    assert response.status_code == 400 and response.json()["code"] == "unknown_opd"
    assert send(client, "post", path, api_token(operator_dinkes), {"name": "A", "group": "opd"}).status_code == 403
    assert send(client, "patch", f"{path}/99999", api_token(koordinator), {"name": "B"}).status_code == 404


# --- outputs --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_outputs_record_and_shape(client, api_token, operator_dinkes, bimtek1, dinkes):
    path = f"{BASE}/{bimtek1.pk}/outputs"
    created = send(client, "post", path, api_token(operator_dinkes), {
        "kind": "swot", "text": "Puskesmas belum terhubung", "lens": "infrastruktur", "swot_category": "W", "proposed_by_opd_id": dinkes.pk,
    })
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["lens"] == "infrastruktur" and body["swot_category"] == "W" and body["proposer"] == "Dinas Kesehatan"
    assert body["provenance"] == "Diusulkan dalam Bimtek I oleh Dinas Kesehatan" and body["became"] == []
    patched = send(client, "patch", f"{path}/{body['id']}", api_token(operator_dinkes), {"text": "Sebagian puskesmas belum terhubung"})
    assert patched.status_code == 200 and patched.json()["text"] == "Sebagian puskesmas belum terhubung"
    assert send(client, "delete", f"{path}/{body['id']}", api_token(operator_dinkes)).status_code == 204


@pytest.mark.django_db
@pytest.mark.parametrize("persona, body, status, code", [
    ("koordinator", {"kind": "swot", "text": "Tanpa lensa", "swot_category": "S"}, 400, "lens_missing"),
    ("koordinator", {"kind": "programme_idea", "text": "x", "dimension": "smart-food"}, 400, "unknown_dimension"),
    ("operator_dinkes", {"kind": "note", "text": "Usulan Dishub", "proposed_by_opd_id": "DISHUB"}, 403, "forbidden"),
    ("mitra", {"kind": "note", "text": "Tanpa pengusul"}, 403, "forbidden"),
    ("penilai", {"kind": "note", "text": "x"}, 403, "forbidden"),
])
def test_output_errors(client, api_token, personas, bimtek1, dishub, persona, body, status, code):
    if body.get("proposed_by_opd_id") == "DISHUB":
        body["proposed_by_opd_id"] = dishub.pk
    response = send(client, "post", f"{BASE}/{bimtek1.pk}/outputs", api_token(personas[persona]), body)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_adopted_output_cannot_be_deleted(client, api_token, koordinator, bimtek1, masterplan):
    from kotacerdas.readiness.models import GapItem

    output = OutputFactory(workshop=bimtek1, kind="gap", lens_id=1)
    GapItem.objects.create(masterplan=masterplan, lens_id=1, description="SDM TIK kurang", origin=output)
    response = send(client, "delete", f"{BASE}/{bimtek1.pk}/outputs/{output.pk}", api_token(koordinator))
    assert response.status_code == 409 and response.json()["code"] == "output_adopted"
    listed = client.get(f"{BASE}/{bimtek1.pk}/outputs", headers=api_token(koordinator)).json()
    assert listed["items"][0]["became"][0]["kind"] == "gap_item"


# --- pinned query counts of the lists -------------------------------------------------------

def _count_queries(client, path, headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, headers=headers).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_list_query_counts_do_not_grow(client, api_token, koordinator, masterplan, bimtek1, dinkes, bumn, django_assert_num_queries):
    headers = api_token(koordinator)
    ParticipantFactory.create_batch(2, workshop=bimtek1, opd=dinkes)
    OutputFactory(workshop=bimtek1, swot=True, proposed_by_opd=dinkes)
    OutputFactory(workshop=bimtek1, idea=True, proposed_by_stakeholder=bumn)
    paths = [BASE, f"{BASE}/{bimtek1.pk}/participants", f"{BASE}/{bimtek1.pk}/outputs"]
    small = {p: _count_queries(client, p, headers) for p in paths}
    for n in (2, 3, 4):
        WorkshopFactory(masterplan=masterplan, number=n)
    ParticipantFactory.create_batch(78, workshop=bimtek1, opd=dinkes)
    for _ in range(29):
        OutputFactory(workshop=bimtek1, swot=True, proposed_by_opd=dinkes)
        OutputFactory(workshop=bimtek1, idea=True, proposed_by_stakeholder=bumn)
    for path in paths:
        with django_assert_num_queries(small[path]):
            client.get(path + "?limit=100", headers=headers)
    # token lookup and its last-use update, city, masterplan or workshop, count, rows (+ 3 prefetches for outputs)
    assert small == {BASE: 7, paths[1]: 7, paths[2]: 10}


@pytest.mark.django_db
def test_openapi_documents_the_bimtek_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ["/api/v1/cities/{code}/bimtek", "/api/v1/cities/{code}/bimtek/{bimtek_id}/outputs/{oid}",
                 "/api/v1/cities/{code}/bimtek/{bimtek_id}/checklist"]:
        assert path in paths
