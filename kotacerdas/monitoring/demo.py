"""Ambon demo for monitoring (all values invented, labelled demo): indicators with baselines, targets and
realised values 2020–2024, most verified, one returned, evidence as small generated files and links,
realised budgets, and the programmes' final statuses now that the 2020–2024 masterplan has ended
(two running programmes are left unfinished: they show as late)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.framework.models import ProgrammeStatus
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Indicator, Realisation
from kotacerdas.programmes import services as programme_services
from kotacerdas.programmes.demo import PROGRAMMES

# Share of the yearly target reached, by the programme's status in programmes.demo.
SHARE = {"realised": Decimal("1.05"), "running": Decimal("0.8"), "stopped": Decimal("0.3"), "planned": None}
BUDGET_SHARE = {"realised": Decimal("0.92"), "running": Decimal("0.75"), "stopped": Decimal("0.2"), "planned": None}
LAST_REPORTED_YEAR = 2024
VERIFIED_UNTIL = 2023  # 2024 values are entered, waiting for the coordinator
LEFT_RUNNING = 2  # running programmes not finished: late
RETURN_REASON = "Data dukung belum memuat daftar layanan yang aktif; lengkapi dengan tangkapan layar aplikasi (demo)."
OUTCOMES = {
    "Ambon Satu Akses": ("Indeks kepuasan masyarakat terhadap layanan publik", "percentage", "", "65", "85"),
    "Command Center Kota Ambon": ("Waktu tanggap rata-rata pengaduan warga", "number", "jam", "48", "6"),
}


def seed(*, actor, city) -> None:
    """Create the indicators of Ambon's programmes once; a second run adds nothing."""
    masterplan = current_masterplan(city)
    if masterplan is None or Indicator.objects.filter(programme__masterplan=masterplan).exists():
        return
    programmes = {p.name: p for p in masterplan.programmes.select_related("status")}
    statuses = {s.code: s for s in ProgrammeStatus.objects.all()}
    left_running = 0
    returned = False
    for row in PROGRAMMES:
        name, first, last, status, indicator_name, unit, target = row[0], row[5], row[6], row[7], row[12], row[13], row[14]
        programme = programmes.get(name)
        if programme is None:
            continue
        indicator = services.indicator_create(
            actor=actor,
            programme=programme,
            kind=Indicator.Kind.OUTPUT,
            name=indicator_name,
            value_type=Indicator.ValueType.NUMBER,
            unit=unit,
            direction=Indicator.Direction.HIGHER,
            baseline="0",
            baseline_year=first - 1,
        )
        services.targets_set(actor=actor, indicator=indicator, targets={year: Decimal(target) for year in range(first, last + 1)})
        share = SHARE[status]
        for year in range(first, min(last, LAST_REPORTED_YEAR) + 1):
            if share is None:
                break
            value = (Decimal(target) * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            uploads = [_demo_file(name, year)] if year == min(last, LAST_REPORTED_YEAR) else []
            realisation = services.realisation_enter(
                actor=actor,
                indicator=indicator,
                year=year,
                value=value,
                note=f"Capaian {year} menurut laporan tahunan perangkat daerah (demo).",
                uploads=uploads,
                links=["https://ambon.go.id/"] if year == first else [],
            )
            if not returned and status == "running" and year == VERIFIED_UNTIL:
                services.realisation_return(actor=actor, realisation=realisation, reason=RETURN_REASON)
                returned = True
            elif year <= VERIFIED_UNTIL:
                services.realisation_verify(actor=actor, realisation=realisation)
        _budget(actor, programme, status)
        if name in OUTCOMES:
            _outcome(actor, programme, *OUTCOMES[name])
        if status == "running":
            if left_running < LEFT_RUNNING:
                left_running += 1
            elif "realised" in statuses:
                programme_services.programme_update(actor=actor, programme=programme, status=statuses["realised"])


def _budget(actor, programme, status) -> None:
    share = BUDGET_SHARE[status]
    if share is None:
        return
    for row in programme.years.all():
        if row.year <= LAST_REPORTED_YEAR:
            amount = (row.budget * share).quantize(Decimal(1_000_000), rounding=ROUND_HALF_UP)
            services.budget_realisation_set(
                actor=actor, programme=programme, year=row.year, amount=amount, note="Realisasi anggaran (demo)."
            )


def _outcome(actor, programme, name, value_type, unit, baseline, final) -> None:
    indicator = services.indicator_create(
        actor=actor,
        programme=programme,
        kind=Indicator.Kind.OUTCOME,
        name=name,
        value_type=value_type,
        unit=unit,
        direction=Indicator.Direction.HIGHER if Decimal(final) > Decimal(baseline) else Indicator.Direction.LOWER,
        baseline=baseline,
        baseline_year=programme.start_year - 1,
    )
    services.targets_set(actor=actor, indicator=indicator, targets={programme.end_year: final})
    reached = Decimal(final) if indicator.direction == Indicator.Direction.HIGHER else Decimal(final) + 2
    realisation = services.realisation_enter(
        actor=actor, indicator=indicator, year=programme.end_year, value=reached, note="Survei kepuasan (demo)."
    )
    if realisation.status == Realisation.Status.ENTERED and programme.end_year <= VERIFIED_UNTIL:
        services.realisation_verify(actor=actor, realisation=realisation)


def _demo_file(programme: str, year: int) -> SimpleUploadedFile:
    text = (
        f"DATA DEMO — bukan dokumen resmi.\nData dukung capaian {year}: {programme}.\n"
        "Berkas ini dibuat otomatis oleh Kota Cerdas untuk demonstrasi.\n"
    )
    return SimpleUploadedFile(f"data-dukung-{year}-demo.txt", text.encode("utf-8"), content_type="text/plain")
