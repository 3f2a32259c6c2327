"""The Ambon demo: official plans through the services, links for the masterplan's programmes, idempotent."""

from kotacerdas.accounts.demo import system_actor
from kotacerdas.alignment import demo
from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
from kotacerdas.alignment.tests.factories import MasterplanFactory, ProgrammeFactory
from kotacerdas.cities import demo as cities_demo
from kotacerdas.core.models import AuditEvent


def test_demo_seeds_plans_and_links_once(db):
    actor = system_actor()
    city = cities_demo.seed(actor=actor)
    opds = {o.short_name: o for o in city.opds.all()}
    masterplan = MasterplanFactory(city=city)
    wifi = ProgrammeFactory(masterplan=masterplan, name="Wi-Fi Publik Gratis", lead_opd=opds["Diskominfosandi"])
    health = ProgrammeFactory(masterplan=masterplan, name="Puskesmas Daring", lead_opd=opds["Dinkes"])
    market = ProgrammeFactory(masterplan=masterplan, name="Pasar Rakyat Non-Tunai", lead_opd=opds["Disperindag"])
    demo.seed(actor=actor, city=city)
    counts = (PlanDocument.objects.count(), PlanItem.objects.count(), ProgrammeLink.objects.count(), AuditEvent.objects.count())
    demo.seed(actor=actor, city=city)
    assert (PlanDocument.objects.count(), PlanItem.objects.count(), ProgrammeLink.objects.count(), AuditEvent.objects.count()) == counts

    rpjmd = PlanDocument.objects.get(city=city, kind="rpjmd")
    assert (rpjmd.start_year, rpjmd.end_year) == (2017, 2022)
    assert rpjmd.items.get(kind="vision").text == "Ambon yang Harmonis, Sejahtera, dan Religius"
    assert {d.opd.short_name for d in PlanDocument.objects.filter(kind="renstra")} == {"Diskominfosandi", "Dinkes"}
    assert PlanDocument.objects.filter(kind="rkpd", start_year=2021).exists()
    rpjmn = PlanDocument.objects.get(city=city, kind="rpjmn")
    assert (rpjmn.start_year, rpjmn.end_year, rpjmn.opd) == (2020, 2024, None) and "18 Tahun 2020" in rpjmn.legal_basis
    assert list(rpjmn.items.filter(kind="goal").values_list("code", flat=True)) == [f"PN {n}" for n in range(1, 8)]
    rpd = PlanDocument.objects.get(city=city, kind="rpd")
    assert (rpd.start_year, rpd.end_year) == (2023, 2026)
    assert all(i.indicator and i.target and i.indicative_ceiling > 0 for i in rpd.items.filter(kind="programme"))
    linked = {
        (link.programme_id, link.plan_item.document.kind, link.plan_item.code)
        for link in ProgrammeLink.objects.select_related("plan_item__document")
    }
    assert {
        (wifi.pk, "rpjmd", "2.16.03"),
        (wifi.pk, "renstra", "2.16.03"),
        (health.pk, "rpjmd", "1.02.02"),
        (health.pk, "rkpd", "1.02.02"),
        (health.pk, "rpd", "1.02.02"),
        (health.pk, "rpjmn", "PN 3"),
        (wifi.pk, "rpjmn", "PN 5"),
    } <= linked
    assert not any(pid == market.pk for pid, _kind, _code in linked), "a programme no rule matches stays unlinked"


def test_demo_without_programmes_writes_plans_only(db):
    actor = system_actor()
    city = cities_demo.seed(actor=actor)
    demo.seed(actor=actor, city=city)
    assert PlanItem.objects.filter(document__city=city, kind="programme", code="2.16.02").count() == 4  # RPJMD, RPD, Renstra, RKPD
    assert not ProgrammeLink.objects.exists()
