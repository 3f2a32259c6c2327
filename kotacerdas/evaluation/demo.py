"""Demo evaluations: Kota Ambon's published final indices 2023 (2.87) and 2024 (3.10), recorded as
imported results (no public source gives their sub-scores); a handful of demo cities with invented
scores so that ranks make sense; follow-ups; the demo assessor assigned to Ambon; an open 2025 round
that Ambon has submitted, waiting for the assessor. Idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

from kotacerdas.accounts.models import Role, User
from kotacerdas.cities import demo as cities_demo
from kotacerdas.cities import services as city_services
from kotacerdas.cities.models import City
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Assignment, Cycle, Evaluation, FollowUp
from kotacerdas.framework.models import EvaluationYear

AMBON_SOURCE = "Indeks akhir evaluasi {year} Gerakan Menuju Kota Cerdas sebagaimana dipublikasikan; nilai per dimensi tidak dipublikasikan"
AMBON_RESULTS = {2023: Decimal("2.87"), 2024: Decimal("3.10")}
ROUNDS = [(1, "Tahap I"), (2, "Tahap II")]

# Other regencies/cities with real region codes and INVENTED results (demo): (code, cohort, {year: scores}).
DEMO_CITIES = [
    ("81.01", 2021, {2023: ("2.40", "2.60", "2.50", "2.30", "2.70"), 2024: ("2.70", "2.80", "2.90", "2.60", "2.90")}),
    ("82.71", 2019, {2023: ("3.00", "3.20", "2.90", "3.10", "3.30"), 2024: ("3.10", "3.30", "3.20", "3.00", "3.40")}),
    ("73.71", 2017, {2023: ("3.60", "3.80", "3.50", "3.40", "3.90"), 2024: ("3.70", "3.90", "3.60", "3.60", "3.80")}),
    ("94.71", 2018, {2023: ("2.20", "2.50", "2.40", "2.10", "2.60"), 2024: ("2.50", "2.70", "2.60", "2.40", "2.80")}),
    ("51.71", 2017, {2023: ("3.50", "3.60", "3.40", "3.50", "3.70"), 2024: ("3.40", "3.50", "3.30", "3.40", "3.60")}),
]
CODES = ("baseline", "output", "outcome", "impact", "quick-win")

# (text, owner OPD short name, due date, status, evidence link) — demo follow-ups of the 2024 result.
FOLLOW_UPS = [
    (
        "Lakukan survei kepuasan warga (sekitar 300 responden) sebagai data dukung dimensi Impact (demo)",
        "Diskominfosandi",
        datetime.date(2025, 6, 30),
        FollowUp.Status.IN_PROGRESS,
        "",
    ),
    (
        "Tetapkan masterplan smart city 2025–2029 dengan Peraturan Wali Kota (demo)",
        "Bappeda-Litbang",
        datetime.date(2025, 9, 30),
        FollowUp.Status.OPEN,
        "",
    ),
    (
        "Lengkapi data dukung realisasi anggaran program per OPD (demo)",
        "BPKAD",
        datetime.date(2025, 3, 31),
        FollowUp.Status.CLOSED,
        "https://ambon.go.id/",
    ),
]

SELF_ASSESSMENT_2025 = {
    "output": "Dewan Smart City, Tim Pelaksana dan Forum Ambon Smart City telah dibentuk dengan SK Wali Kota (demo).",
    "quick-win": "Quick win berjalan: Ambon Satu Akses, Call Center 112, bank sampah (demo).",
}


def _cycle(actor, year: int) -> Cycle | None:
    if not EvaluationYear.objects.filter(year=year).exists():
        return None
    cycle = Cycle.objects.filter(year__year=year).first() or services.cycle_open(
        actor=actor, year=year, opened_on=datetime.date(year, 1, 2), note="Demo"
    )
    for number, name in ROUNDS:
        if not cycle.rounds.filter(number=number).exists():
            services.round_create(actor=actor, cycle=cycle, number=number, name=name)
    return cycle


def _demo_city(actor, code: str, cohort: int) -> City:
    found = City.objects.filter(region_id=code).first()
    if found is not None:
        return found
    return city_services.city_create(
        actor=actor, region_code=code, cohort_id=cities_demo.cohort_id_of(cohort), is_demo=True, is_published=True
    )


def _assessor() -> User:
    """The demo assessor (the `penilai` persona of accounts.demo; created there with its password)."""
    return User.objects.filter(username="penilai", role=Role.ASSESSOR).first()


def seed(*, actor, city) -> None:
    cycles = {year: _cycle(actor, year) for year in (2023, 2024, 2025)}
    for year, index in AMBON_RESULTS.items():
        if cycles[year] and not Evaluation.objects.filter(city=city, round__cycle=cycles[year]).exists():
            services.evaluation_import(actor=actor, city=city, year=year, round=2, final_index=index, source=AMBON_SOURCE.format(year=year))
    for code, cohort, results in DEMO_CITIES:
        if not _region_exists(code):
            continue
        other = _demo_city(actor, code, cohort)
        for year, scores in results.items():
            if cycles[year] is None or Evaluation.objects.filter(city=other, round__cycle=cycles[year]).exists():
                continue
            evaluation = services.evaluation_create(
                actor=actor, city=other, year=year, round=2, scores=dict(zip(CODES, map(Decimal, scores), strict=True))
            )
            services.evaluation_publish(actor=actor, evaluation=evaluation)
    result_2024 = Evaluation.objects.filter(city=city, round__cycle__year__year=2024).first()
    if result_2024 is not None and not result_2024.follow_ups.exists():
        opds = {opd.short_name: opd for opd in city.opds.all()}
        for text, owner, due, status, link in FOLLOW_UPS:
            follow_up = services.follow_up_create(
                actor=actor, evaluation=result_2024, text=text, owner_opd_id=opds.get(owner), due_date=due
            )
            if status != FollowUp.Status.OPEN:
                services.follow_up_update(actor=actor, follow_up=follow_up, status=status, evidence_link=link)
    assessor = _assessor()
    for year in (2024, 2025):
        if assessor and cycles[year] and not Assignment.objects.filter(cycle=cycles[year], city=city, assessor=assessor).exists():
            services.assignment_create(actor=actor, cycle=cycles[year], city=city, assessor=assessor)
    if cycles[2025] and not Evaluation.objects.filter(city=city, round__cycle=cycles[2025]).exists():
        evaluation = services.evaluation_create(actor=actor, city=city, year=2025, round=1)
        for code, narrative in SELF_ASSESSMENT_2025.items():
            services.self_assessment_set(actor=actor, evaluation=evaluation, dimension_code=code, narrative=narrative)
        services.evaluation_submit(actor=actor, evaluation=evaluation)


def _region_exists(code: str) -> bool:
    from kotacerdas.regions.models import Region

    return Region.objects.filter(code=code, level="regency").exists()
