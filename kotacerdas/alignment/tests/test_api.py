"""API: shapes, status codes, stable error codes, scoping to the city, refusals that write nothing, pinned query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.alignment.tests.bulk import populate
from kotacerdas.alignment.tests.factories import (
    PlanDocumentFactory,
    PlanItemFactory,
    ProgrammeFactory,
    ProgrammeLinkFactory,
)
from kotacerdas.cities.tests.factories import OpdFactory

BASE = "/api/v1/cities/81.71"
CHECK_CODES = [
    "programme_without_rpjmd",
    "programme_without_budget",
    "programme_without_lead_opd",
    "dimension_without_programme",
    "element_without_programme",
    "gap_without_programme",
    "rpjmd_programme_without_programme",
]
MISSING = 999_999_999


@pytest.fixture
def as_user(client, api_token):
    def caller(user):
        headers = api_token(user)

        def call(method, path, payload=None):
            kwargs = {"content_type": "application/json", "data": payload} if payload is not None else {}
            return getattr(client, method)(BASE + path, headers=headers, **kwargs)

        return call

    return caller


@pytest.fixture
def as_koordinator(as_user, koordinator):
    return as_user(koordinator)


def _same_answer(other, missing, other_id):
    """Another city's id answers exactly like an id that names nothing (apart from the id itself)."""
    a, b = other.json(), missing.json()
    assert other.status_code == missing.status_code
    assert a["code"] == b["code"]
    assert a["message"].replace(str(other_id), "ID") == b["message"].replace(str(MISSING), "ID")
    assert [(e["field"], e["code"]) for e in a["errors"]] == [(e["field"], e["code"]) for e in b["errors"]]
    return a


def _fields(body) -> list[str]:
    """The body fields an error names."""
    return [e["field"] for e in body["errors"]]


# --- reads ------------------------------------------------------------------------------------


def test_gap_checks_are_a_page_of_checks(as_koordinator, programme_dinkes):
    body = as_koordinator("get", "/alignment/gaps").json()
    assert body["count"] == 7 and [c["code"] for c in body["items"]] == CHECK_CODES
    first = body["items"][0]
    assert set(first) == {"code", "title", "description", "subject", "informational", "record_count", "url", "records"}
    assert first["subject"] == "programme" and first["record_count"] == 1
    assert first["records"] == [
        {"id": programme_dinkes.pk, "code": None, "name": "Puskesmas Daring", "detail": first["records"][0]["detail"]}
    ]
    assert first["url"].endswith("/cities/81.71/alignment/gaps/#check-programme_without_rpjmd")
    dims = body["items"][3]
    assert dims["record_count"] == 5 and {"id", "code", "name", "detail"} == set(dims["records"][0])
    second_page = as_koordinator("get", "/alignment/gaps?limit=2&offset=2").json()
    assert second_page["count"] == 7 and [c["code"] for c in second_page["items"]] == CHECK_CODES[2:4]


def test_gap_records_are_bounded(as_koordinator, masterplan):
    for n in range(55):
        ProgrammeFactory(masterplan=masterplan, lead_opd=None, name=f"Program {n:02d}")
    check = as_koordinator("get", "/alignment/gaps?limit=3").json()["items"][2]
    assert check["code"] == "programme_without_lead_opd" and check["record_count"] == 55 and len(check["records"]) == 50


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc"])
def test_paging_out_of_range_is_422(as_koordinator, ambon, query):
    for path in ("/alignment/gaps", "/alignment/matrix", "/plans", "/alignment/links"):
        response = as_koordinator("get", f"{path}?{query}")
        assert response.status_code == 422 and response.json()["code"] == "validation_error", path


def test_gaps_of_a_hidden_city_are_404(client, ambon):
    response = client.get(BASE + "/alignment/gaps")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_matrix_shape(as_koordinator, programme_dinkes, dinkes, rpjmd_programme):
    link = ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    body = as_koordinator("get", "/alignment/matrix").json()
    assert (
        body["columns"] == [{"kind": "rpjmd", "kind_label": body["columns"][0]["kind_label"]}]
        and "RPJMD" in body["columns"][0]["kind_label"]
    )
    assert body["count"] == 1
    row = body["items"][0]
    cells = row.pop("cells")
    assert row == {
        "programme_id": programme_dinkes.pk,
        "programme_name": "Puskesmas Daring",
        "dimension_code": "governance",
        "dimension_name": programme_dinkes.dimension.name,
        "element_code": "governance-public-service",
        "element_name": programme_dinkes.element.name,
        "lead_opd_id": dinkes.pk,
        "lead_opd_name": "Dinkes",
        "link_count": 1,
    }
    assert cells["rpjmd"] == [
        {
            "link_id": link.pk,
            "plan_item_id": rpjmd_programme.pk,
            "plan_item_kind": "programme",
            "plan_item_kind_label": cells["rpjmd"][0]["plan_item_kind_label"],
            "plan_item_code": "1.02.02",
            "plan_item_name": rpjmd_programme.text,
            "plan_id": rpjmd_programme.document_id,
            "plan_name": "RPJMD Kota Ambon 2017–2022",
            "other_department": False,
        }
    ]


# --- plans ------------------------------------------------------------------------------------


def test_plan_crud(as_koordinator, dinkes):
    created = as_koordinator(
        "post",
        "/plans",
        {"kind": "renstra", "title": "Renstra Dinas Kesehatan 2017–2022", "start_year": 2017, "end_year": 2022, "opd_id": dinkes.pk},
    )
    assert created.status_code == 201
    plan = created.json()
    assert plan["opd_id"] == dinkes.pk and plan["opd_name"] == "Dinkes" and plan["item_count"] == 0 and plan["link_count"] == 0
    assert plan["kind"] == "renstra" and plan["kind_label"]
    listed = as_koordinator("get", "/plans").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == plan["id"]
    assert as_koordinator("get", "/plans?kind=rpjmd").json()["count"] == 0
    patched = as_koordinator("patch", f"/plans/{plan['id']}", {"legal_basis": "Perwali Nomor 12 Tahun 2017"})
    assert patched.status_code == 200 and patched.json()["legal_basis"] == "Perwali Nomor 12 Tahun 2017"
    assert patched.json()["title"] == "Renstra Dinas Kesehatan 2017–2022", "fields not sent stay"
    assert as_koordinator("get", f"/plans/{plan['id']}").json()["title"] == "Renstra Dinas Kesehatan 2017–2022"
    assert as_koordinator("delete", f"/plans/{plan['id']}").status_code == 204
    assert as_koordinator("get", f"/plans/{plan['id']}").status_code == 404


def test_patch_clears_the_department_with_null(as_koordinator, ambon, dinkes):
    plan = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RENSTRA, opd=dinkes)
    moved = as_koordinator("patch", f"/plans/{plan.pk}", {"kind": "rpjmd", "opd_id": None})
    assert moved.status_code == 200 and moved.json()["opd_id"] is None and moved.json()["kind"] == "rpjmd"


@pytest.mark.parametrize(
    "payload, status, code, field",
    [
        ({"kind": "renstra", "title": "Renstra", "start_year": 2017, "end_year": 2022}, 400, "required", "opd_id"),
        ({"kind": "rpjmd", "title": "  ", "start_year": 2017, "end_year": 2022}, 400, "required", "title"),
        ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2022, "end_year": 2017}, 400, "range_reversed", "end_year"),
        ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2017, "end_year": 2025}, 400, "plan_period_too_long", "end_year"),
        ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2017, "end_year": 2022, "opd_id": MISSING}, 400, "unknown_reference", "opd_id"),
        ({"kind": "rencana", "title": "RPJMD", "start_year": 2017, "end_year": 2022}, 422, "validation_error", "kind"),
        ({"kind": "rpjmd", "title": "RPJMD", "start_year": 1800, "end_year": 2022}, 422, "validation_error", "start_year"),
        ({"kind": "rpjmd", "title": "RPJMD", "start_year": 2017, "end_year": 2022, "n_items": 3}, 422, "validation_error", "n_items"),
        ({"kind": "rpjmd", "title": "RPJMD"}, 422, "validation_error", "start_year"),
    ],
)
def test_plan_create_refusals(as_koordinator, ambon, unchanged, payload, status, code, field):
    with unchanged():
        response = as_koordinator("post", "/plans", payload)
    body = response.json()
    assert response.status_code == status and body["code"] == code
    assert field in _fields(body)


def test_rpjmd_with_a_department_is_refused(as_koordinator, ambon, dinkes, unchanged):
    with unchanged():
        response = as_koordinator(
            "post", "/plans", {"kind": "rpjmd", "title": "RPJMD", "start_year": 2017, "end_year": 2022, "opd_id": dinkes.pk}
        )
    assert response.status_code == 400 and response.json()["code"] == "plan_opd_not_allowed"


def test_duplicate_plan_is_409(as_koordinator, rpjmd, unchanged):
    with unchanged():
        response = as_koordinator("post", "/plans", {"kind": "rpjmd", "title": "RPJMD lain", "start_year": 2017, "end_year": 2022})
    assert response.status_code == 409 and response.json()["code"] == "duplicate"


def test_another_citys_department_answers_like_a_missing_one(as_koordinator, ambon, tual, unchanged):
    """The reproduced leak: another city's opd_id used to answer with that department's name."""
    other = OpdFactory(city=tual, name="Dinas Rahasia Kota Tual", short_name="Rahasia")
    payload = {"kind": "renstra", "title": "Renstra", "start_year": 2017, "end_year": 2022}
    with unchanged():
        foreign = as_koordinator("post", "/plans", {**payload, "opd_id": other.pk})
        missing = as_koordinator("post", "/plans", {**payload, "opd_id": MISSING})
    body = _same_answer(foreign, missing, other.pk)
    assert body["code"] == "unknown_reference" and body["errors"][0]["field"] == "opd_id"
    assert "Rahasia" not in foreign.content.decode()


def test_another_citys_department_in_a_patch(as_koordinator, rpjmd, tual, unchanged):
    other = OpdFactory(city=tual)
    with unchanged():
        foreign = as_koordinator("patch", f"/plans/{rpjmd.pk}", {"kind": "renstra", "opd_id": other.pk})
        missing = as_koordinator("patch", f"/plans/{rpjmd.pk}", {"kind": "renstra", "opd_id": MISSING})
    assert _same_answer(foreign, missing, other.pk)["code"] == "unknown_reference"


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"title": None}, "validation_error"),
        ({"kind": None}, "validation_error"),
        ({"city_id": 1}, "validation_error"),
        ({"start_year": 2023}, "range_reversed"),
    ],
)
def test_plan_patch_refusals(as_koordinator, rpjmd, unchanged, payload, code):
    with unchanged():
        response = as_koordinator("patch", f"/plans/{rpjmd.pk}", payload)
    assert response.json()["code"] == code


def test_another_citys_plan_is_404_like_a_missing_one(as_user, kementerian, ambon, tual, unchanged):
    call = as_user(kementerian)
    other = PlanDocumentFactory(city=tual, title="Rahasia Tual")
    with unchanged():
        for method, suffix, payload in (
            ("get", "", None),
            ("patch", "", {"title": "x"}),
            ("delete", "", None),
            ("get", "/items", None),
            ("post", "/items", {"kind": "vision", "text": "Visi"}),
        ):
            foreign = call(method, f"/plans/{other.pk}{suffix}", payload)
            missing = call(method, f"/plans/{MISSING}{suffix}", payload)
            body = _same_answer(foreign, missing, other.pk)
            assert foreign.status_code == 404 and body["code"] == "not_found" and "Rahasia" not in body["message"]


def test_plan_writes_forbidden_for_operator(as_user, operator_dinkes, rpjmd, dinkes, tual, unchanged):
    call = as_user(operator_dinkes)
    other_opd = OpdFactory(city=tual)
    with unchanged():
        created = call("post", "/plans", {"kind": "rpjmd", "title": "x", "start_year": 2023, "end_year": 2026})
        # Permission comes before the body's references: another city's id answers 403 too.
        foreign = call("post", "/plans", {"kind": "renstra", "title": "x", "start_year": 2023, "end_year": 2026, "opd_id": other_opd.pk})
        patched = call("patch", f"/plans/{rpjmd.pk}", {"opd_id": MISSING})
        deleted = call("delete", f"/plans/{rpjmd.pk}")
    for response in (created, foreign, patched, deleted):
        assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_anonymous_write_is_401(client, ambon, unchanged):
    ambon.is_published = True
    ambon.save()
    with unchanged():
        response = client.post(
            BASE + "/plans", {"kind": "rpjmd", "title": "x", "start_year": 2023, "end_year": 2026}, content_type="application/json"
        )
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


def test_delete_plan_with_links_is_still_linked(as_koordinator, rpjmd_programme, programme_dinkes, unchanged):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with unchanged():
        response = as_koordinator("delete", f"/plans/{rpjmd_programme.document_id}")
    assert response.status_code == 409 and response.json()["code"] == "still_linked"


# --- plan items -------------------------------------------------------------------------------


def test_item_crud(as_koordinator, rpjmd_programme, programme_dinkes):
    doc = rpjmd_programme.document_id
    created = as_koordinator(
        "post",
        f"/plans/{doc}/items",
        {"kind": "activity", "code": "1.02.02.2.01", "text": "Penyediaan Fasilitas", "parent_id": rpjmd_programme.pk},
    )
    assert created.status_code == 201
    item = created.json()
    assert item["plan_id"] == doc and item["parent_id"] == rpjmd_programme.pk and item["link_count"] == 0 and item["order"] == 1
    assert item["kind"] == "activity" and item["kind_label"]
    patched = as_koordinator("patch", f"/plans/{doc}/items/{item['id']}", {"text": "Penyediaan Fasilitas Pelayanan Kesehatan"})
    assert patched.json()["text"] == "Penyediaan Fasilitas Pelayanan Kesehatan" and patched.json()["code"] == "1.02.02.2.01"
    assert as_koordinator("get", f"/plans/{doc}/items/{item['id']}").json()["parent_id"] == rpjmd_programme.pk
    listed = as_koordinator("get", f"/plans/{doc}/items?kind=activity").json()
    assert listed["count"] == 1
    assert as_koordinator("delete", f"/plans/{doc}/items/{item['id']}").status_code == 204
    assert not PlanItem.objects.filter(pk=item["id"]).exists()


@pytest.mark.parametrize(
    "payload, status, code, field",
    [
        ({"kind": "programme", "code": "2.16", "text": "x"}, 400, "nomenclature_code_invalid", "code"),
        ({"kind": "programme", "code": "", "text": "x"}, 400, "required", "code"),
        ({"kind": "programme", "code": "1.02.02", "text": "x"}, 409, "duplicate", "code"),
        ({"kind": "mission", "text": "Misi tanpa visi"}, 400, "parent_kind_not_allowed", "parent_id"),
        ({"kind": "activity", "code": "2.16.02.2.01", "text": "x", "parent_id": "PARENT"}, 400, "code_outside_parent", "code"),
        ({"kind": "goal", "text": "x", "parent_id": MISSING}, 400, "unknown_reference", "parent_id"),
        ({"kind": "goal", "text": "x", "parent_id": 0}, 422, "validation_error", "parent_id"),
        ({"kind": "planet", "text": "x"}, 422, "validation_error", "kind"),
    ],
)
def test_item_create_refusals(as_koordinator, rpjmd_programme, unchanged, payload, status, code, field):
    if payload.get("parent_id") == "PARENT":
        payload = {**payload, "parent_id": rpjmd_programme.pk}
    with unchanged():
        response = as_koordinator("post", f"/plans/{rpjmd_programme.document_id}/items", payload)
    body = response.json()
    assert response.status_code == status and body["code"] == code and field in _fields(body)


def test_parent_of_another_plan_is_refused(as_koordinator, ambon, rpjmd, unchanged):
    rkpd = PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RKPD, start_year=2021, end_year=2021)
    goal = PlanItemFactory(document=rkpd, kind=PlanItem.Kind.GOAL, code="")
    with unchanged():
        response = as_koordinator(
            "post", f"/plans/{rpjmd.pk}/items", {"kind": "programme", "code": "2.16.02", "text": "x", "parent_id": goal.pk}
        )
    assert response.status_code == 400 and response.json()["code"] == "parent_other_plan"


def test_another_citys_parent_answers_like_a_missing_one(as_user, kementerian, rpjmd, tual, unchanged):
    call = as_user(kementerian)
    goal = PlanItemFactory(document=PlanDocumentFactory(city=tual), kind=PlanItem.Kind.GOAL, code="", text="Tujuan rahasia")
    item = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.PROGRAMME, code="2.16.02")
    payload = {"kind": "programme", "code": "2.16.03", "text": "x"}
    with unchanged():
        foreign = call("post", f"/plans/{rpjmd.pk}/items", {**payload, "parent_id": goal.pk})
        missing = call("post", f"/plans/{rpjmd.pk}/items", {**payload, "parent_id": MISSING})
        assert _same_answer(foreign, missing, goal.pk)["code"] == "unknown_reference"
        foreign = call("patch", f"/plans/{rpjmd.pk}/items/{item.pk}", {"parent_id": goal.pk})
        missing = call("patch", f"/plans/{rpjmd.pk}/items/{item.pk}", {"parent_id": MISSING})
        assert _same_answer(foreign, missing, goal.pk)["code"] == "unknown_reference"
    assert "rahasia" not in foreign.content.decode()


def test_item_of_another_plan_or_city_is_404(as_user, kementerian, ambon, rpjmd, tual, unchanged):
    call = as_user(kementerian)
    rkpd_item = PlanItemFactory(document=PlanDocumentFactory(city=ambon, kind=PlanDocument.Kind.RKPD, start_year=2021, end_year=2021))
    tual_item = PlanItemFactory(document=PlanDocumentFactory(city=tual))
    with unchanged():
        for method, payload in (("get", None), ("patch", {"text": "x"}), ("delete", None)):
            missing = call(method, f"/plans/{rpjmd.pk}/items/{MISSING}", payload)
            for other in (rkpd_item, tual_item):
                _same_answer(call(method, f"/plans/{rpjmd.pk}/items/{other.pk}", payload), missing, other.pk)
            assert missing.status_code == 404


@pytest.mark.parametrize(
    "payload, code",
    [
        ({"text": None}, "validation_error"),
        ({"order": None}, "validation_error"),
        ({"order": -1}, "validation_error"),
        ({"document_id": 1}, "validation_error"),
        ({"code": "1.02"}, "nomenclature_code_invalid"),
    ],
)
def test_item_patch_refusals(as_koordinator, rpjmd_programme, unchanged, payload, code):
    with unchanged():
        response = as_koordinator("patch", f"/plans/{rpjmd_programme.document_id}/items/{rpjmd_programme.pk}", payload)
    assert response.json()["code"] == code


def test_item_writes_forbidden_for_a_partner(as_user, mitra, ambon, rpjmd_programme, unchanged):
    ambon.is_published = True
    ambon.save()
    call = as_user(mitra)
    doc = rpjmd_programme.document_id
    with unchanged():
        responses = [
            call("post", f"/plans/{doc}/items", {"kind": "goal", "text": "x", "parent_id": MISSING}),
            call("patch", f"/plans/{doc}/items/{rpjmd_programme.pk}", {"parent_id": MISSING}),
            call("delete", f"/plans/{doc}/items/{rpjmd_programme.pk}"),
        ]
    assert [(r.status_code, r.json()["code"]) for r in responses] == [(403, "forbidden")] * 3


def test_deleting_a_linked_item_is_still_linked(as_koordinator, rpjmd_programme, programme_dinkes, unchanged):
    ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    with unchanged():
        response = as_koordinator("delete", f"/plans/{rpjmd_programme.document_id}/items/{rpjmd_programme.pk}")
    assert response.status_code == 409 and response.json()["code"] == "still_linked"


# --- programme links --------------------------------------------------------------------------


def test_links(as_koordinator, programme_dinkes, rpjmd_programme, unchanged):
    payload = {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk, "note": "misi 2"}
    created = as_koordinator("post", "/alignment/links", payload)
    assert created.status_code == 201
    body = created.json()
    assert body["programme_id"] == programme_dinkes.pk and body["programme_name"] == "Puskesmas Daring"
    assert body["plan_item_code"] == "1.02.02" and body["plan_item_name"] == rpjmd_programme.text and body["plan_item_kind"] == "programme"
    assert body["plan_id"] == rpjmd_programme.document_id and body["plan_kind"] == "rpjmd" and body["plan_kind_label"]
    assert body["plan_name"] == "RPJMD Kota Ambon 2017–2022" and body["note"] == "misi 2"
    with unchanged():
        again = as_koordinator("post", "/alignment/links", payload)
    assert again.status_code == 409 and again.json()["code"] == "duplicate" and again.json()["errors"][0]["field"] == "plan_item_id"
    assert as_koordinator("get", f"/alignment/links?programme_id={programme_dinkes.pk}").json()["count"] == 1
    assert as_koordinator("get", f"/alignment/links?plan_item_id={rpjmd_programme.pk}").json()["items"][0]["id"] == body["id"]
    assert as_koordinator("delete", f"/alignment/links/{body['id']}").status_code == 204
    assert not ProgrammeLink.objects.exists()


def test_vision_is_not_linkable(as_koordinator, rpjmd, programme_dinkes, unchanged):
    vision = PlanItemFactory(document=rpjmd, kind=PlanItem.Kind.VISION, code="")
    with unchanged():
        response = as_koordinator("post", "/alignment/links", {"programme_id": programme_dinkes.pk, "plan_item_id": vision.pk})
    assert response.status_code == 400 and response.json()["code"] == "not_linkable"


@pytest.mark.parametrize("role", ["kementerian", "koordinator"])
def test_another_citys_programme_or_item_answers_like_a_missing_one(
    role, personas, as_user, tual, programme_dinkes, rpjmd_programme, unchanged
):
    call = as_user(personas[role])
    programme = ProgrammeFactory(masterplan__city=tual, name="Program Rahasia Tual")
    item = PlanItemFactory(document=PlanDocumentFactory(city=tual), text="Butir rahasia")
    with unchanged():
        foreign = call("post", "/alignment/links", {"programme_id": programme.pk, "plan_item_id": rpjmd_programme.pk})
        missing = call("post", "/alignment/links", {"programme_id": MISSING, "plan_item_id": rpjmd_programme.pk})
        body = _same_answer(foreign, missing, programme.pk)
        assert foreign.status_code == 400 and body["code"] == "unknown_reference" and body["errors"][0]["field"] == "programme_id"
        foreign = call("post", "/alignment/links", {"programme_id": programme_dinkes.pk, "plan_item_id": item.pk})
        missing = call("post", "/alignment/links", {"programme_id": programme_dinkes.pk, "plan_item_id": MISSING})
        body = _same_answer(foreign, missing, item.pk)
        assert body["code"] == "unknown_reference" and body["errors"][0]["field"] == "plan_item_id"
    assert not re.search("[Rr]ahasia", foreign.content.decode())


def test_another_citys_link_is_404_like_a_missing_one(as_user, kementerian, ambon, tual, unchanged):
    call = as_user(kementerian)
    link = ProgrammeLinkFactory(
        programme=ProgrammeFactory(masterplan__city=tual), plan_item=PlanItemFactory(document=PlanDocumentFactory(city=tual))
    )
    with unchanged():
        _same_answer(call("delete", f"/alignment/links/{link.pk}"), call("delete", f"/alignment/links/{MISSING}"), link.pk)
    assert ProgrammeLink.objects.filter(pk=link.pk).exists()


def test_operator_links_only_own_programmes(as_user, operator_dinkes, programme_dinkes, programme_dishub, rpjmd_programme, unchanged):
    call = as_user(operator_dinkes)
    own = call("post", "/alignment/links", {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk})
    assert own.status_code == 201
    link = ProgrammeLinkFactory(programme=programme_dishub, plan_item=rpjmd_programme)
    with unchanged():
        other = call("post", "/alignment/links", {"programme_id": programme_dishub.pk, "plan_item_id": MISSING})
        unlink = call("delete", f"/alignment/links/{link.pk}")
    assert other.status_code == 403 and other.json()["code"] == "forbidden"
    assert unlink.status_code == 403 and unlink.json()["code"] == "forbidden"


def test_a_reader_may_not_link_whatever_the_ids(as_user, mitra, ambon, tual, programme_dinkes, rpjmd_programme, unchanged):
    ambon.is_published = True
    ambon.save()
    call = as_user(mitra)
    link = ProgrammeLinkFactory(programme=programme_dinkes, plan_item=rpjmd_programme)
    foreign = ProgrammeFactory(masterplan__city=tual)
    with unchanged():
        responses = [
            call("post", "/alignment/links", {"programme_id": pid, "plan_item_id": rpjmd_programme.pk})
            for pid in (programme_dinkes.pk, MISSING, foreign.pk)
        ]
        responses.append(call("delete", f"/alignment/links/{link.pk}"))
    assert [(r.status_code, r.json()["code"]) for r in responses] == [(403, "forbidden")] * 4


def test_link_body_refusals(as_koordinator, programme_dinkes, rpjmd_programme, unchanged):
    with unchanged():
        for payload in (
            {"programme_id": programme_dinkes.pk},
            {"programme_id": 0, "plan_item_id": rpjmd_programme.pk},
            {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk, "note": "x" * 301},
            {"programme_id": programme_dinkes.pk, "plan_item_id": rpjmd_programme.pk, "id": 5},
        ):
            response = as_koordinator("post", "/alignment/links", payload)
            assert response.status_code == 422 and response.json()["code"] == "validation_error", payload


# --- query counts -----------------------------------------------------------------------------


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
    assert all(big <= few for big, few in zip(large, small, strict=True)), (small, large)
    assert small == [12, 8, 5, 6, 5]  # gaps: all counts in one query; a read with a token writes nothing
