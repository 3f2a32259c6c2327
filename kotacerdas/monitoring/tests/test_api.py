"""The API: indicators, targets, realised values, verification, evidence, progress (docs/api.md)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.framework.models import ProgrammeStatus
from kotacerdas.monitoring.models import Realisation
from kotacerdas.programmes.tests.factories import ProgrammeFactory

API = "/api/v1/cities"


def test_indicator_targets_realisation_verify(client, api_token, koordinator, operator_dinkes, plan, health):
    base = f"{API}/{plan.city.code}"
    op, co = api_token(operator_dinkes), api_token(koordinator)
    response = client.post(
        f"{base}/programmes/{health.pk}/indicators",
        {"name": "Puskesmas terhubung", "unit": "puskesmas", "baseline": "2", "baseline_year": 2020, "reference_codes": ["sdg:3.8.1"]},
        content_type="application/json",
        headers=op,
    )
    assert response.status_code == 201, response.json()
    indicator = response.json()
    assert indicator["reference_codes"] == ["sdg:3.8.1"] and Decimal(indicator["baseline_number"]) == 2
    response = client.put(
        f"{base}/indicators/{indicator['id']}/targets",
        {"targets": [{"year": 2021, "value": "5"}, {"year": 2022, "value": 10}]},
        content_type="application/json",
        headers=op,
    )
    assert response.status_code == 200 and response.json()["count"] == 2
    response = client.post(
        f"{base}/indicators/{indicator['id']}/realisations",
        {"year": 2021, "value": "6", "note": "Laporan", "links": ["https://contoh.go.id/laporan"]},
        content_type="application/json",
        headers=op,
    )
    assert response.status_code == 201, response.json()
    realisation = response.json()
    assert realisation["status"] == "entered" and realisation["target_met"] is True and len(realisation["evidence"]) == 1
    upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    response = client.post(f"{base}/realisations/{realisation['id']}/evidence", {"file": upload, "description": "Laporan"}, headers=op)
    assert response.status_code == 201, response.json()
    download = response.json()["download_url"]
    assert client.get(download, headers=co).status_code == 200
    listed = client.get(f"{base}/realisations?status=entered", headers=co).json()
    assert listed["count"] == 1
    response = client.post(f"{base}/realisations/{realisation['id']}/verify", headers=co)
    assert response.status_code == 200 and response.json()["status"] == "verified"
    response = client.patch(f"{base}/realisations/{realisation['id']}", {"value": "7"}, content_type="application/json", headers=op)
    assert response.status_code == 409 and response.json()["code"] == "already_verified"


def test_refusals_are_4xx_with_codes_and_change_nothing(
    client, api_token, operator_dinkes, koordinator, plan, indicator, entered, unchanged
):
    base = f"{API}/{plan.city.code}"
    op = api_token(operator_dinkes)
    co = api_token(koordinator)
    cases = [
        ("post", f"{base}/indicators/{indicator.pk}/realisations", {"year": 2022, "value": "lihat lampiran"}, op, 400, "not_a_number"),
        ("post", f"{base}/indicators/{indicator.pk}/realisations", {"year": 2030, "value": "3"}, op, 400, "year_outside_programme"),
        ("post", f"{base}/indicators/{indicator.pk}/realisations", {"year": 2021, "value": "3"}, op, 409, "duplicate"),
        ("post", f"{base}/realisations/{entered.pk}/verify", None, op, 403, "forbidden"),
        ("post", f"{base}/realisations/{entered.pk}/return", {"reason": ""}, co, 400, "required"),
        ("put", f"{base}/indicators/{indicator.pk}/targets", {"targets": [{"year": 2022, "value": "N/A"}]}, op, 400, "not_a_number"),
    ]
    for method, path, body, headers, status, code in cases:
        with unchanged():
            response = getattr(client, method)(path, body, content_type="application/json", headers=headers)
        assert (response.status_code, response.json()["code"]) == (status, code), (path, response.json())
        if code == "not_a_number":
            assert "Puskesmas terhubung" in response.json()["message"]


def test_bad_evidence_file(client, api_token, operator_dinkes, plan, entered, unchanged):
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", content_type="application/pdf")
    headers = api_token(operator_dinkes)
    with unchanged():
        response = client.post(f"{API}/{plan.city.code}/realisations/{entered.pk}/evidence", {"file": upload}, headers=headers)
    assert response.status_code == 400 and response.json()["code"] == "file_invalid"


def test_progress(client, kementerian, api_token, plan, django_assert_max_num_queries):
    realised = ProgrammeStatus.objects.get(code="realised")
    running = ProgrammeStatus.objects.get(code="running")
    for i in range(9):
        ProgrammeFactory(masterplan=plan, status=realised, name=f"R{i}")
    ProgrammeFactory(masterplan=plan, status=running, name="Berjalan")
    headers = api_token(kementerian)
    with django_assert_max_num_queries(10):
        body = client.get(f"{API}/{plan.city.code}/progress", headers=headers).json()
    assert (body["ratio"], body["numerator"], body["denominator"]) == ("90.00", 9, 10)
    living = next(d for d in body["dimensions"] if d["code"] == "living")
    assert living["ratio"] == "90.00" and len(living["elements"]) == 3


@pytest.mark.parametrize("persona", ["penilai", "mitra", "koordinator_lain"])
def test_readers_cannot_write(persona, personas, client, api_token, plan, indicator, unchanged):
    status = 404 if persona == "koordinator_lain" else 403
    headers = api_token(personas[persona])
    with unchanged():
        response = client.post(
            f"{API}/{plan.city.code}/indicators/{indicator.pk}/realisations",
            {"year": 2022, "value": "3"},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == status
    assert not Realisation.objects.filter(year=2022).exists()


def test_indicator_codes_search(client, api_token, koordinator, plan):
    body = client.get(f"{API}/{plan.city.code}/indicator-codes?q=11.6", headers=api_token(koordinator)).json()
    assert body["count"] >= 2 and all(item["framework"] == "sdg" for item in body["items"])
