"""API of the cities app: payloads, every role × write, error codes, query counts, OpenAPI."""

from collections import defaultdict
from types import SimpleNamespace

import pytest

from kotacerdas.cities.models import Body, BodyMember, City, Commitment, Opd, Signatory, Stage, StageEvent, Stakeholder
from kotacerdas.cities.tests.factories import (
    BodyFactory,
    BodyMemberFactory,
    CommitmentFactory,
    OpdFactory,
    SignatoryFactory,
    StakeholderFactory,
)
from kotacerdas.cities.tests.rights import MANAGERS, OPD_EDITORS, PERSONAS, READERS, STAKEHOLDER_EDITORS
from kotacerdas.core.models import AuditEvent

API = "/api/v1/cities"


@pytest.fixture
def call(client, api_token):
    """`call(persona_user, method, path, json=None)`: a request with the persona's bearer token (none for the public).

    Each persona's token is issued once, at its first call (so a later call inside `unchanged()` writes nothing)."""
    tokens = {}

    def _call(user, method, path, json=None):
        if user.is_authenticated and user.pk not in tokens:
            tokens[user.pk] = api_token(user)
        headers = tokens.get(user.pk, {}) if user.is_authenticated else {}
        kwargs = {"content_type": "application/json", "data": json} if json is not None else {}
        return getattr(client, method)(f"{API}{path}", headers=headers, **kwargs)

    return _call


@pytest.fixture
def tual_world(tual):
    """Kota Tual's own records, under the keys of `world`: ids that another city's users must not reach."""
    council = BodyFactory(city=tual, name="Dewan Smart City Kota Tual")
    commitment = CommitmentFactory(city=tual)
    return {
        "city": tual,
        "dinkes": OpdFactory(city=tual, name="Dinas Kesehatan", short_name="Dinkes"),
        "dishub": OpdFactory(city=tual, name="Dinas Perhubungan", short_name="Dishub"),
        "body": council,
        "member": BodyMemberFactory(body=council),
        "commitment": commitment,
        "signatory": SignatoryFactory(commitment=commitment),
        "bumn": StakeholderFactory(city=tual),
        "perumda": StakeholderFactory(city=tual),
    }


# Ids no record has (within MAX_ID), under the keys of `world`.
MISSING = defaultdict(lambda: SimpleNamespace(pk=987654321))


def test_city_list_is_paginated_and_scoped(call, personas, world, tual):
    body = call(personas["penilai"], "get", "?limit=1").json()
    assert body["count"] == 2 and len(body["items"]) == 1
    first = body["items"][0]
    assert first["code"] == "81.71" and first["province_code"] == "81" and first["province_name"] == "Maluku"
    assert (first["opd_count"], first["stakeholder_count"], first["signatory_count"]) == (3, 2, 1)
    own = call(personas["koordinator"], "get", "").json()
    assert [c["code"] for c in own["items"]] == ["81.71"]
    assert call(personas["warga"], "get", "").json() == {"count": 0, "items": []}


def test_city_detail_has_participation_stage_events_and_counts(call, personas, world):
    data = call(personas["koordinator"], "get", "/81.71").json()
    assert data["code"] == "81.71" and data["name"] == "Kota Ambon" and data["province_name"] == "Maluku"
    assert data["cohort_year"] == 2019 and data["stage"] == Stage.SELECTED and data["stage_label"]
    assert [e["stage"] for e in data["stage_events"]] == ["selected"]
    counts = {k: v for k, v in data.items() if k.endswith("_count")}
    assert counts == {
        "opd_count": 3,
        "body_count": 1,
        "body_member_count": 1,
        "stakeholder_count": 2,
        "commitment_count": 1,
        "signatory_count": 1,
    }


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
    "city_patch": (
        "patch",
        lambda w: "/81.71",
        lambda w: {"mou_number": "B-1234/2019"},
        MANAGERS,
        lambda w: City.objects.get(pk=w["city"].pk).mou_number == "B-1234/2019",
    ),
    "stage_post": (
        "post",
        lambda w: "/81.71/stages",
        lambda w: {"stage": "mou", "reached_on": "2019-05-23"},
        MANAGERS,
        lambda w: City.objects.get(pk=w["city"].pk).stage == Stage.MOU,
    ),
    "stage_delete": (
        "delete",
        lambda w: "/81.71/stages/selected",
        lambda w: None,
        MANAGERS,
        lambda w: not StageEvent.objects.filter(pk=w["event"].pk).exists(),
    ),
    "opd_post": (
        "post",
        lambda w: "/81.71/opds",
        lambda w: {"name": "Dinas Pariwisata", "short_name": "Dispar"},
        MANAGERS,
        lambda w: Opd.objects.filter(short_name="Dispar").exists(),
    ),
    "opd_patch_own": (
        "patch",
        lambda w: f"/81.71/opds/{w['dinkes'].pk}",
        lambda w: {"head_name": "dr. Wendy"},
        OPD_EDITORS,
        lambda w: Opd.objects.get(pk=w["dinkes"].pk).head_name == "dr. Wendy",
    ),
    "opd_patch_other": (
        "patch",
        lambda w: f"/81.71/opds/{w['dishub'].pk}",
        lambda w: {"head_name": "Robby S."},
        MANAGERS,
        lambda w: Opd.objects.get(pk=w["dishub"].pk).head_name == "Robby S.",
    ),
    "opd_delete": (
        "delete",
        lambda w: f"/81.71/opds/{w['dishub'].pk}",
        lambda w: None,
        MANAGERS,
        lambda w: not Opd.objects.filter(pk=w["dishub"].pk).exists(),
    ),
    "body_post": (
        "post",
        lambda w: "/81.71/bodies",
        lambda w: {"kind": "team", "name": "Tim Pelaksana Smart City"},
        MANAGERS,
        lambda w: Body.objects.filter(kind="team").exists(),
    ),
    "body_patch": (
        "patch",
        lambda w: f"/81.71/bodies/{w['body'].pk}",
        lambda w: {"decree_number": "188.45/512/KEP/2019"},
        MANAGERS,
        lambda w: Body.objects.get(pk=w["body"].pk).decree_number == "188.45/512/KEP/2019",
    ),
    "body_delete": ("delete", lambda w: f"/81.71/bodies/{w['body'].pk}", lambda w: None, MANAGERS, lambda w: not Body.objects.exists()),
    "member_post": (
        "post",
        lambda w: f"/81.71/bodies/{w['body'].pk}/members",
        lambda w: {"name": "Wendy Pelupessy", "role": "Anggota", "opd_id": w["dinkes"].pk},
        MANAGERS,
        lambda w: BodyMember.objects.filter(name="Wendy Pelupessy", opd=w["dinkes"]).exists(),
    ),
    "member_patch": (
        "patch",
        lambda w: f"/81.71/bodies/{w['body'].pk}/members/{w['member'].pk}",
        lambda w: {"role": "Ketua"},
        MANAGERS,
        lambda w: BodyMember.objects.get(pk=w["member"].pk).role == "Ketua",
    ),
    "member_delete": (
        "delete",
        lambda w: f"/81.71/bodies/{w['body'].pk}/members/{w['member'].pk}",
        lambda w: None,
        MANAGERS,
        lambda w: not BodyMember.objects.exists(),
    ),
    "stakeholder_post": (
        "post",
        lambda w: "/81.71/stakeholders",
        lambda w: {"name": "Universitas Pattimura", "type_code": "academia"},
        MANAGERS,
        lambda w: Stakeholder.objects.filter(name="Universitas Pattimura").exists(),
    ),
    "stakeholder_patch": (
        "patch",
        lambda w: f"/81.71/stakeholders/{w['bumn'].pk}",
        lambda w: {"phone": "0911-312345"},
        STAKEHOLDER_EDITORS,
        lambda w: Stakeholder.objects.get(pk=w["bumn"].pk).phone == "0911-312345",
    ),
    "stakeholder_delete": (
        "delete",
        lambda w: f"/81.71/stakeholders/{w['perumda'].pk}",
        lambda w: None,
        MANAGERS,
        lambda w: not Stakeholder.objects.filter(pk=w["perumda"].pk).exists(),
    ),
    "commitment_post": (
        "post",
        lambda w: "/81.71/commitments",
        lambda w: {
            "signed_on": "2019-10-15",
            "place": "Hotel Santika Premiere Ambon",
            "text": "Kami berkomitmen.",
            "signatories": [
                {"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris Kota", "organisation": "Pemerintah Kota Ambon"},
                {"kind": "opd", "name": "Wendy Pelupessy", "role": "Kepala Dinas", "opd_id": w["dinkes"].pk},
            ],
        },
        MANAGERS,
        lambda w: Commitment.objects.filter(place="Hotel Santika Premiere Ambon").exists(),
    ),
    "commitment_patch": (
        "patch",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}",
        lambda w: {"place": "Balai Kota Ambon"},
        MANAGERS,
        lambda w: Commitment.objects.get(pk=w["commitment"].pk).place == "Balai Kota Ambon",
    ),
    "commitment_delete": (
        "delete",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}",
        lambda w: None,
        MANAGERS,
        lambda w: not Commitment.objects.exists(),
    ),
    "signatory_post": (
        "post",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories",
        lambda w: {"kind": "stakeholder", "name": "Marthen Leiwakabessy", "role": "Manager", "stakeholder_id": w["bumn"].pk},
        MANAGERS,
        lambda w: Signatory.objects.filter(stakeholder=w["bumn"]).exists(),
    ),
    "signatory_patch": (
        "patch",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories/{w['signatory'].pk}",
        lambda w: {"on_behalf_of": "Wali Kota Ambon"},
        MANAGERS,
        lambda w: Signatory.objects.get(pk=w["signatory"].pk).on_behalf_of == "Wali Kota Ambon",
    ),
    "signatory_delete": (
        "delete",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}/signatories/{w['signatory'].pk}",
        lambda w: None,
        MANAGERS,
        lambda w: not Signatory.objects.exists(),
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_role_for_every_api_write(write, persona, call, personas, world, unchanged):
    method, path, payload, allowed, happened = WRITES[write]
    user = personas[persona]
    if persona in allowed:
        response = call(user, method, path(world), payload(world))
        assert response.status_code in {200, 201, 204}, response.content
        assert happened(world)
        assert AuditEvent.objects.filter(actor=user).exists()
        return
    call(user, "get", "/81.71/opds")  # the persona's token is issued outside `unchanged`
    with unchanged():
        response = call(user, method, path(world), payload(world))
    # Ambon is not published: out of scope for the public and another city's coordinator.
    status, code = {"warga": (404, "not_found"), "koordinator_lain": (404, "not_found")}.get(persona, (403, "forbidden"))
    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["message"]


@pytest.mark.parametrize("write", sorted(WRITES))
def test_the_public_cannot_write_to_a_published_city(write, call, warga, world, unchanged):
    City.objects.filter(pk=world["city"].pk).update(is_published=True)
    method, path, payload, _allowed, _happened = WRITES[write]
    with unchanged():
        response = call(warga, method, path(world), payload(world))
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


# Writes that name records by id in the path: another city's ids answer like ids nobody has.
PATH_ID_WRITES = [
    "opd_patch_own",
    "opd_delete",
    "body_patch",
    "body_delete",
    "member_post",
    "member_patch",
    "member_delete",
    "stakeholder_patch",
    "stakeholder_delete",
    "commitment_patch",
    "commitment_delete",
    "signatory_post",
    "signatory_patch",
    "signatory_delete",
]


@pytest.mark.parametrize("write", PATH_ID_WRITES)
def test_another_citys_id_in_the_path_answers_like_a_missing_one(write, call, koordinator, world, tual_world, unchanged):
    method, path, payload, _allowed, _happened = WRITES[write]
    call(koordinator, "get", "/81.71")
    with unchanged():
        other = call(koordinator, method, path(tual_world), payload(world))
        missing = call(koordinator, method, path(MISSING), payload(world))
    assert other.status_code == missing.status_code == 404
    assert other.json()["code"] == missing.json()["code"] == "not_found"
    other_message = other.json()["message"]
    for record in tual_world.values():
        other_message = other_message.replace(str(record.pk), "#")
    assert other_message == missing.json()["message"].replace(str(MISSING["x"].pk), "#")
    assert "Tual" not in other.content.decode()


@pytest.mark.parametrize(
    "path_of",
    [
        lambda w: f"/81.71/opds/{w['dinkes'].pk}",
        lambda w: f"/81.71/bodies/{w['body'].pk}",
        lambda w: f"/81.71/stakeholders/{w['bumn'].pk}",
        lambda w: f"/81.71/commitments/{w['commitment'].pk}",
    ],
)
def test_reading_another_citys_record_answers_like_a_missing_one(path_of, call, penilai, world, tual_world):
    other, missing = call(penilai, "get", path_of(tual_world)), call(penilai, "get", path_of(MISSING))
    assert other.status_code == missing.status_code == 404 and other.json()["code"] == missing.json()["code"] == "not_found"
    assert "Tual" not in other.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_national_admins_enrol_a_city(call, personas, persona, ambon, unchanged):
    user = personas[persona]
    if persona == "kementerian":
        response = call(user, "post", "", {"region_code": "81.01", "cohort_id": ambon.cohort_id})
        assert response.status_code == 201
        body = response.json()
        assert body["code"] == "81.01" and body["stage"] == "invited"
        assert (body["cohort_id"], body["cohort_year"], body["cohort_name"]) == (ambon.cohort_id, 2019, "Tahap III (2019)")
        assert City.objects.filter(region_id="81.01").exists()
        return
    call(user, "get", "")
    with unchanged():
        response = call(user, "post", "", {"region_code": "81.01", "cohort_id": ambon.cohort_id})
    assert response.status_code == (401 if persona == "warga" else 403)


@pytest.mark.parametrize(
    "region_code, status, code",
    [
        ("99.99", 400, "unknown_code"),
        ("81", 400, "not_a_regency"),
        ("81.71", 409, "duplicate"),
    ],
)
def test_enrolment_errors_have_stable_codes(call, kementerian, ambon, region_code, status, code, unchanged):
    call(kementerian, "get", "")
    with unchanged():
        response = call(kementerian, "post", "", {"region_code": region_code, "cohort_id": ambon.cohort_id})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["errors"][0]["field"] == "region_code"


def test_a_forbidden_role_is_refused_before_its_body_is_read(call, penilai, world, tual_world, unchanged):
    """An assessor may not write: another city's department in the body does not change the answer (403, not 400)."""
    call(penilai, "get", "")
    with unchanged():
        response = call(
            penilai,
            "post",
            f"/81.71/bodies/{world['body'].pk}/members",
            {"name": "X", "role": "Anggota", "opd_id": tual_world["dinkes"].pk},
        )
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


# name -> (persona, method, path(world, tual), payload(world, tual), status, code, field)
REFUSED = {
    "city_cohort_unknown": (
        "kementerian",
        "patch",
        lambda w, t: "/81.71",
        lambda w, t: {"cohort_id": 987654321},
        400,
        "unknown_reference",
        "cohort_id",
    ),
    "city_cohort_year_no_longer_written": (
        "koordinator",
        "patch",
        lambda w, t: "/81.71",
        lambda w, t: {"cohort_year": 2019},
        422,
        "validation_error",
        "cohort_year",
    ),
    "city_null_text": (
        "koordinator",
        "patch",
        lambda w, t: "/81.71",
        lambda w, t: {"mou_number": None},
        422,
        "validation_error",
        "mou_number",
    ),
    "city_stage_not_editable": (
        "koordinator",
        "patch",
        lambda w, t: "/81.71",
        lambda w, t: {"stage": "evaluated"},
        422,
        "validation_error",
        "stage",
    ),
    "stage_unknown": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stages",
        lambda w, t: {"stage": "launched", "reached_on": "2019-05-23"},
        422,
        "validation_error",
        "stage",
    ),
    "stage_bad_date": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stages",
        lambda w, t: {"stage": "mou", "reached_on": "23 Mei 2019"},
        422,
        "validation_error",
        "reached_on",
    ),
    "stage_in_future": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stages",
        lambda w, t: {"stage": "mou", "reached_on": "2099-05-23"},
        400,
        "date_in_future",
        "reached_on",
    ),
    "stage_before_programme": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stages",
        lambda w, t: {"stage": "mou", "reached_on": "0001-01-01"},
        400,
        "date_before_programme",
        "reached_on",
    ),
    "commitment_in_year_9999": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/commitments",
        lambda w, t: {"signed_on": "9999-12-31", "place": "Manise Hotel", "text": "Kami berkomitmen."},
        400,
        "date_in_future",
        "signed_on",
    ),
    "commitment_in_year_1": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/commitments",
        lambda w, t: {"signed_on": "0001-01-01", "place": "Manise Hotel", "text": "Kami berkomitmen."},
        400,
        "date_before_programme",
        "signed_on",
    ),
    "commitment_moved_to_year_9999": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}",
        lambda w, t: {"signed_on": "9999-12-31"},
        400,
        "date_in_future",
        "signed_on",
    ),
    "stage_not_recorded": ("koordinator", "delete", lambda w, t: "/81.71/stages/mou", lambda w, t: None, 404, "not_found", None),
    "opd_duplicate": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/opds",
        lambda w, t: {"name": "DINAS KESEHATAN", "short_name": "DK"},
        409,
        "duplicate",
        "name",
    ),
    "opd_empty_name": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/opds",
        lambda w, t: {"name": "", "short_name": "DK"},
        422,
        "validation_error",
        "name",
    ),
    "opd_unknown_field": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/opds",
        lambda w, t: {"name": "Dinas X", "short_name": "DX", "head": "Y"},
        422,
        "validation_error",
        "head",
    ),
    "opd_null_name": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/opds/{w['dinkes'].pk}",
        lambda w, t: {"name": None},
        422,
        "validation_error",
        "name",
    ),
    "opd_operator_leading_sector": (
        "operator_dinkes",
        "patch",
        lambda w, t: f"/81.71/opds/{w['dinkes'].pk}",
        lambda w, t: {"is_leading_sector": True},
        400,
        "not_editable",
        "is_leading_sector",
    ),
    "opd_still_used": ("koordinator", "delete", lambda w, t: f"/81.71/opds/{w['dinkes'].pk}", lambda w, t: None, 409, "still_linked", None),
    "body_unknown_kind": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/bodies",
        lambda w, t: {"kind": "committee", "name": "Komite"},
        422,
        "validation_error",
        "kind",
    ),
    "body_duplicate": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/bodies",
        lambda w, t: {"kind": "council", "name": "Dewan Smart City Kota Ambon"},
        409,
        "duplicate",
        "name",
    ),
    "body_unknown_field": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/bodies/{w['body'].pk}",
        lambda w, t: {"members": []},
        422,
        "validation_error",
        "members",
    ),
    "member_other_citys_opd": (
        "koordinator",
        "post",
        lambda w, t: f"/81.71/bodies/{w['body'].pk}/members",
        lambda w, t: {"name": "X", "role": "Anggota", "opd_id": t["dinkes"].pk},
        400,
        "unknown_reference",
        "opd_id",
    ),
    "member_bad_opd_id": (
        "koordinator",
        "post",
        lambda w, t: f"/81.71/bodies/{w['body'].pk}/members",
        lambda w, t: {"name": "X", "role": "Anggota", "opd_id": 0},
        422,
        "validation_error",
        "opd_id",
    ),
    "member_patch_other_citys_opd": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/bodies/{w['body'].pk}/members/{w['member'].pk}",
        lambda w, t: {"opd_id": t["dinkes"].pk},
        400,
        "unknown_reference",
        "opd_id",
    ),
    "stakeholder_unknown_type": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stakeholders",
        lambda w, t: {"name": "Bank X", "type_code": "bank"},
        400,
        "unknown_code",
        "type_code",
    ),
    "stakeholder_duplicate": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/stakeholders",
        lambda w, t: {"name": "pt telkom indonesia (persero) witel maluku", "type_code": "bumn"},
        409,
        "duplicate",
        "name",
    ),
    "stakeholder_renames_itself": (
        "mitra",
        "patch",
        lambda w, t: f"/81.71/stakeholders/{w['bumn'].pk}",
        lambda w, t: {"name": "PT Telkom"},
        400,
        "not_editable",
        "name",
    ),
    "stakeholder_patch_unknown_type": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/stakeholders/{w['bumn'].pk}",
        lambda w, t: {"type_code": "bank"},
        400,
        "unknown_code",
        "type_code",
    ),
    "commitment_nameless_signatory": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/commitments",
        lambda w, t: {
            "signed_on": "2019-10-15",
            "place": "Ambon",
            "text": "Kami berkomitmen.",
            "signatories": [
                {"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris", "organisation": "Pemkot"},
                {"kind": "official", "name": " ", "role": "Wakil", "organisation": "Pemkot"},
            ],
        },
        400,
        "required",
        "signatories.1.name",
    ),
    "commitment_other_citys_opd": (
        "koordinator",
        "post",
        lambda w, t: "/81.71/commitments",
        lambda w, t: {
            "signed_on": "2019-10-15",
            "place": "Ambon",
            "text": "Kami berkomitmen.",
            "signatories": [{"kind": "opd", "name": "Kepala Dinkes", "role": "Kepala Dinas", "opd_id": t["dinkes"].pk}],
        },
        400,
        "unknown_reference",
        "signatories.0.opd_id",
    ),
    "commitment_empty_place": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}",
        lambda w, t: {"place": ""},
        422,
        "validation_error",
        "place",
    ),
    "signatory_other_citys_stakeholder": (
        "koordinator",
        "post",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}/signatories",
        lambda w, t: {"kind": "stakeholder", "name": "X", "role": "Direktur", "stakeholder_id": t["bumn"].pk},
        400,
        "unknown_reference",
        "stakeholder_id",
    ),
    "signatory_unknown_kind": (
        "koordinator",
        "post",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}/signatories",
        lambda w, t: {"kind": "mayor", "name": "X", "role": "Wali Kota", "organisation": "Pemkot"},
        422,
        "validation_error",
        "kind",
    ),
    "signatory_without_role": (
        "koordinator",
        "post",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}/signatories",
        lambda w, t: {"kind": "official", "name": "X", "role": "", "organisation": "Pemkot"},
        400,
        "required",
        "role",
    ),
    "signatory_renamed_to_nothing": (
        "koordinator",
        "patch",
        lambda w, t: f"/81.71/commitments/{w['commitment'].pk}/signatories/{w['signatory'].pk}",
        lambda w, t: {"name": ""},
        400,
        "required",
        "name",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_writes_answer_a_stable_code_and_change_nothing(case, call, personas, world, tual_world, unchanged):
    persona, method, path, payload, status, code, field = REFUSED[case]
    user = personas[persona]
    call(user, "get", "/81.71")
    with unchanged():
        response = call(user, method, path(world, tual_world), payload(world, tual_world))
    body = response.json()
    assert response.status_code == status, body
    assert body["code"] == code and body["message"]
    if field:  # (422s name body fields `payload.<field>` today: the kernel's doing)
        assert field in [e["field"].removeprefix("payload.") for e in body["errors"]], body
    assert "Tual" not in body["message"]


def test_other_citys_reference_in_a_body_answers_like_a_missing_one(call, koordinator, world, tual_world):
    path = f"/81.71/bodies/{world['body'].pk}/members"
    other = call(koordinator, "post", path, {"name": "X", "role": "Anggota", "opd_id": tual_world["dinkes"].pk}).json()
    missing = call(koordinator, "post", path, {"name": "X", "role": "Anggota", "opd_id": MISSING["x"].pk}).json()
    assert other["code"] == missing["code"] == "unknown_reference"
    assert other["message"].replace(str(tual_world["dinkes"].pk), "#") == missing["message"].replace(str(MISSING["x"].pk), "#")


def test_patch_null_clears_a_date_and_a_department(call, koordinator, world):
    City.objects.filter(pk=world["city"].pk).update(mou_date="2019-05-23")
    BodyMember.objects.filter(pk=world["member"].pk).update(opd=world["dinkes"])
    assert call(koordinator, "patch", "/81.71", {"mou_date": None}).json()["mou_date"] is None
    member = call(koordinator, "patch", f"/81.71/bodies/{world['body'].pk}/members/{world['member'].pk}", {"opd_id": None}).json()
    assert member["opd_id"] is None and member["opd_name"] is None
    assert BodyMember.objects.get(pk=world["member"].pk).opd is None


def test_member_names_its_department(call, koordinator, world):
    member = call(
        koordinator,
        "post",
        f"/81.71/bodies/{world['body'].pk}/members",
        {"name": "Wendy Pelupessy", "role": "Anggota", "opd_id": world["dinkes"].pk},
    ).json()
    assert member["opd_id"] == world["dinkes"].pk and member["opd_name"] == "Dinas Kesehatan"


def test_operator_patching_another_department_is_403(call, operator_dinkes, dishub, unchanged):
    call(operator_dinkes, "get", "/81.71")
    with unchanged():
        response = call(operator_dinkes, "patch", f"/81.71/opds/{dishub.pk}", {"head_name": "X"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_signatory_without_name_writes_no_commitment(call, koordinator, world, unchanged):
    call(koordinator, "get", "/81.71")
    with unchanged():
        response = call(
            koordinator,
            "post",
            "/81.71/commitments",
            {
                "signed_on": "2019-10-15",
                "place": "Ambon",
                "text": "Kami berkomitmen.",
                "signatories": [
                    {"kind": "official", "name": "A. G. Latuheru", "role": "Sekretaris", "organisation": "Pemkot"},
                    {"kind": "official", "name": " ", "role": "Wakil", "organisation": "Pemkot"},
                ],
            },
        )
    assert response.status_code == 400 and response.json()["code"] == "required"
    assert "2" in response.json()["message"]


def test_body_detail_lists_members(call, penilai, world):
    data = call(penilai, "get", f"/81.71/bodies/{world['body'].pk}").json()
    assert data["name"] == "Dewan Smart City Kota Ambon" and data["member_count"] == 1
    assert data["kind"] == "council" and data["kind_label"]
    assert data["members"][0]["name"] == "A. G. Latuheru"


def test_commitment_detail_lists_signatories(call, penilai, world):
    data = call(penilai, "get", f"/81.71/commitments/{world['commitment'].pk}").json()
    assert data["signatory_count"] == 1 and data["signatories"][0]["name"] == "Richard Louhenapessy"
    assert data["signatories"][0]["kind"] == "official" and data["signatories"][0]["kind_label"]


def test_stakeholder_list_filters_by_type(call, penilai, world):
    data = call(penilai, "get", "/81.71/stakeholders?type_code=bumn&q=telkom").json()
    assert [s["name"] for s in data["items"]] == ["PT Telkom Indonesia (Persero) Witel Maluku"]
    assert data["items"][0]["type_code"] == "bumn" and data["items"][0]["type_name"] == "BUMN"


def test_lists_page_with_limit_and_offset(call, penilai, world):
    first = call(penilai, "get", "/81.71/opds?limit=1").json()
    rest = call(penilai, "get", "/81.71/opds?limit=1&offset=1").json()
    assert first["count"] == rest["count"] == 2 and len(first["items"]) == len(rest["items"]) == 1
    assert [first["items"][0]["short_name"], rest["items"][0]["short_name"]] == ["Dinkes", "Dishub"]
    assert call(penilai, "get", "/81.71/opds?limit=501").json()["code"] == "validation_error"


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


@pytest.mark.parametrize(
    "path, queries",
    [
        ("", 3),
        ("/81.71", 5),  # with the masterplan cycles of its stages
        ("/81.71/opds", 4),
        ("/81.71/stakeholders", 4),
        ("/81.71/bodies", 4),
        ("/81.71/commitments", 4),
        ("/81.71/stakeholders?type_code=bumn", 4),
    ],
)
def test_api_query_counts_do_not_grow_with_the_data(path, queries, client, api_token, penilai, world, django_assert_num_queries):
    headers = api_token(penilai)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path}", headers=headers).status_code == 200
    _crowd(world)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path}", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "path_of, queries",
    [
        (lambda w: f"/81.71/bodies/{w['body'].pk}", 4),
        (lambda w: f"/81.71/commitments/{w['commitment'].pk}", 4),
    ],
)
def test_api_detail_query_counts(path_of, queries, client, api_token, penilai, world, django_assert_num_queries):
    headers = api_token(penilai)
    _crowd(world)
    with django_assert_num_queries(queries):
        assert client.get(f"{API}{path_of(world)}", headers=headers).status_code == 200
