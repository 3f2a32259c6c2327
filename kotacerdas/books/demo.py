"""Demo: two frozen versions of Ambon's masterplan with a small change between them, so the diff has something to show.

Version 1 (“Draf setelah Bimtek III”) is the plan as the other demos leave it; then one programme's
budget for its first year is raised and a partner joins it (invented, labelled demo); version 2
(“Versi final”, marked legalised when the masterplan is) freezes the result. A second run changes nothing.
"""

from decimal import Decimal

from kotacerdas.books import versions
from kotacerdas.masterplan.selectors import current_masterplan
from kotacerdas.programmes import services as programme_services
from kotacerdas.programmes.models import Programme, ProgrammeStakeholder

NOTES = ("Draf setelah Bimtek III", "Versi final")
CHANGED_PROGRAMME = "Ambon Satu Akses"
EXTRA_BUDGET = Decimal(150_000_000)  # demo: the final draft adds Rp 150 juta to the first year
NEW_PARTNER = "Universitas Pattimura"


def seed(*, actor, city) -> None:
    masterplan = current_masterplan(city)
    if masterplan is None or masterplan.versions.exists():
        return
    masterplan.city = city
    versions.version_freeze(actor=actor, masterplan=masterplan, note=NOTES[0])
    _change(actor, masterplan)
    # The demo masterplan is legalised: its final version is the one the Perwali legalised.
    legalised = masterplan.status == masterplan.Status.LEGALISED
    versions.version_freeze(actor=actor, masterplan=masterplan, note=NOTES[1], legalised=legalised)


def _change(actor, masterplan) -> None:
    programme = Programme.objects.filter(masterplan=masterplan, name=CHANGED_PROGRAMME).first()
    if programme is None:
        return
    years = []
    for i, y in enumerate(programme.years.order_by("year").prefetch_related("funding")):
        extra = EXTRA_BUDGET if i == 0 else 0
        # The extra budget goes to the year's first share (its funding keeps adding up to the budget).
        shares = [
            {"source": f.source, "amount": f.amount + (extra if n == 0 else 0), "stakeholder": f.stakeholder}
            for n, f in enumerate(y.funding.select_related("source", "stakeholder"))
        ]
        years.append({"year": y.year, "budget": y.budget + extra, "funding": shares})
    partners = [{"stakeholder": p.stakeholder, "role": p.role} for p in programme.partners.select_related("stakeholder")]
    stakeholder = masterplan.city.stakeholders.filter(name=NEW_PARTNER).first()
    if stakeholder is not None and not any(p["stakeholder"].pk == stakeholder.pk for p in partners):
        partners.append({"stakeholder": stakeholder, "role": ProgrammeStakeholder.Role.SUPPORTER})
    programme_services.programme_update(actor=actor, programme=programme, years=years, partners=partners)
