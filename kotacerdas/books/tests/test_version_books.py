"""Books of a frozen version: built from the version's snapshot, not the live plan (API, page, title page)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotacerdas.books import versions
from kotacerdas.books.build import build, document
from kotacerdas.books.models import MasterplanVersion
from kotacerdas.books.tests.conftest import add_programmes
from kotacerdas.books.tests.helpers import docx_file, docx_text, pdf_text
from kotacerdas.cities.models import Body
from kotacerdas.cities.tests.factories import BodyMemberFactory
from kotacerdas.framework.models import Dimension
from kotacerdas.programmes.models import ActionStep, ProgrammeYear
from kotacerdas.readiness.tests.factories import StrategyFactory
from kotacerdas.regions.models import Region

BASE = "/api/v1/cities/81.71"
DOCS = "/cities/81.71/documents/"


def test_version_1_keeps_the_old_names_and_budgets(complete, koordinator):
    plan = complete["masterplan"]
    first = complete["programmes"][0]
    versions.version_freeze(actor=koordinator, masterplan=plan, note="Draf setelah Bimtek III")
    old_name = first.name
    first.name = "Telemedisin Puskesmas Keliling"
    first.save()
    ProgrammeYear.objects.filter(programme=first).update(budget=777_000_000)
    version = versions.version_or_error(plan, 1)

    frozen, live = document(plan, "2", "id", version=version).text(), document(plan, "2", "id").text()
    assert old_name in frozen.split("\n") and "Telemedisin Puskesmas Keliling" not in frozen
    assert "Rp 100.000.000" in frozen and "Rp 777.000.000" not in frozen
    assert "Telemedisin Puskesmas Keliling" in live and "Rp 777.000.000" in live
    assert "Telemedisin Puskesmas Keliling" not in document(plan, "3", "id", version=version).text()  # its quick-win sheet too


def test_version_1_keeps_the_register_and_strategies_it_was_frozen_with(complete, koordinator):
    plan = complete["masterplan"]
    opd = complete["programmes"][0].lead_opd
    partner = complete["programmes"][0].partners.get().stakeholder
    body = Body.objects.get(city=plan.city, kind=Body.Kind.COUNCIL)
    BodyMemberFactory(body=body)
    strategy = StrategyFactory(masterplan=plan, dimension=Dimension.objects.get(code="governance"), title="Layanan satu pintu digital")
    versions.version_freeze(actor=koordinator, masterplan=plan)
    old = {"opd": opd.name, "short": opd.short_name, "stakeholder": partner.name, "body": body.name}
    opd.name, opd.short_name = "Dinas Transformasi Digital", "DTD"
    opd.save()
    partner.name = "Universitas Baru Maluku"
    partner.save()
    body.name = "Dewan Kota Cerdas Baru"
    body.save()
    BodyMemberFactory(body=body)
    strategy.title = "Strategi yang diubah kemudian"
    strategy.save()
    version = versions.version_or_error(plan, 1)
    new = ["Dinas Transformasi Digital", "DTD", "Universitas Baru Maluku", "Dewan Kota Cerdas Baru", "Strategi yang diubah kemudian"]

    for book in ("1", "2"):
        frozen = docx_text(docx_file(build(plan, book, "docx", "id", version=version).content))
        live = docx_text(docx_file(build(plan, book, "docx", "id").content))
        assert old["opd"] in frozen and old["stakeholder"] in frozen and old["body"] in frozen
        assert not [name for name in new if name in frozen]
        assert "Dinas Transformasi Digital" in live and "Universitas Baru Maluku" in live and "Dewan Kota Cerdas Baru" in live
    frozen_2 = docx_text(docx_file(build(plan, "2", "docx", "id", version=version).content))
    live_2 = docx_text(docx_file(build(plan, "2", "docx", "id").content))
    assert "Layanan satu pintu digital" in frozen_2 and "Strategi yang diubah kemudian" not in frozen_2
    assert "Strategi yang diubah kemudian" in live_2 and "Layanan satu pintu digital" not in live_2
    opd_rows = docx_text(docx_file(build(plan, "1", "docx", "id", version=version).content)).split("\n")
    assert old["short"] in opd_rows and "DTD" not in opd_rows  # the short name in Buku I's table of departments


def test_a_version_frozen_before_the_register_was_kept_reads_it_live(complete, koordinator):
    plan = complete["masterplan"]
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    snapshot = {k: v for k, v in version.snapshot.items() if k not in ("register", "strategies")}
    MasterplanVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    opd = complete["programmes"][0].lead_opd
    opd.name = "Dinas Transformasi Digital"
    opd.save()
    frozen = docx_text(docx_file(build(plan, "1", "docx", "id", version=versions.version_or_error(plan, 1)).content))
    assert "Dinas Transformasi Digital" in frozen


def test_the_title_page_names_the_version_and_the_day_it_was_frozen(complete, koordinator):
    plan = complete["masterplan"]
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    MasterplanVersion.objects.filter(pk=version.pk).update(created_at=timezone.make_aware(datetime.datetime(2021, 10, 15, 10, 0)))
    version = versions.version_or_error(plan, 1)
    built = build(plan, "2", "pdf", "id", version=version)
    _reader, text = pdf_text(built.content)
    assert "Versi 1" in text and "15 Oktober 2021" in text and "Draf kerja" not in text
    assert built.filename.endswith("-v1.pdf")
    english = docx_text(docx_file(build(plan, "1", "docx", "en", version=version).content))
    assert "Version 1" in english and "15 October 2021" in english


def test_the_version_build_reads_the_snapshot_in_few_queries(complete, koordinator):
    plan = complete["masterplan"]
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    document(plan, "2", "id", version=version)  # the city's region and province are read once, then cached
    with CaptureQueriesContext(connection) as few:
        document(plan, "2", "id", version=version)
    add_programmes(plan, 30, prefix="Tambahan")
    bigger = versions.version_freeze(actor=koordinator, masterplan=plan)
    with CaptureQueriesContext(connection) as many:
        document(plan, "2", "id", version=bigger)
    assert len(many) == len(few) <= 8  # reference data, the city's register, strategies


def test_the_api_builds_a_version_and_refuses_an_unknown_one(complete, client, koordinator, api_token, unchanged):
    plan = complete["masterplan"]
    versions.version_freeze(actor=koordinator, masterplan=plan)
    first = complete["programmes"][0]
    old_name, first.name = first.name, "Nama Baru Program"
    first.save()
    headers = api_token(koordinator)
    answer = client.get(f"{BASE}/books/4?format=docx&version=1", headers=headers)
    assert answer.status_code == 200 and answer["Content-Disposition"].endswith('-v1.docx"')
    text = docx_text(docx_file(answer.content))
    assert old_name in text and "Nama Baru Program" not in text
    with unchanged():
        refused = client.get(f"{BASE}/books/2?format=pdf&version=9", headers=headers)
    assert refused.status_code == 404 and refused.json()["code"] == "version_not_found"
    assert 400 <= client.get(f"{BASE}/books/2?format=pdf&version=0", headers=headers).status_code < 500


def test_the_page_downloads_a_version_and_404s_an_unknown_one(complete, login, koordinator):
    plan = complete["masterplan"]
    versions.version_freeze(actor=koordinator, masterplan=plan)
    client = login(koordinator)
    answer = client.get(f"{DOCS}download/3/?format=docx&lang=id&version=1&masterplan={plan.pk}")
    assert answer.status_code == 200 and "Versi 1" in docx_text(docx_file(answer.content))
    assert client.get(f"{DOCS}download/3/?format=docx&lang=id&version=2").status_code == 404
    assert client.get(f"{DOCS}download/3/?format=docx&lang=id&version=abc").status_code == 404
    detail = client.get(f"{DOCS}versions/1/?masterplan={plan.pk}").content.decode()
    assert f"download/2/?format=pdf&amp;lang=id&amp;masterplan={plan.pk}&amp;version=1" in detail


def test_version_times_are_shown_in_the_citys_own_zone(complete, login, koordinator):
    plan = complete["masterplan"]
    versions.version_freeze(actor=koordinator, masterplan=plan)
    MasterplanVersion.objects.filter(masterplan=plan).update(created_at=datetime.datetime(2026, 3, 3, 5, 0, tzinfo=datetime.UTC))
    client = login(koordinator)
    Region.objects.filter(code="81").update(time_zone="Asia/Jayapura")  # Maluku: WIT, two hours ahead of Jakarta
    assert "3 Mar 2026 14:00 WIT" in client.get(f"{DOCS}?masterplan={plan.pk}").content.decode()
    assert "3 Maret 2026 14:00 WIT" in client.get(f"{DOCS}versions/1/?masterplan={plan.pk}").content.decode()
    Region.objects.filter(code__in=["81", "81.71"]).update(time_zone="")  # unknown: the server's zone
    assert "3 Mar 2026 12:00 WIB" in client.get(f"{DOCS}?masterplan={plan.pk}").content.decode()


def test_buku_ii_lists_the_action_plan_live_and_as_frozen(complete, koordinator):
    plan = complete["masterplan"]
    first = complete["programmes"][0]
    step = ActionStep.objects.create(
        programme=first, order=1, year=first.start_year, description="Survei kebutuhan puskesmas", milestone="Laporan survei"
    )
    version = versions.version_freeze(actor=koordinator, masterplan=plan)
    step.description = "Uji coba di tiga puskesmas"
    step.save()
    frozen, live = document(plan, "2", "id", version=version).text(), document(plan, "2", "id").text()
    assert "Survei kebutuhan puskesmas" in frozen and "Laporan survei" in frozen and "Uji coba di tiga puskesmas" not in frozen
    assert "Uji coba di tiga puskesmas" in live and "Survei kebutuhan puskesmas" not in live
    # A version frozen before action plans existed: no steps, and the book still builds.
    snapshot = version.snapshot
    for p in snapshot["programmes"]:
        p.pop("steps")
    MasterplanVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    older = document(plan, "2", "id", version=versions.version_or_error(plan, 1)).text()
    assert first.name in older and "Survei kebutuhan puskesmas" not in older
