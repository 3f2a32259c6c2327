"""Writes: typed values, years, the entered → verified / returned → re-entered lifecycle, evidence, audit."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.core.errors import ServiceError
from kotacerdas.core.models import AuditEvent
from kotacerdas.monitoring import services
from kotacerdas.monitoring.error_codes import MonitoringError
from kotacerdas.monitoring.models import BudgetRealisation, Indicator, Realisation, RealisationEvidence, ReferenceIndicator

PDF = b"%PDF-1.4\n%demo\n"


def pdf(name="laporan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_indicator_with_baseline_and_reference_codes(koordinator, health):
    codes = list(ReferenceIndicator.objects.filter(framework="sdg", code="3.8.1"))
    assert codes, "the reference loader loads the SDG codes"
    made = services.indicator_create(
        actor=koordinator,
        programme=health,
        kind="outcome",
        name="Cakupan layanan kesehatan",
        value_type="percentage",
        baseline="62,5%",
        baseline_year=2020,
        references=codes,
    )
    assert made.baseline_number == Decimal("62.5") and made.baseline_year == 2020
    assert list(made.references.all()) == codes
    assert AuditEvent.objects.filter(action="create", model="monitoring.indicator", object_pk=str(made.pk)).exists()


@pytest.mark.parametrize("value", ["N/A", "-", "lihat lampiran"])
def test_numeric_indicator_refuses_text_naming_indicator_and_year(operator_dinkes, indicator, value):
    with pytest.raises(ServiceError) as refused:
        services.realisation_enter(actor=operator_dinkes, indicator=indicator, year=2022, value=value)
    assert refused.value.code == MonitoringError.NOT_A_NUMBER
    assert "Puskesmas terhubung" in refused.value.message and "2022" in refused.value.message
    assert not Realisation.objects.exists()


def test_target_refuses_text_too(koordinator, indicator):
    with pytest.raises(ServiceError) as refused:
        services.targets_set(actor=koordinator, indicator=indicator, targets={2022: "N/A"})
    assert refused.value.code == MonitoringError.NOT_A_NUMBER and "2022" in refused.value.message


def test_indonesian_formats_are_stored_as_decimals(operator_dinkes, indicator):
    made = services.realisation_enter(actor=operator_dinkes, indicator=indicator, year=2022, value="1.234,5")
    assert made.value_number == Decimal("1234.5")


def test_year_outside_programme_is_refused(operator_dinkes, indicator):
    with pytest.raises(ServiceError) as refused:
        services.realisation_enter(actor=operator_dinkes, indicator=indicator, year=2024, value="3")
    assert refused.value.code == MonitoringError.YEAR_OUTSIDE_PROGRAMME
    with pytest.raises(ServiceError):
        services.targets_set(actor=operator_dinkes, indicator=indicator, targets={2020: "3"})


def test_lifecycle_entered_returned_reentered_verified(koordinator, operator_dinkes, entered):
    assert entered.status == Realisation.Status.ENTERED and entered.entered_by == operator_dinkes and entered.entered_at
    returned = services.realisation_return(actor=koordinator, realisation=entered, reason="Lampirkan laporan")
    assert returned.status == Realisation.Status.RETURNED and returned.return_reason == "Lampirkan laporan"
    with pytest.raises(ServiceError) as refused:
        services.realisation_verify(actor=koordinator, realisation=returned)
    assert refused.value.code == MonitoringError.NOT_AWAITING_REVIEW
    again = services.realisation_enter(actor=operator_dinkes, indicator=entered.indicator, year=2021, value="7", uploads=[pdf()])
    assert again.pk == entered.pk and again.status == Realisation.Status.ENTERED and again.value_number == 7
    verified = services.realisation_verify(actor=koordinator, realisation=again)
    assert verified.status == Realisation.Status.VERIFIED and verified.reviewed_by == koordinator
    with pytest.raises(ServiceError) as refused:
        services.realisation_enter(actor=operator_dinkes, indicator=entered.indicator, year=2021, value="8")
    assert refused.value.code == MonitoringError.ALREADY_VERIFIED


def test_return_needs_a_reason(koordinator, entered):
    with pytest.raises(ServiceError) as refused:
        services.realisation_return(actor=koordinator, realisation=entered, reason="  ")
    assert refused.value.field == "reason"


def test_evidence_file_is_checked_and_stored_under_a_generated_name(operator_dinkes, indicator, settings):
    made = services.realisation_enter(
        actor=operator_dinkes,
        indicator=indicator,
        year=2022,
        value="9",
        uploads=[pdf("../../rahasia.pdf")],
        links=["https://contoh.go.id/x"],
    )
    files = list(made.evidence.exclude(file=""))
    assert len(files) == 1 and files[0].original_name == "rahasia.pdf"
    assert files[0].file.name.startswith("evidence/") and "rahasia" not in files[0].file.name
    assert made.evidence.filter(url="https://contoh.go.id/x").exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("palsu.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        SimpleUploadedFile("skrip.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
    ],
)
def test_bad_evidence_file_refuses_the_whole_entry(operator_dinkes, indicator, upload):
    with pytest.raises(ServiceError) as refused:
        services.realisation_enter(actor=operator_dinkes, indicator=indicator, year=2022, value="9", uploads=[upload])
    assert refused.value.code == "file_invalid"
    assert not Realisation.objects.exists() and not RealisationEvidence.objects.exists()


def test_too_large_evidence_is_refused(operator_dinkes, entered, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ServiceError) as refused:
        services.evidence_add(actor=operator_dinkes, realisation=entered, file=pdf())
    assert refused.value.code == "file_invalid"


def test_budget_realisation(operator_dinkes, health):
    made = services.budget_realisation_set(actor=operator_dinkes, programme=health, year=2021, amount="95.000.000")
    assert made.amount == Decimal(95_000_000)
    with pytest.raises(ServiceError):
        services.budget_realisation_set(actor=operator_dinkes, programme=health, year=2021, amount="-5")
    services.budget_realisation_set(actor=operator_dinkes, programme=health, year=2021, amount="")
    assert not BudgetRealisation.objects.exists()


def test_indicator_with_realised_values_is_not_deleted(koordinator, entered):
    with pytest.raises(ServiceError) as refused:
        services.indicator_delete(actor=koordinator, indicator=entered.indicator)
    assert refused.value.code == "still_linked"


def test_text_indicator_keeps_text(koordinator, health):
    made = services.indicator_create(actor=koordinator, programme=health, name="Regulasi", value_type=Indicator.ValueType.TEXT)
    value = services.realisation_enter(actor=koordinator, indicator=made, year=2021, value="Perwali terbit")
    assert value.value_text == "Perwali terbit" and value.value_number is None


# --- permissions per persona ---------------------------------------------------------------

WRITERS = {"kementerian", "koordinator", "operator_dinkes"}
VERIFIERS = {"kementerian", "koordinator"}


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_who_enters_values(persona, personas, indicator, unchanged):
    actor = personas[persona]
    if persona in WRITERS:
        assert services.realisation_enter(actor=actor, indicator=indicator, year=2022, value="3").pk
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.realisation_enter(actor=actor, indicator=indicator, year=2022, value="3")


@pytest.mark.parametrize("persona", ["kementerian", "penilai", "koordinator", "operator_dinkes", "mitra", "warga", "koordinator_lain"])
def test_who_verifies(persona, personas, entered, unchanged):
    actor = personas[persona]
    if persona in VERIFIERS:
        assert services.realisation_verify(actor=actor, realisation=entered).status == Realisation.Status.VERIFIED
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.realisation_verify(actor=actor, realisation=entered)


def test_operator_only_for_their_departments_programmes(operator_dinkes, koordinator, transport, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.indicator_create(actor=operator_dinkes, programme=transport, name="Bus beroperasi")
    made = services.indicator_create(actor=koordinator, programme=transport, name="Bus beroperasi")
    with unchanged(), pytest.raises(PermissionDenied):
        services.realisation_enter(actor=operator_dinkes, indicator=made, year=2021, value="3")
