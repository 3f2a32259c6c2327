import pytest

from kotacerdas.accounts.demo import system_actor
from kotacerdas.cities import demo as cities_demo
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import Element
from kotacerdas.masterplan import demo as masterplan_demo
from kotacerdas.programmes import demo, selectors
from kotacerdas.programmes.models import ActionStep, Programme, QuickWin

pytestmark = pytest.mark.django_db


def test_demo_is_complete_idempotent_and_imperfect_on_purpose():
    actor = system_actor()
    city = cities_demo.seed(actor=actor)
    plan = masterplan_demo.seed(actor=actor, city=city)
    demo.seed(actor=actor, city=city)
    events = AuditEvent.objects.count()
    demo.seed(actor=actor, city=city)
    assert AuditEvent.objects.count() == events and Programme.objects.count() == len(demo.PROGRAMMES) >= 40

    assert set(plan.programmes.values_list("element", flat=True)) == set(Element.objects.values_list("pk", flat=True))
    names = set(plan.programmes.values_list("name", flat=True))
    assert {
        "Ambon Satu Akses",
        "Command Center Kota Ambon",
        "Call Center 112",
        "Wi-Fi Publik Gratis",
        "Ambon City of Music",
        "Bank Sampah Digital",
        "Fasilitas Pengolahan Sampah MRF dan RDF",
        "Layanan Terpadu Administrasi Kependudukan",
    } <= names
    selected = set(QuickWin.objects.filter(stage="selected").values_list("programme__name", flat=True))
    assert selected == {"Ambon Satu Akses", "Call Center 112", "Bank Sampah Digital"}
    assert set(QuickWin.objects.filter(stage="shortlisted").values_list("programme__name", flat=True)) == {"Command Center Kota Ambon"}
    assert plan.programmes.filter(lead_opd__isnull=True).count() == 1
    assert [p.name for p in selectors.programmes(plan) if p.budget_total == 0] == ["Ambon Festival Kuliner"]
    assert {p["code"] for p in selectors.map_points(plan) if p["programmes"]} == {f"81.71.0{i}" for i in range(1, 6)}
    # The invented action plans say so on every step, and fit their programmes' years.
    steps = ActionStep.objects.filter(programme__masterplan=plan).select_related("programme", "opd")
    assert {s.programme.name for s in steps} == set(demo.STEPS) and steps.count() == 7
    for s in steps:
        assert "(contoh)" in s.description and s.programme.start_year <= s.year <= s.programme.end_year and s.opd is not None
