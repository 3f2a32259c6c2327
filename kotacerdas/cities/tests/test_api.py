"""API of the cities app: payloads, every role × write, error codes, query counts, OpenAPI."""
import pytest

from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.cities.tests.factories import BodyMemberFactory, OpdFactory, SignatoryFactory, StakeholderFactory
from kotacerdas.cities.tests.rights import MANAGERS, OPD_EDITORS, PERSONAS, READERS, STAKEHOLDER_EDITORS
from kotacerdas.core.models import AuditEvent

API = "/api/v1/cities"


@pytest.fixture
def call(client, api_token):
    """`call(persona_user, method, path, json=None)`: a request with the persona's bearer token (none for the public)."""

    def _call(user, method, path, json=None):
        headers = api_token(user) if user.is_authenticated else {}
        kwargs = {"content_type": "application/json", "data": json} if json is not None else {}
        return getattr(client, method)(f"{API}{path}", headers=headers, **kwargs)

    return _call


def test_city_list_is_paginated_and_scoped(call, personas, world, tual):
    body = call(personas["penilai"], "get", "?limit=1").json()
    assert body["count"] == 2 and len(body["items"]) == 1
    assert body["items"][0]["code"] == "81.71" and body["items"][0]["n_opds"] == 3
    own = call(personas["koordinator"], "get", "").json()
    assert [c["code"] for c in own["items"]] == ["81.71"]
    assert call(personas["warga"], "get", "").json() == {"count": 0, "items": []}


def test_city_detail_has_participation_stage_events_and_counts(call, personas, world):
    data = call(personas["koordinator"], "get", "/81.71").json()
    assert data["code"] == "81.71" and data["name"] == "Kota Ambon" and data["province"] == "Maluku"
    assert data["cohort_year"] == 2019 and data["stage"] == Stage.SELECTED
    assert [e["stage"] for e in data["stage_events"]] == ["selected"]
    assert data["counts"] == {"opds": 3, "bodies": 1, "body_members": 1, "stakeholders": 2, "commitments": 1, "signatories": 1}


@pytest.mark.parametrize("persona", PERSONAS)
def test_city_detail_per_role(call, personas, world, persona):
    response = call(personas[persona], "get", "/81.71")
    expected = 200 if persona in READERS else 404
    assert response.status_code == expected
    if expected == 404:
        assert response.json()["code"] == "not_found"


def test_the_public_reads_a_published_city(call, personas, world):
    City.objects.filter(pk=world["city"].pk).update(is_published=True)
    assert call(personas["warga"], "get", "/81.71").status_code == 200
    assert call(personas["warga"], "get", "/81.71/opds").json()["count"] == 3


def test_unknown_city_code_is_not_found(call, personas, world):
    response = call(personas["kementerian"], "get", "/99.99")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


# name -> (method, path(world), payload(world), who may, check(world))
WRITES = {
    "city_patch": ("patch", lambda w: "/81.71", lambda w: {"mou_number": "B-1234/2019"}, MANAGERS,
                   lambda w: City.objects.get(pk=w["city"].pk).mou_number == "B-1234/2019"),
    "stage_post": ("post", lambda w: "/81.71/stages", lambda w: {"stage": "mou", "reached_on": "2019-05-23"}, MANAGERS,
                   lambda w: City.objects.get(pk=w["city"].pk).stage == Stage.MOU),
    "stage_delete": ("delete", lambda w: "/81.71/stages/selected", lambda w: None, MANAGERS,
                     lambda w: not StageEvent.objects.filter(pk=w["event"].pk).exists()),
    "opd_post": ("post", lambda w: "/81.71/opds", lambda w: {"name": "Dinas Pariwisata", "short_name": "Dispar"}, MANAGERS,
                 lambda w: Opd.objects.filter(short_name="Dispar").exists()),
    "opd_patch_own": ("patch", lambda w: f"/81.71/opds/{w['dinkes'].pk}", lambda w: {"head_name": "dr. Wendy"}, OPD_EDITORS,
                      lambda w: Opd.objects.get(pk=w["dinkes"].pk).head_name == "dr. Wendy"),
    "opd_patch_other": ("patch", lambda w: f"/81.71/opds/{w['dishub'].pk}", lambda w: {"head_name": "Robby S."}, MANAGERS,
                        lambda w: Opd.objects.get(pk=w["dishub"].pk).head_name == "Robby S."),
    "opd_delete": ("delete", lambda w: f"/81.71/opds/{w['dishub'].pk}", lambda w: None, MANAGERS,
                   lambda w: not Opd.objects.filter(pk=w["dishub"].pk).exists()),
    "body_post": ("post", lambda w: "/81.71/bodies", lambda w: {"kind": "team", "name": "Tim Pelaksana Smart City"}, MANAGERS,
                  lambda w: Body.objects.filter(kind="team").exists()),
    "body_patch": ("patch", lambda w: f"/81.71/bodies/{w['body'].pk}", lambda w: {"decree_number": "188.45/512/KEP/2019"}, MANAGERS,
                   lambda w: Body.objects.get(pk=w["body"].pk).decree_number == "188.45/512/KEP/2019"),
    "body_delete": ("delete", lambda w: f"/81.71/bodies/{w['body'].pk}", lambda w: None, MANAGERS,
                    lambda w: not Body.objects.exists()),
    "member_post": ("post", lambda w: f"/81.71/bodies/{w['body'].pk}/members",
                    lambda w: {"name": "Wendy Pelupessy", "role": "Anggota", "opd_id": w["dinkes"].pk}, MANAGERS,
                    lambda w: BodyMember.objects.filter(name="Wendy Pelupessy", opd=w["dinkes"]).exists()),
    "member_patch": ("patch", lambda w: f"/81.71/bodies/{w['body'].pk}/members/{w['member'].pk}", lambda w: {"role": "Ketua"}, MANAGERS,
                     lambda w: BodyMember.objects.get(pk=w["member"].pk).role == "Ketua"),
    "member_delete": ("delete", lambda w: f"/81.71/bodies/{w['body'].pk}/members/{w['member'].pk}", lambda w: None, MANAGERS,
                      lambda w: not BodyMember.objects.exists()),
    "stakeholder_post": ("post", lambda w: "/81.71/stakeholders", lambda w: {"name": "Universitas Pattimura", "type": "academia"}, MANAGERS,
                         lambda w: Stakeholder.objects.filter(name="Universitas Pattimura").exists()),
    "stakeholder_patch": ("patch", lambda w: f"/81.71/stakeholders/{w['bumn'].pk}", lambda w: {"phone": "0911-312345"},
                          STAKEHOLDER_EDITORS, lambda w: Stakeholder.objects.get(pk=w["bumn"].pk).phone == "0911-312345"),
    "stakeholder_delete": ("delete", lambda w: f"/81.71/stakeholders/{w['perumda'].pk}", lambda w: None, MANAGERS,
                           lambda w: not Stakeholder.objects.filter(pk=w["perumda"].pk).exists()),
    "commitment_post": ("post", lambda w: "/81.71/commitments", lambda w: {
        "signed_on": "2019-10-15", "place": "Hotel Santika Premiere Ambon", "text": "Kami berkomitmen.",
        "signatories": [{"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris Kota", "organisation": "Pemerintah Kota Ambon"},
                        {"kind": "opd", "name": "Wendy Pelupessy", "role": "Kepala Dinas", "opd_id": w["dinkes"].pk}]}, MANAGERS,
        lambda w: Commitment.objects.filter(place="Hotel Santika Premiere Ambon").exists()),
    "commitment_patch": ("patch", lambda w: f"/81.71/commitments/{w['commitment'].pk}", lambda w: {"place": "Balai Kota Ambon"}, MANAGERS,
                         lambda w: Commitment.objects.get(pk=w["commitment"].pk).place == "Balai Kota Ambon"),
    "commitment_delete": ("delete", lambda w: f"/81.71/commitments/{w['commitment'].pk}", lambda w: None, MANAGERS,
                          lambda w: not Commitment.objects.exists()),
    "signatory_post": ("post", lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories",
                       lambda w: {"kind": "stakeholder", "name": "Marthen Leiwakabessy", "role": "Manager", "stakeholder_id": w["bumn"].pk},
                       MANAGERS, lambda w: Signatory.objects.filter(stakeholder=w["bumn"]).exists()),
    "signatory_patch": ("patch", lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories/{w['signatory'].pk}",
                        lambda w: {"on_behalf_of": "Wali Kota Ambon"}, MANAGERS,
                        lambda w: Signatory.objects.get(pk=w["signatory"].pk).on_behalf_of == "Wali Kota Ambon"),
    "signatory_delete": ("delete", lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories/{w['signatory'].pk}",
                         lambda w: None, MANAGERS, lambda w: not Signatory.objects.exists()),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_role_for_every_api_write(write, persona, call, personas, world):
    method, path, payload, allowed, happened = WRITES[write]
    response = call(personas[persona], method, path(world), payload(world))
    if persona in allowed:
        assert response.status_code in {200, 201, 204}, response.content
        assert happened(world)
        assert AuditEvent.objects.filter(actor=personas[persona]).exists()
    else:
        # Ambon is not published: out of scope for the public and another city's coordinator.
        status, code = {"warga": (404, "not_found"), "koordinator_lain": (404, "not_found")}.get(persona, (403, "forbidden"))
        assert response.status_code == status
        assert response.json()["code"] == code and response.json()["message"]
        assert not happened(world)


@pytest.mark.parametrize("write", sorted(WRITES))
def test_the_public_cannot_write_to_a_published_city(write, call, warga, world):
    City.objects.filter(pk=world["city"].pk).update(is_published=True)
    method, path, payload, _allowed, happened = WRITES[write]
    response = call(warga, method, path(world), payload(world))
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    assert not happened(world)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_national_admins_enrol_a_city(call, personas, persona, ambon):
    response = call(personas[persona], "post", "", {"region_code": "81.01", "cohort_year": 2022})
    if persona == "kementerian":
        assert response.status_code == 201
        assert response.json()["code"] == "81.01" and response.json()["cohort_year"] == 2022 and response.json()["stage"] == "invited"
    else:
        assert response.status_code == (401 if persona == "warga" else 403)
    assert City.objects.filter(region_id="81.01").exists() == (persona == "kementerian")


@pytest.mark.parametrize("region_code, status, code", [
    ("99.99", 400, "unknown_region"), ("81", 400, "not_a_regency"), ("81.71", 409, "duplicate_city"),
])
def test_enrolment_errors_have_stable_codes(call, kementerian, ambon, region_code, status, code):
    response = call(kementerian, "post", "", {"region_code": region_code, "cohort_year": 2022})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["errors"][0]["field"] == "region_code"


def test_duplicate_department_answers_409_duplicate_opd(call, koordinator, dinkes):
    response = call(koordinator, "post", "/81.71/opds", {"name": "DINAS KESEHATAN", "short_name": "DK"})
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_opd" and "“Dinas Kesehatan”" in response.json()["message"]
    assert Opd.objects.filter(city=dinkes.city).count() == 2


def test_operator_patching_another_department_is_403(call, operator_dinkes, dishub):
    response = call(operator_dinkes, "patch", f"/81.71/opds/{dishub.pk}", {"head_name": "X"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_operator_cannot_flip_the_leading_sector(call, operator_dinkes, dinkes):
    response = call(operator_dinkes, "patch", f"/81.71/opds/{dinkes.pk}", {"is_leading_sector": True})
    assert response.status_code == 400 and response.json()["code"] == "field_not_editable"


def test_stakeholder_account_cannot_rename_itself(call, mitra, bumn):
    response = call(mitra, "patch", f"/81.71/stakeholders/{bumn.pk}", {"name": "PT Telkom"})
    assert response.status_code == 400 and response.json()["code"] == "field_not_editable"


def test_signatory_without_name_writes_no_commitment(client, api_token, koordinator, world):
    headers = api_token(koordinator)
    before = (Commitment.objects.count(), Signatory.objects.count(), AuditEvent.objects.count())
    response = client.post(f"{API}/81.71/commitments", headers=headers, content_type="application/json", data={
        "signed_on": "2019-10-15", "place": "Ambon", "text": "Kami berkomitmen.",
        "signatories": [{"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris", "organisation": "Pemkot"},
                        {"kind": "official", "name": " ", "role": "Wakil", "organisation": "Pemkot"}]})
    assert response.status_code == 400 and response.json()["code"] == "signatory_without_name"
    assert (Commitment.objects.count(), Signatory.objects.count(), AuditEvent.objects.count()) == before


def test_signatory_with_another_citys_department_is_refused(call, koordinator, world, tual):
    response = call(koordinator, "post", f"/81.71/commitments/{world['commitment'].pk}/signatories",
                    {"kind": "opd", "name": "X", "role": "Kepala", "opd_id": OpdFactory(city=tual).pk})
    assert response.status_code == 400 and response.json()["code"] == "unknown_opd"


@pytest.mark.parametrize("payload, code", [
    ({"stage": "launched", "reached_on": "2019-05-23"}, "unknown_stage"),
    ({"stage": "mou", "reached_on": "23 Mei 2019"}, "validation_error"),
    ({"stage": "mou", "reached_on": "2099-05-23"}, "stage_in_future"),
])
def test_stage_errors(call, koordinator, ambon, payload, code):
    response = call(koordinator, "post", "/81.71/stages", payload)
    assert response.status_code in {400, 422} and response.json()["code"] == code


def test_unknown_stakeholder_type_is_refused(call, koordinator, ambon):
    response = call(koordinator, "post", "/81.71/stakeholders", {"name": "Bank X", "type": "bank"})
    assert response.status_code == 400 and response.json()["code"] == "unknown_stakeholder_type"


def test_body_detail_lists_members(call, penilai, world):
    data = call(penilai, "get", f"/81.71/bodies/{world['body'].pk}").json()
    assert data["name"] == "Dewan Smart City Kota Ambon" and data["n_members"] == 1
    assert data["members"][0]["name"] == "A. G. Latuheru"


def test_commitment_detail_lists_signatories(call, penilai, world):
    data = call(penilai, "get", f"/81.71/commitments/{world['commitment'].pk}").json()
    assert data["n_signatories"] == 1 and data["signatories"][0]["name"] == "Richard Louhenapessy"


def test_stakeholder_list_filters_by_type(call, penilai, world):
    data = call(penilai, "get", "/81.71/stakeholders?type=bumn&q=telkom").json()
    assert [s["name"] for s in data["items"]] == ["PT Telkom Indonesia (Persero) Witel Maluku"]
    assert data["items"][0]["type"] == "bumn"


def test_openapi_schema_renders_with_the_city_paths(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/cities/{code}/opds" in schema["paths"]
    assert "/api/v1/cities/{code}/commitments/{commitment_id}/signatories" in schema["paths"]
    assert "409" in schema["paths"]["/api/v1/cities/{code}/opds"]["post"]["responses"]


# --- query counts ---------------------------------------------------------------------------

def _crowd(world):
    for _n in range(30):
        OpdFactory(city=world["city"])
        StakeholderFactory(city=world["city"])
        BodyMemberFactory(body=world["body"])
        SignatoryFactory(commitment=world["commitment"])


@pytest.mark.parametrize("path, queries", [
    ("", 4), ("/81.71", 5), ("/81.71/opds", 5), ("/81.71/stakeholders", 5), ("/81.71/bodies", 5),
    ("/81.71/commitments", 5), ("/81.71/stakeholders?type=bumn", 5),
])
def test_api_query_counts_do_not_grow_with_the_data(path, queries, client, api_token, penilai, world, django_assert_num_queries):
    headers = api_token(penilai)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path}", headers=headers).status_code == 200
    _crowd(world)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path}", headers=headers).status_code == 200


@pytest.mark.parametrize("path_of, queries", [
    (lambda w: f"/81.71/bodies/{w['body'].pk}", 5), (lambda w: f"/81.71/commitments/{w['commitment'].pk}", 5),
])
def test_api_detail_query_counts(path_of, queries, client, api_token, penilai, world, django_assert_num_queries):
    headers = api_token(penilai)
    _crowd(world)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path_of(world)}", headers=headers).status_code == 200
