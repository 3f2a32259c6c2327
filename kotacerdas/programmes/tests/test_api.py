import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.cities.tests.factories import OpdFactory, StakeholderFactory
from kotacerdas.core.models import AuditEvent
from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.programmes import services
from kotacerdas.programmes.models import ActionStep, Programme, QuickWin
from kotacerdas.programmes.tests.factories import (
    OutputFactory,
    PartnerFactory,
    ProgrammeFactory,
    ProgrammeYearFactory,
    QuickWinFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/cities/81.71"


def _payload(dinkes, **extra):
    return {
        "name": "Telemedisin",
        "dimension_code": "living",
        "element_code": "living-health",
        "lead_opd_id": dinkes.pk,
        "horizon_code": "medium",
        "status_code": "planned",
        "start_year": 2021,
        "end_year": 2022,
        "years": [
            {
                "year": 2021,
                "budget": 100000000,
                "funding": [{"source_code": "apbd", "amount": 100000000}],
            }
        ],
        **extra,
    }


def _rich(plan, n, prefix):
    for i in range(n):
        programme = ProgrammeFactory(masterplan=plan, name=f"{prefix} {i:03d}", is_quick_win=True)
        ProgrammeYearFactory(programme=programme, year=2021, budget=10)
        ProgrammeYearFactory(programme=programme, year=2022, budget=5)
        PartnerFactory(programme=programme)
        programme.supporting_opds.add(programme.lead_opd)
        ActionStep.objects.create(programme=programme, order=1, year=2021, description="Survei", opd=programme.lead_opd)
        ActionStep.objects.create(programme=programme, order=2, year=2022, description="Uji coba", opd=programme.lead_opd)
        QuickWinFactory(programme=programme)


def _send(client, method, url, body, headers):
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)


def test_list_shape_and_filters(client, api_token, koordinator, plan, dinkes):
    programme = ProgrammeFactory(masterplan=plan, lead_opd=dinkes, name="Rekam Medis")
    ProgrammeYearFactory(programme=programme, year=2021, budget=300)
    ProgrammeYearFactory(programme=programme, year=2022, budget=200)
    ProgrammeFactory(masterplan=plan, name="Lain", dimension_id=programme.dimension_id)
    headers = api_token(koordinator)
    body = client.get(f"{API}/programmes", headers=headers).json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["name"] == "Rekam Medis")
    assert item == {
        "id": programme.pk,
        "version": 1,
        "name": "Rekam Medis",
        "dimension_code": "living",
        "dimension_name": programme.dimension.name,
        "element_code": "living-health",
        "element_name": programme.element.name,
        "lead_opd_id": dinkes.pk,
        "lead_opd_name": "Dinas Kesehatan",
        "horizon_code": "medium",
        "horizon_name": programme.horizon.name,
        "start_year": 2021,
        "end_year": 2023,
        "status_code": "running",
        "status_name": programme.status.name,
        "is_quick_win": False,
        "budget_total": 500,
    }
    assert client.get(f"{API}/programmes?opd_id={dinkes.pk}", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/programmes?q=rekam&status_code=running", headers=headers).json()["count"] == 1
    assert client.get(f"{API}/programmes?funding_source_code=dak", headers=headers).json()["count"] == 0
    assert client.get(f"{API}/programmes?is_quick_win=false", headers=headers).json()["count"] == 2
    assert client.get(f"{API}/programmes?limit=1&offset=1", headers=headers).json()["count"] == 2
    assert len(client.get(f"{API}/programmes?limit=1", headers=headers).json()["items"]) == 1
    assert client.get(f"{API}/programmes?limit=501", headers=headers).json()["code"] == "validation_error"


@pytest.mark.parametrize("url", ["/programmes", "/programmes/{first}", "/quick-wins", "/programmes/by-dimension"])
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
    idea = OutputFactory(
        workshop=WorkshopFactory(masterplan=plan, number=2), proposed_by_opd=dinkes, text="Telemedisin\nKonsultasi daring."
    )
    payload = _payload(
        dinkes,
        supporting_opd_ids=[diskominfo.pk],
        partners=[{"stakeholder_id": bumn.pk, "role": "funder"}],
        district_code="81.71.02",
        origin_output_id=idea.pk,
    )
    response = _send(client, "post", f"{API}/programmes", payload, api_token(koordinator))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["budget_total"] == 100000000
    assert [(f["source_code"], f["amount"], f["stakeholder_id"]) for f in body["years"][0]["funding"]] == [("apbd", 100000000, None)]
    assert body["years"][0]["funding"][0]["source_name"]
    assert body["partners"] == [
        {"stakeholder_id": bumn.pk, "stakeholder_name": bumn.name, "role": "funder", "role_label": "penyandang dana"}
    ]
    assert body["supporting_opd_ids"] == [diskominfo.pk] and body["supporting_opd_names"] == [diskominfo.name]
    assert body["district_code"] == "81.71.02" and body["district_name"] and body["village_code"] is None
    assert (body["origin_output_id"], body["origin_output_name"], body["origin_bimtek_number"], body["origin_proposer_name"]) == (
        idea.pk,
        "Telemedisin",
        2,
        "Dinas Kesehatan",
    )
    assert body["quick_win"] is None and body["evidence"] == []
    assert AuditEvent.objects.filter(model="programmes.programme", action="create", actor=koordinator).exists()


@pytest.mark.parametrize(
    "change, status, code, field",
    [
        ({"start_year": 2018}, 400, "out_of_range", "start_year"),
        ({"element_code": "economy-industry"}, 400, "element_not_in_dimension", "element_code"),
        ({"element_code": "nope"}, 400, "unknown_code", "element_code"),
        ({"dimension_code": "nope"}, 400, "unknown_code", "dimension_code"),
        ({"horizon_code": "nope"}, 400, "unknown_code", "horizon_code"),
        ({"status_code": "nope"}, 400, "unknown_code", "status_code"),
        ({"lead_opd_id": 999999}, 400, "unknown_reference", "lead_opd_id"),
        ({"supporting_opd_ids": [999999]}, 400, "unknown_reference", "supporting_opd_ids"),
        ({"district_code": "81.71"}, 400, "region_outside_city", "district_code"),
        ({"district_code": "81.71.02", "village_code": "81.71.01.1006"}, 400, "village_not_in_district", "village_code"),
        ({"district_code": "99.99.99"}, 400, "unknown_code", "district_code"),
        ({"origin_output_id": 999999}, 400, "unknown_reference", "origin_output_id"),
        ({"partners": [{"stakeholder_id": 999999, "role": "funder"}]}, 400, "unknown_reference", "partners.0.stakeholder_id"),
        ({"years": [{"year": 2021, "budget": -1}]}, 400, "out_of_range", "years"),
        (
            {"years": [{"year": 2021, "funding": [{"source_code": "hutang", "amount": 0}]}]},
            400,
            "unknown_code",
            "years.0.funding.0.source_code",
        ),
        ({"years": [{"year": 2021, "status_code": "nope"}]}, 400, "unknown_code", "years.0.status_code"),
        (
            {"years": [{"year": 2021, "budget": 5, "funding": [{"source_code": "apbd", "amount": 4}]}]},
            400,
            "funding_not_matching_budget",
            "years",
        ),
        (
            {"years": [{"year": 2021, "funding": [{"source_code": "apbd", "amount": 0, "stakeholder_id": 999999}]}]},
            400,
            "unknown_reference",
            "years.0.funding.0.stakeholder_id",
        ),
        ({"start_year": "dua ribu"}, 422, "validation_error", "start_year"),
        ({"colour": "red"}, 422, "validation_error", "colour"),
        ({"partners": [{"stakeholder_id": 1, "role": "boss"}]}, 422, "validation_error", "partners.0.role"),
        ({"lead_opd_id": 2**63}, 422, "validation_error", "lead_opd_id"),
    ],
)
def test_create_bad_input_has_stable_codes(change, status, code, field, client, api_token, koordinator, plan, dinkes, unchanged):
    headers = api_token(koordinator)
    with unchanged():
        response = _send(client, "post", f"{API}/programmes", _payload(dinkes, **change), headers)
    body = response.json()
    assert (response.status_code, body["code"]) == (status, code)
    # (422s name the field under the body's name, `payload.…`)
    assert any(e["field"] in (field, f"payload.{field}") for e in body["errors"]), body


def test_another_citys_ids_answer_like_missing_ones(client, api_token, koordinator, plan, dinkes, tual):
    """An id of Tual's records is answered exactly as an id that does not exist, with no name in the message."""
    tual_plan = MasterplanFactory(city=tual)
    foreign = {
        "lead_opd_id": OpdFactory(city=tual, name="Dinas Rahasia Tual"),
        "origin_output_id": OutputFactory(workshop=WorkshopFactory(masterplan=tual_plan)),
    }
    headers = api_token(koordinator)
    for field, record in foreign.items():
        answers = [_send(client, "post", f"{API}/programmes", _payload(dinkes, **{field: pk}), headers) for pk in (record.pk, 999999)]
        (theirs, missing) = [(r.status_code, r.json()) for r in answers]
        assert theirs[0] == missing[0] == 400 and theirs[1]["code"] == missing[1]["code"] == "unknown_reference"
        assert theirs[1]["message"].replace(str(record.pk), "N") == missing[1]["message"].replace("999999", "N")
        assert "Rahasia" not in theirs[1]["message"]
    stakeholder = StakeholderFactory(city=tual)
    theirs = _send(
        client, "post", f"{API}/programmes", _payload(dinkes, partners=[{"stakeholder_id": stakeholder.pk, "role": "funder"}]), headers
    )
    assert (theirs.status_code, theirs.json()["code"]) == (400, "unknown_reference")
    programme = ProgrammeFactory(masterplan=tual_plan)
    for method in ("get", "patch", "delete"):
        body = {} if method == "patch" else None
        theirs = getattr(client, method)(f"{API}/programmes/{programme.pk}", body, content_type="application/json", headers=headers)
        missing = getattr(client, method)(f"{API}/programmes/999999", body, content_type="application/json", headers=headers)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json()["message"].replace(str(programme.pk), "N") == missing.json()["message"].replace("999999", "N")
    assert not Programme.objects.filter(masterplan=plan).exists()


def test_duplicate_name_conflict(client, api_token, koordinator, plan, dinkes, unchanged):
    ProgrammeFactory(masterplan=plan, name="Telemedisin")
    headers = api_token(koordinator)
    with unchanged():
        response = _send(client, "post", f"{API}/programmes", _payload(dinkes), headers)
    assert (response.status_code, response.json()["code"]) == (409, "duplicate")


@pytest.mark.parametrize(
    "persona, status",
    [
        ("kementerian", 201),
        ("penilai", 403),
        ("koordinator", 201),
        ("operator_dinkes", 201),
        ("mitra", 403),
        ("koordinator_lain", 404),
    ],
)
def test_create_permissions(persona, status, personas, client, api_token, plan, dinkes):
    response = _send(client, "post", f"{API}/programmes", _payload(dinkes), api_token(personas[persona]))
    assert response.status_code == status


@pytest.mark.parametrize("persona", ["penilai", "mitra"])
def test_who_may_not_write_is_refused_before_body_ids_are_looked_up(persona, personas, client, api_token, plan, dinkes, unchanged):
    body = _payload(dinkes, lead_opd_id=999999, supporting_opd_ids=[999998], partners=[{"stakeholder_id": 999997, "role": "funder"}])
    headers = api_token(personas[persona])
    with unchanged():
        response = _send(client, "post", f"{API}/programmes", body, headers)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_anonymous_write_is_401(client, plan, dinkes, unchanged):
    plan.city.is_published = True
    plan.city.save()
    assert client.get(f"{API}/programmes").status_code == 200
    with unchanged():
        response = client.post(f"{API}/programmes", _payload(dinkes), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_patch_and_operator_limits(client, api_token, operator_dinkes, koordinator, health_programme, dishub, unchanged):
    url = f"{API}/programmes/{health_programme.pk}"
    headers = api_token(operator_dinkes)
    response = _send(client, "patch", url, {"status_code": "realised", "years": [{"year": 2022, "budget": 7}]}, headers)
    assert response.status_code == 200 and response.json()["status_code"] == "realised" and response.json()["budget_total"] == 7
    other = ProgrammeFactory(masterplan=health_programme.masterplan, lead_opd=dishub)
    with unchanged():
        response = _send(client, "patch", url, {"lead_opd_id": dishub.pk}, headers)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
        assert _send(client, "patch", f"{API}/programmes/{other.pk}", {"name": "x"}, headers).status_code == 403
        # Not the operator's programme: refused before the body's ids are looked up.
        response = _send(client, "patch", f"{API}/programmes/{other.pk}", {"supporting_opd_ids": [999999]}, headers)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
        response = _send(client, "patch", url, {"name": None}, headers)
        assert (response.status_code, response.json()["code"]) == (422, "validation_error")
        response = _send(client, "patch", url, {"end_year": 2021}, headers)
        assert (response.status_code, response.json()["code"]) == (400, "out_of_range")
    assert client.get(f"{API}/programmes/999999", headers=headers).json()["code"] == "not_found"


def test_patch_null_clears_and_absent_keeps(client, api_token, koordinator, health_programme):
    health_programme.district_id = "81.71.02"
    health_programme.person_in_charge = "dr. Lestari"
    health_programme.save()
    url = f"{API}/programmes/{health_programme.pk}"
    body = _send(client, "patch", url, {"lead_opd_id": None, "district_code": None}, api_token(koordinator)).json()
    assert body["lead_opd_id"] is None and body["district_code"] is None and body["person_in_charge"] == "dr. Lestari"


def test_delete_linked_programme_is_409_then_forced(client, api_token, koordinator, mitra, health_programme, unchanged):
    QuickWinFactory(programme=health_programme, stage="selected")
    headers, mitra_headers = api_token(koordinator), api_token(mitra)
    url = f"{API}/programmes/{health_programme.pk}"
    with unchanged():
        response = client.delete(url, headers=headers)
        assert (response.status_code, response.json()["code"]) == (409, "still_linked")
        response = client.delete(url + "?force=true", headers=mitra_headers)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert client.delete(url + "?force=true", headers=headers).status_code == 204
    assert not Programme.objects.filter(pk=health_programme.pk).exists()


def test_quick_win_endpoints(client, api_token, koordinator, operator_dinkes, mitra, health_programme, unchanged):
    url = f"{API}/programmes/{health_programme.pk}/quick-win"
    operator, coordinator, partner = api_token(operator_dinkes), api_token(koordinator), api_token(mitra)
    sheet = {"problem": "Antrean", "innovation": "Daring", "benefit": "Cepat"}
    response = _send(client, "put", url, sheet, operator)
    assert response.status_code == 200 and response.json()["stage"] == "candidate" and response.json()["stage_label"]
    with unchanged():
        response = _send(client, "put", url, {"stage": "selected"}, operator)
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
        response = _send(client, "put", url, {"scores": {"benefit": 9}}, coordinator)
        assert (response.status_code, response.json()["code"]) == (400, "out_of_range")
        response = _send(client, "put", url, {"stage": "winner"}, coordinator)
        assert (response.status_code, response.json()["code"]) == (422, "validation_error")
        response = _send(client, "put", url, {"problem": None}, coordinator)
        assert (response.status_code, response.json()["code"]) == (422, "validation_error")
        assert client.delete(url, headers=partner).status_code == 403
    response = _send(client, "put", url, {"scores": {"benefit": 4, "risk-management": 3}, "stage": "shortlisted"}, coordinator)
    body = response.json()
    assert response.status_code == 200 and body["total_score"] == 7 and body["stage"] == "shortlisted" and body["problem"] == "Antrean"
    assert body["programme_id"] == health_programme.pk and body["programme_name"] == health_programme.name
    listing = client.get(f"{API}/quick-wins?stage=shortlisted", headers=api_token(koordinator)).json()
    assert listing["count"] == 1 and listing["items"][0]["scores"] == {"benefit": 4, "risk-management": 3}
    assert client.get(f"{API}/programmes/{health_programme.pk}", headers=api_token(koordinator)).json()["quick_win"]["total_score"] == 7
    assert client.delete(url, headers=api_token(koordinator)).status_code == 204
    assert not QuickWin.objects.exists()


def test_operator_sheet_with_scores_changes_nothing(client, api_token, operator_dinkes, health_programme, unchanged):
    """The operator may write the sheet of its programme, not its scores: the request with both is refused whole."""
    url = f"{API}/programmes/{health_programme.pk}/quick-win"
    headers = api_token(operator_dinkes)
    with unchanged():
        response = _send(client, "put", url, {"problem": "Antrean", "scores": {"benefit": 4}}, headers)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert not Programme.objects.get(pk=health_programme.pk).is_quick_win and not QuickWin.objects.exists()


def test_quick_wins_list_paginates(client, api_token, koordinator, plan):
    _rich(plan, 3, "Cepat")
    headers = api_token(koordinator)
    body = client.get(f"{API}/quick-wins?limit=2&offset=2", headers=headers).json()
    assert body["count"] == 3 and len(body["items"]) == 1


def test_summary_by_dimension(client, api_token, koordinator, plan, ref):
    realised = ProgrammeFactory(masterplan=plan, status=ref.status["realised"])
    ProgrammeYearFactory(programme=realised, year=2021, budget=400)
    ProgrammeFactory(masterplan=plan)
    body = client.get(f"{API}/programmes/by-dimension", headers=api_token(koordinator)).json()
    assert body["count"] == 6 and len(body["items"]) == 6
    living = next(row for row in body["items"] if row["dimension_code"] == "living")
    assert (living["programme_count"], living["realised_programme_count"], living["budget"], living["realisation_ratio"]) == (
        2,
        1,
        400,
        0.5,
    )
    assert living["dimension_name"] == ref.dimension["living"].name


# --- evidence files -------------------------------------------------------------------------


def _upload(programme, actor, name="Laporan Puskesmas.pdf", content=b"%PDF-1.4\nisi laporan"):
    return services.evidence_upload(actor=actor, programme=programme, file=SimpleUploadedFile(name, content), description="Laporan")


def test_detail_lists_evidence_with_a_download_url_that_serves_the_file(client, api_token, koordinator, health_programme):
    evidence = _upload(health_programme, koordinator)
    headers = api_token(koordinator)
    item = client.get(f"{API}/programmes/{health_programme.pk}", headers=headers).json()["evidence"][0]
    assert (item["id"], item["file_name"], item["content_type"]) == (evidence.pk, "Laporan Puskesmas.pdf", "application/pdf")
    assert item["download_url"].startswith("http") and "Laporan" not in item["download_url"]
    response = client.get(item["download_url"], headers=headers)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4\nisi laporan"
    assert response["Content-Disposition"].startswith("attachment;") and "Laporan Puskesmas.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"


def test_evidence_file_out_of_scope_is_404(client, api_token, koordinator, koordinator_lain, health_programme, plan):
    evidence = _upload(health_programme, koordinator)
    url = f"{API}/programmes/{health_programme.pk}/evidence/{evidence.pk}/file"
    assert client.get(url, headers=api_token(koordinator_lain)).status_code == 404
    assert client.get(url).status_code == 404  # the public, city not published
    assert (
        client.get(f"{API}/programmes/{health_programme.pk + 1}/evidence/{evidence.pk}/file", headers=api_token(koordinator)).status_code
        == 404
    )
    plan.city.is_published = True
    plan.city.save()
    assert client.get(url).status_code == 200


def test_action_plan_round_trip(client, api_token, koordinator, operator_dinkes, plan, dinkes, diskominfo, dishub, unchanged):
    steps = [
        {"year": 2021, "description": "Survei kebutuhan", "milestone": "Laporan survei", "opd_id": dinkes.pk},
        {"year": 2022, "description": "Uji coba", "opd_id": diskominfo.pk},
    ]
    response = _send(
        client, "post", f"{API}/programmes", _payload(dinkes, supporting_opd_ids=[diskominfo.pk], steps=steps), api_token(koordinator)
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [(s["year"], s["description"], s["milestone"], s["opd_id"], s["opd_name"]) for s in body["steps"]] == [
        (2021, "Survei kebutuhan", "Laporan survei", dinkes.pk, dinkes.name),
        (2022, "Uji coba", "", diskominfo.pk, diskominfo.name),
    ]
    url = f"{API}/programmes/{body['id']}"
    headers = api_token(operator_dinkes)
    response = _send(client, "patch", url, {"steps": [steps[1]]}, headers)
    assert response.status_code == 200 and [s["description"] for s in response.json()["steps"]] == ["Uji coba"]
    with unchanged():
        response = _send(client, "patch", url, {"steps": [{**steps[1], "year": 2030}]}, headers)
        assert (response.status_code, response.json()["code"], response.json()["errors"][0]["field"]) == (
            400,
            "step_outside_years",
            "steps",
        )
        response = _send(client, "patch", url, {"steps": [{**steps[1], "opd_id": dishub.pk}]}, headers)
        assert (response.status_code, response.json()["code"]) == (400, "step_opd_not_in_programme")
        response = _send(client, "patch", url, {"steps": [{**steps[1], "opd_id": 999999}]}, headers)
        assert (response.status_code, response.json()["code"], response.json()["errors"][0]["field"]) == (
            400,
            "unknown_reference",
            "steps.0.opd_id",
        )
    assert client.get(url, headers=headers).json()["steps"][0]["description"] == "Uji coba"
