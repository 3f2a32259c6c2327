"""The audit trail as people read it: labels, names, Ya/Tidak, formats, the city's own time zone,
child rows on their parent's trail; the stored events stay raw."""

import datetime

import pytest
from django.urls import reverse

from kotacerdas.cities.models import Stage
from kotacerdas.cities.tests.factories import CityFactory
from kotacerdas.core import audit
from kotacerdas.core.models import AuditEvent
from kotacerdas.framework.models import ProgrammeStatus
from kotacerdas.programmes.tests.factories import MasterplanFactory, ProgrammeFactory, ProgrammeYearFactory
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def _page(login, user, model, pk):
    response = login(user).get(reverse("core:audit_trail", args=[model, pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def programme(ambon, dinkes):
    return ProgrammeFactory(masterplan=MasterplanFactory(city=ambon), lead_opd=dinkes, name="Sistem Informasi Puskesmas")


def _update(actor, instance, **changes):
    before = audit.snapshot(instance)
    after = {**before, **changes}
    return audit.record(actor=actor, action="update", instance=instance, before=before, after=after)


def test_a_change_reads_with_labels_names_and_yes_no(koordinator, programme, login):
    planned, running = ProgrammeStatus.objects.get(code="planned"), ProgrammeStatus.objects.get(code="running")
    _update(
        koordinator,
        programme,
        status=planned.pk,
        is_quick_win=True,
        updated_at="2026-11-29T13:24:07.233298+00:00",
    )
    event = AuditEvent.objects.get(model="programmes.programme", action="update")
    assert event.after["status"] == planned.pk  # stored raw
    page = _page(login, koordinator, "programmes.programme", programme.pk)
    assert f"Status:\n        <del>{running}</del> → <ins>{planned}</ins>" in page
    assert "Quick win" in page and "Tidak</del> → <ins>Ya" in page
    assert "updated_at" not in page and "is_quick_win" not in page and "2026-11-29T13" not in page


def test_dates_and_stage_codes_read_in_indonesian(koordinator, ambon, login):
    before = {**audit.snapshot(ambon), "stage": Stage.INVITED, "mou_date": None}
    audit.record(
        actor=koordinator, action="update", instance=ambon, before=before, after={**before, "stage": Stage.MOU, "mou_date": "2019-05-16"}
    )
    page = _page(login, koordinator, "cities.city", ambon.pk)
    assert "<del>Diundang</del> → <ins>MoU ditandatangani</ins>" in page
    assert "<ins>16 Mei 2019</ins>" in page and ">mou<" not in page and "2019-05-16" not in page


def test_a_yearly_row_shows_on_the_programmes_trail_with_money(koordinator, programme, login):
    year = ProgrammeYearFactory(programme=programme, year=2024, budget=850_000_000)
    _update(koordinator, year, budget="1250000000")
    page = _page(login, koordinator, "programmes.programme", programme.pk)
    assert "Rp 850.000.000</del> → <ins>Rp 1.250.000.000" in page
    assert str(year) in page  # which row changed


def test_times_show_in_the_citys_own_zone(koordinator, programme, login, kementerian):
    event = _update(koordinator, programme, name="Sistem Informasi Puskesmas Terpadu")
    AuditEvent.objects.filter(pk=event.pk).update(at=datetime.datetime(2026, 11, 29, 6, 0, tzinfo=datetime.UTC))
    # Ambon lies in Maluku: WIT, UTC+9
    assert "29 Nov 2026 15:00 WIT" in _page(login, koordinator, "programmes.programme", programme.pk)
    bandung = CityFactory(region=Region.objects.get(code="32.73"))
    event = _update(kementerian, bandung, mou_number="001/2026")
    AuditEvent.objects.filter(pk=event.pk).update(at=datetime.datetime(2026, 11, 29, 6, 0, tzinfo=datetime.UTC))
    assert "29 Nov 2026 13:00 WIB" in _page(login, kementerian, "cities.city", bandung.pk)


def test_every_province_has_its_time_zone():
    zones = dict(Region.objects.filter(level="province").values_list("code", "time_zone"))
    assert len(zones) == 38 and all(zones.values())
    assert zones["81"] == "Asia/Jayapura" and zones["73"] == "Asia/Makassar" and zones["61"] == "Asia/Jakarta"
    assert Region.objects.get(code="81.71").zone_name == "Asia/Jayapura"
