"""The masterplan drafting journey in the browser, in Indonesian.

A programme idea recorded in Bimtek II becomes a programme, its department's operator edits it,
it shows on the roadmap and in the alignment gap checks until the coordinator links it to the
RPJMD; an operator may not edit another department's programme.
"""

import re

from playwright.sync_api import expect

from e2e.conftest import log_in
from kotacerdas.programmes.models import Programme

CITY = "/cities/81.71"
IDEA = "Posyandu Digital Ambon"
IDEA_TEXT = f"{IDEA}\nPencatatan tumbuh kembang balita di posyandu secara daring, terhubung ke puskesmas."


def log_out(page, username):
    page.get_by_role("button", name=username).click()  # the account menu holds the log-out button
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("link", name="Masuk")).to_be_visible()


def record_programme_idea(page, shot):
    page.goto(page.base + f"{CITY}/bimtek/")
    shot(page, "journey-01-bimtek-list")
    page.get_by_role("link", name="Bimtek II", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bimtek II")
    outputs = page.locator("#outputs")
    outputs.get_by_text("Catat hasil").click()
    form = outputs.locator("form").filter(has=page.get_by_label("Jenis"))
    form.get_by_label("Jenis").select_option(label="gagasan program")
    form.get_by_label("Teks").fill(IDEA_TEXT)
    form.get_by_label("Diusulkan oleh").select_option(label="Dinas Kesehatan")
    form.get_by_label("Dimensi").select_option(label="Smart Living (Kehidupan Cerdas)")
    shot(page, "journey-02-output-form")
    form.get_by_role("button", name="Catat", exact=True).click()
    item = page.locator("#outputs li.list-group-item").filter(has_text=IDEA)
    expect(item).to_contain_text("Diusulkan dalam Bimtek II oleh Dinas Kesehatan")
    expect(item).to_contain_text("Smart Living (Kehidupan Cerdas)")
    shot(page, "journey-03-output-recorded")
    return item


def make_programme(page, shot, item) -> int:
    link = item.get_by_role("link", name="Jadikan program")
    expect(link).to_have_attribute("href", re.compile(r"/programmes/new/\?origin=\d+$"))
    link.click()
    expect(page.get_by_text("Berdasarkan gagasan program dari Bimtek II")).to_be_visible()
    expect(page.get_by_label("Nama")).to_have_value(IDEA)
    page.get_by_label("OPD pengampu").select_option(label="Dinkes")
    page.get_by_label("Elemen").select_option(label="Kesehatan")
    page.get_by_label("Jangka waktu").select_option(label="Jangka menengah")
    page.get_by_label("Tahun pertama").select_option("2021")
    page.get_by_label("Tahun terakhir").select_option("2023")
    page.locator("#id_status").select_option(label="Direncanakan")
    shot(page, "journey-04-programme-form")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
    expect(page.get_by_text(f"Program “{IDEA}” dibuat.")).to_be_visible()
    expect(page.locator("#provenance")).to_contain_text("Diusulkan dalam Bimtek II oleh Dinas Kesehatan.")
    shot(page, "journey-05-programme-detail")
    return int(re.search(r"/programmes/(\d+)/", page.url).group(1))


def operator_edits(page, shot, pid: int):
    log_in(page, "operator.dinkes")
    page.goto(page.base + f"{CITY}/programmes/{pid}/")
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.locator("#id_status").select_option(label="Berjalan")
    # One row per year of the programme's period (2021–2023): the first is 2021.
    page.locator("#years-rows tr:not([hidden])").first.locator("input[name$='-budget']").fill("150000000")
    shot(page, "journey-06-operator-edit")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text(f"Program “{IDEA}” disimpan.")).to_be_visible()
    header = page.locator("main h1").locator("xpath=..")
    expect(header).to_contain_text("Berjalan")
    year_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2021"))
    expect(year_row).to_contain_text("150.000.000")
    shot(page, "journey-07-operator-saved")


def gap_section(page):
    return page.locator("#check-programme_without_rpjmd")


def test_programme_idea_becomes_an_aligned_programme(page, shot):
    log_in(page, "koordinator.ambon")
    item = record_programme_idea(page, shot)
    pid = make_programme(page, shot, item)
    log_out(page, "koordinator.ambon")

    operator_edits(page, shot, pid)

    page.goto(page.base + f"{CITY}/programmes/roadmap/")
    bar = page.locator(".rm-row").filter(has=page.get_by_role("link", name=IDEA))
    expect(bar).to_contain_text("2021–2023")
    shot(page, "journey-08-roadmap")
    log_out(page, "operator.dinkes")

    log_in(page, "koordinator.ambon")
    page.goto(page.base + f"{CITY}/alignment/gaps/")
    expect(gap_section(page).get_by_role("heading")).to_have_text("Program tanpa tautan ke RPJMD atau RPD")
    gap_row = gap_section(page).locator("li").filter(has=page.get_by_role("link", name=IDEA))
    expect(gap_row).to_have_count(1)
    shot(page, "journey-09-gaps-before")
    gap_row.get_by_role("link", name="Tautkan ke RPJMD").click()
    expect(page).to_have_url(re.compile(rf"/alignment/programmes/{pid}/links/"))
    page.get_by_label("Cari menurut kode atau uraian").fill("Kesehatan")
    page.get_by_role("button", name="Cari").click()
    result = (
        page.get_by_role("row")
        .filter(has_text=re.compile(r"^\s*RPJMD"))
        .filter(has_text="Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan")
    )
    result.get_by_label("catatan").fill("SDM kesehatan untuk posyandu daring")
    result.get_by_role("button", name="Tautkan").click()
    linked = page.locator("#links-h").locator("xpath=..")
    expect(linked).to_contain_text("Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan")
    expect(linked).to_contain_text("SDM kesehatan untuk posyandu daring")
    shot(page, "journey-10-linked")
    page.goto(page.base + f"{CITY}/alignment/gaps/")
    expect(gap_section(page)).to_be_visible()
    expect(gap_section(page).get_by_role("link", name=IDEA)).to_have_count(0)
    shot(page, "journey-11-gaps-after")


def test_operator_may_not_edit_another_departments_programme(page, shot):
    dishub = Programme.objects.get(name="Area Traffic Control System", lead_opd__short_name="Dishub")
    log_in(page, "operator.dinkes")
    response = page.goto(page.base + f"{CITY}/programmes/{dishub.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("Tidak diizinkan")
    shot(page, "journey-12-forbidden")
