"""Pages: who sees and does what, refusals change nothing, evidence only through the permission-checked view."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Realisation

PERSONAS = ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"]


def url(city, tail=""):
    return f"/cities/{city.code}/monitoring/{tail}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_overview_and_programme_page_per_persona(persona, personas, login, plan, indicator, entered):
    client = login(personas[persona])
    expected = {"koordinator_lain": 404, "warga": 404}.get(persona, 200)  # the demo city is not published
    assert client.get(url(plan.city)).status_code == expected
    response = client.get(url(plan.city, f"programmes/{indicator.programme_id}/"))
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert ("Enter a realised value" in page or "Isi nilai realisasi" in page) == (
            persona in {"kementerian", "koordinator", "operator_dinkes"}
        )


def test_operator_sees_my_tasks(login, operator_dinkes, plan, indicator):
    page = login(operator_dinkes).get(url(plan.city)).content.decode()
    assert 'id="my-tasks"' in page and "Puskesmas terhubung" in page


def test_ratio_explains_itself(login, koordinator, plan, indicator):
    page = login(koordinator).get(url(plan.city)).content.decode()
    assert "<details" in page and "× 100" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_entering_a_value_with_evidence(persona, personas, login, plan, indicator, unchanged):
    client = login(personas[persona])
    data = {
        "indicator": indicator.pk,
        "year": 2022,
        "value": "1.234,5",
        "note": "Laporan",
        "file": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"),
    }
    target = url(plan.city, f"programmes/{indicator.programme_id}/realisations/")
    if persona in {"kementerian", "koordinator", "operator_dinkes"}:
        assert client.post(target, data).status_code == 302
        made = Realisation.objects.get(indicator=indicator, year=2022)
        assert made.status == "entered" and made.evidence.count() == 1
    else:
        with unchanged():
            assert client.post(target, data).status_code in {403, 404}


def test_text_in_numeric_indicator_is_shown_on_the_form(login, operator_dinkes, plan, indicator, unchanged):
    with unchanged():
        response = login(operator_dinkes).post(
            url(plan.city, f"programmes/{indicator.programme_id}/realisations/"), {"indicator": indicator.pk, "year": 2022, "value": "N/A"}
        )
    assert response.status_code == 400
    assert "Puskesmas terhubung" in response.content.decode() and "2022" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_verify_and_return_per_persona(persona, personas, login, plan, entered, unchanged):
    client = login(personas[persona])
    if persona in {"kementerian", "koordinator"}:
        assert client.post(url(plan.city, f"realisations/{entered.pk}/return/"), {"reason": "Lengkapi"}).status_code == 302
        entered.refresh_from_db()
        assert entered.status == "returned"
    else:
        with unchanged():
            assert client.post(url(plan.city, f"realisations/{entered.pk}/verify/")).status_code in {403, 404}
            assert client.post(url(plan.city, f"realisations/{entered.pk}/return/"), {"reason": "x"}).status_code in {403, 404}


def test_queue_is_for_coordinators(login, koordinator, operator_dinkes, plan, entered):
    page = login(koordinator).get(url(plan.city, "verification/"))
    assert page.status_code == 200 and "Puskesmas terhubung" in page.content.decode()
    assert login(operator_dinkes).get(url(plan.city, "verification/")).status_code == 403
    assert login(koordinator).post(url(plan.city, f"realisations/{entered.pk}/verify/"), {"next": "queue"}).status_code == 302
    entered.refresh_from_db()
    assert entered.status == "verified"


def test_evidence_download_is_checked(login, koordinator, operator_dinkes, koordinator_lain, plan, indicator):
    made = services.realisation_enter(
        actor=operator_dinkes,
        indicator=indicator,
        year=2022,
        value="3",
        uploads=[SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")],
    )
    evidence = made.evidence.get()
    path = url(plan.city, f"realisations/{made.pk}/evidence/{evidence.pk}/")
    response = login(koordinator).get(path)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "bukti.pdf" in response["Content-Disposition"]
    assert login(koordinator_lain).get(path).status_code == 404


def test_targets_and_indicator_forms(login, operator_dinkes, plan, health):
    client = login(operator_dinkes)
    response = client.post(
        url(plan.city, f"programmes/{health.pk}/indicators/"),
        {
            "kind": "output",
            "name": "Rekam medis elektronik",
            "value_type": "percentage",
            "direction": "higher",
            "baseline": "10%",
            "baseline_year": 2020,
        },
    )
    assert response.status_code == 302
    indicator = health.indicators.get()
    response = client.post(
        url(plan.city, f"programmes/{health.pk}/indicators/{indicator.pk}/targets/"),
        {f"t{indicator.pk}-y2021": "25%", f"t{indicator.pk}-y2022": "50", f"t{indicator.pk}-y2023": ""},
    )
    assert response.status_code == 302
    assert sorted(indicator.targets.values_list("year", flat=True)) == [2021, 2022]


@pytest.mark.parametrize("persona", PERSONAS)
def test_editing_an_indicator_per_persona(persona, personas, login, plan, indicator, unchanged):
    client = login(personas[persona])
    edit = url(plan.city, f"programmes/{indicator.programme_id}/indicators/{indicator.pk}/edit/")
    data = {"kind": "output", "name": "Puskesmas terhubung SIMPUS", "value_type": "number", "direction": "higher", "baseline": "1.234,5"}
    if persona in {"kementerian", "koordinator", "operator_dinkes"}:
        form = client.get(edit).content.decode()
        assert 'value="Puskesmas terhubung"' in form and 'value="puskesmas"' in form
        assert client.post(edit, data).status_code == 302
        indicator.refresh_from_db()
        assert indicator.name == "Puskesmas terhubung SIMPUS" and indicator.baseline_number == Decimal("1234.5")
    else:
        with unchanged():
            assert client.get(edit).status_code in {403, 404}
            assert client.post(edit, data).status_code in {403, 404}


def test_a_refused_indicator_change_stays_on_its_form(login, koordinator, plan, indicator, unchanged):
    edit = url(plan.city, f"programmes/{indicator.programme_id}/indicators/{indicator.pk}/edit/")
    with unchanged():
        response = login(koordinator).post(
            edit, {"kind": "output", "name": "Puskesmas", "value_type": "number", "direction": "higher", "baseline": "N/A"}
        )
    assert response.status_code == 400 and "N/A" in response.content.decode()
