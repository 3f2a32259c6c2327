"""API: shapes, status codes, stable error codes, pinned query counts."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.alignment.models import ProgrammeLink
from kotacerdas.alignment.tests.bulk import populate
from kotacerdas.alignment.tests.factories import ProgrammeFactory, ProgrammeLinkFactory

BASE = "/api/v1/cities/81.71"
CHECK_CODES = ["programme_without_rpjmd", "programme_without_budget", "programme_without_lead_opd", "dimension_without_programme",
               "element_without_programme", "gap_without_programme", "rpjmd_programme_without_programme"]


@pytest.fixture
def as_koordinator(client, api_token, koordinator):
    headers = api_token(koordinator)

    def call(method, path, payload=None):
        kwargs = {"content_type": "application/json", "data": payload} if payload is not None else {}
        return getattr(client, method)(BASE + path, headers=headers, **kwargs)

    return call


def test_gaps_shape(as_koordinator, programme_dinkes):
    body = as_koordinator("get", "/alignment/gaps").json()
    assert [c["code"] for c in body["checks"]] == CHECK_CODES
    first = body["checks"][0]
    assert set(first) == {"code", "title", "description", "informational", "count", "url", "items"}
    assert first["count"] == 1 and first["items"] == [{"id": programme_dinkes.pk, "code": None, "name": "Puskesmas Daring",
                                                       "detail": first["items"][0]["detail"]}]
    assert first["url"].endswith("/cities/81.71/alignment/gaps/#check-programme_without_rpjmd")
    dims = body["checks"][3]
    assert dims["count"] == 5 and {"id", "code", "name", "detail"} == set(dims["items"][0])


def test_gaps_of_a_hidden_city_are_404(client, ambon):
    response = client.get(BASE + "/alignment/gaps")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_matrix_shape(as_koordinator, programme_dinkes, rpjmd_programme):
    link = ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    body = as_koordinator("get", "/alignment/matrix").json()
    assert body["columns"] == [{"kind": "rpjmd", "label": body["columns"][0]["label"]}]
    assert body["count"] == 1
    row = body["items"][0]
    assert row["programme"] == {"id": programme_dinkes.pk, "name": "Puskesmas Daring", "dimension": "governance",
                                "element": "governance-public-service", "lead_opd": "Dinkes"}
    assert row["cells"]["rpjmd"] == [{"link_id": link.pk, "plan_item_id": rpjmd_programme.pk, "kind": "programme", "code": "1.02.02",
                                      "text": rpjmd_programme.text, "document_id": rpjmd_programme.document_id,
                                      "document_title": "RPJMD Kota Ambon 2017–2022", "other_department": False}]


def test_plan_crud(as_koordinator, dinkes):
    created = as_koordinator("post", "/plans", {"kind": "renstra", "title": "Renstra Dinas Kesehatan 2017–2022", "start_year": 2017,
                                                "end_year": 2022, "opd_id": dinkes.pk})
    assert created.status_code == 201
    plan = created.json()
    assert plan["opd"] == "Dinkes" and plan["n_items"] == 0
    listed = as_koordinator("get", "/plans").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == plan["id"]
    patched = as_koordinator("patch", f"/plans/{plan['id']}", {"legal_basis": "Perwali Nomor 12 Tahun 2017"})
    assert patched.status_code == 200 and patched.json()["legal_basis"] == "Perwali Nomor 12 Tahun 2017"
    assert as_koordinator("get", f"/plans/{plan['id']}").json()["title"] == "Renstra Dinas Kesehatan 2017–2022"
    assert as_koordinator("delete", f"/plans/{plan['id']}").status_code == 204
    assert as_koordinator("get", f"/plans/{plan['id']}").status_code == 404


@pytest.mark.parametrize("payload, status, code", [
    ({"kind": "renstra", "title": "Renstra", "start_year": 2017, "end_year": 2022}, 400, "opd_required"),
    ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2022, "end_year": 2017}, 400, "years_reversed"),
    ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2017, "end_year": 2022, "opd_id": 999999}, 400, "unknown_opd"),
    ({"kind": "rencana", "title": "RPJMD", "start_year": 2017, "end_year": 2022}, 400, "invalid_kind"),
    ({"kind": "rpjmd", "title": "RPJMD"}, 422, "validation_error"),
])
def test_plan_errors(as_koordinator, ambon, payload, status, code):
    response = as_koordinator("post", "/plans", payload)
    assert response.status_code == status and response.json()["code"] == code


def test_plan_writes_forbidden_for_operator(client, api_token, operator_dinkes, rpjmd):
    headers = api_token(operator_dinkes)
    response = client.post(BASE + "/plans", {"kind": "rpjmd", "title": "x", "start_year": 2023, "end_year": 2026},
                           content_type="application/json", headers=headers)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert client.delete(f"{BASE}/plans/{rpjmd.pk}", headers=headers).status_code == 403


def test_anonymous_write_is_401(client, ambon):
    ambon.is_published = True
    ambon.save()
    response = client.post(BASE + "/plans", {"kind": "rpjmd", "title": "x", "start_year": 2023, "end_year": 2026}, content_type="application/json")
    assert response.status_code == 401


def test_item_crud_and_errors(as_koordinator, rpjmd_programme, programme_dinkes):
    doc = rpjmd_programme.document_id
    created = as_koordinator("post", f"/plans/{doc}/items", {"kind": "activity", "code": "1.02.02.2.01", "text": "Penyediaan Fasilitas",
                                                               "parent_id": rpjmd_programme.pk})
    assert created.status_code == 201
    item = created.json()
    assert item["parent_id"] == rpjmd_programme.pk and item["n_links"] == 0 and item["order"] == 1
    invalid = as_koordinator("post", f"/plans/{doc}/items", {"kind": "programme", "code": "2.16", "text": "x"})
    assert invalid.status_code == 400 and invalid.json()["code"] == "invalid_code" and invalid.json()["errors"][0]["field"] == "code"
    duplicate = as_koordinator("post", f"/plans/{doc}/items", {"kind": "programme", "code": "1.02.02", "text": "x"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_code"
    patched = as_koordinator("patch", f"/plans/{doc}/items/{item['id']}", {"text": "Penyediaan Fasilitas Pelayanan Kesehatan"})
    assert patched.json()["text"] == "Penyediaan Fasilitas Pelayanan Kesehatan"
    listed = as_koordinator("get", f"/plans/{doc}/items?kind=activity").json()
    assert listed["count"] == 1
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    linked = as_koordinator("delete", f"/plans/{doc}/items/{rpjmd_programme.pk}")
    assert linked.status_code == 409 and linked.json()["code"] == "still_linked"
    assert as_koordinator("delete", f"/plans/{doc}/items/{item['id']}").status_code == 204


def test_links(as_koordinator, programme_dinkes, rpjmd_programme):
    payload = {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk, "note": "misi 2"}
    created = as_koordinator("post", "/alignment/links", payload)
    assert created.status_code == 201
    body = created.json()
    assert body["plan_item_code"] == "1.02.02" and body["document_kind"] == "rpjmd" and body["note"] == "misi 2"
    again = as_koordinator("post", "/alignment/links", payload)
    assert again.status_code == 409 and again.json()["code"] == "duplicate_link"
    assert as_koordinator("get", f"/alignment/links?programme_id={programme_dinkes.pk}").json()["count"] == 1
    assert as_koordinator("delete", f"/alignment/links/{body['id']}").status_code == 204
    assert not ProgrammeLink.objects.exists()


def test_link_to_another_citys_programme_is_other_city(client, api_token, kementerian, tual, rpjmd_programme):
    programme = ProgrammeFactory(masterplan__city=tual)
    response = client.post(BASE + "/alignment/links", {"programme_id": programme.pk, "plan_item_id": rpjmd_programme.pk},
                           content_type="application/json", headers=api_token(kementerian))
    assert response.status_code == 400 and response.json()["code"] == "other_city"


def test_link_of_an_invisible_programme_is_404(as_koordinator, tual, rpjmd_programme):
    programme = ProgrammeFactory(masterplan__city=tual)
    response = as_koordinator("post", "/alignment/links", {"programme_id": programme.pk, "plan_item_id": rpjmd_programme.pk})
    assert response.status_code == 404


def test_operator_links_only_own_programmes(client, api_token, operator_dinkes, programme_dinkes, programme_dishub, rpjmd_programme):
    headers = api_token(operator_dinkes)
    own = client.post(BASE + "/alignment/links", {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk},
                      content_type="application/json", headers=headers)
    assert own.status_code == 201
    other = client.post(BASE + "/alignment/links", {"programme_id": programme_dishub.pk, "plan_item_id": rpjmd_programme.pk},
                        content_type="application/json", headers=headers)
    assert other.status_code == 403


def test_api_read_query_counts_do_not_grow(client, api_token, koordinator, ambon, masterplan, dinkes):
    headers = api_token(koordinator)
    rpjmd = populate(ambon, masterplan, dinkes, programmes=3, items=3)
    paths = ["/alignment/gaps", "/alignment/matrix", "/plans", f"/plans/{rpjmd.pk}/items", "/alignment/links"]

    def measure():
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(BASE + path, headers=headers).status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    small = measure()
    populate(ambon, masterplan, dinkes, programmes=50, items=100)
    large = measure()
    assert all(big <= few for big, few in zip(large, small)), (small, large)
    assert small == [20, 9, 6, 7, 6]
