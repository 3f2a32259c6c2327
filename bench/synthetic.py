"""Synthetic data for benchmarks only (bulk inserts: we measure reads, not writes)."""

import random
from decimal import Decimal

from kotacerdas.cities.models import City, Cohort, Opd, Stage, Stakeholder
from kotacerdas.framework.models import Element, FundingSource, Horizon, ProgrammeStatus, StakeholderType
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.programmes.models import Programme, ProgrammeFunding, ProgrammeStakeholder, ProgrammeYear
from kotacerdas.regions.models import Region

rng = random.Random(2019)


def programme_count() -> int:
    return Programme.objects.count()


def city_count() -> int:
    return City.objects.count()


def _programmes(plan: Masterplan, n: int, opds: list, stakeholders: list, tag: str) -> None:
    elements = list(Element.objects.select_related("dimension"))
    horizons, statuses = list(Horizon.objects.all()), list(ProgrammeStatus.objects.all())
    sources = list(FundingSource.objects.all())
    start = Programme.objects.filter(masterplan=plan).count()
    rows = []
    for i in range(start, start + n):
        element = rng.choice(elements)
        first = rng.randint(plan.start_year, plan.end_year)
        rows.append(
            Programme(
                masterplan=plan,
                name=f"Program sintetis {tag} {i}",
                dimension=element.dimension,
                element=element,
                lead_opd=rng.choice(opds),
                horizon=rng.choice(horizons),
                status=rng.choice(statuses),
                start_year=first,
                end_year=rng.randint(first, plan.end_year),
                description="Data sintetis untuk benchmark.",
            )
        )
    created = Programme.objects.bulk_create(rows)
    years, partners = [], []
    for programme in created:
        for year in range(programme.start_year, programme.end_year + 1):
            years.append(ProgrammeYear(programme=programme, year=year, budget=Decimal(rng.randint(50, 5000) * 1_000_000)))
        if stakeholders:
            partners.append(ProgrammeStakeholder(programme=programme, stakeholder=rng.choice(stakeholders), role="implementer"))
    ProgrammeYear.objects.bulk_create(years)
    ProgrammeStakeholder.objects.bulk_create(partners)
    # One share of the whole budget per year; a partner's source names a stakeholder.
    shares = []
    for y in years:
        source = rng.choice([s for s in sources if stakeholders or not s.from_partner])
        stakeholder = rng.choice(stakeholders) if source.from_partner else None
        shares.append(ProgrammeFunding(year=y, source=source, amount=y.budget, stakeholder=stakeholder))
    ProgrammeFunding.objects.bulk_create(shares)


def grow(*, programmes: int, cities: int) -> None:
    """Add `programmes` to Ambon's masterplan and enrol cities until there are `cities`."""
    ambon = City.objects.get(region_id="81.71")
    plan = ambon.masterplans.order_by("-start_year").first()
    if programmes:
        _programmes(plan, programmes, list(ambon.opds.all()), list(ambon.stakeholders.all()), "ambon")
    missing = cities - City.objects.count()
    if missing <= 0:
        return
    bumn = StakeholderType.objects.get(code="bumn")
    regions = list(Region.objects.filter(level="regency", city__isnull=True).order_by("code")[:missing])
    cohorts = list(Cohort.objects.all()) or [Cohort.objects.create(year=2021)]
    new_cities = City.objects.bulk_create(
        [City(region=r, cohort=rng.choice(cohorts), stage=rng.choice(Stage.values), is_published=True) for r in regions]
    )
    Opd.objects.bulk_create([Opd(city=c, name=f"Dinas {k}", short_name=f"D{k}") for c in new_cities for k in range(20)])
    Stakeholder.objects.bulk_create([Stakeholder(city=c, name=f"Mitra {k}", type=bumn) for c in new_cities for k in range(5)])
    plans = Masterplan.objects.bulk_create(
        [Masterplan(city=c, title="Masterplan Smart City", start_year=2022, end_year=2026) for c in new_cities]
    )
    for city, plan in zip(new_cities, plans, strict=True):
        _programmes(plan, 10, list(city.opds.all()), list(city.stakeholders.all()), city.region_id)
