"""The Documents page in the browser, in Indonesian: the checklist links to fixes, the coordinator freezes a
version and reads what changed since the demo's final version."""

from playwright.sync_api import expect

from e2e.conftest import log_in

DOCS = "/cities/81.71/documents/"


def test_coordinator_freezes_a_version_and_compares(page, shot):
    log_in(page, "koordinator.ambon")
    page.goto(page.base + DOCS)
    expect(page.get_by_role("heading", name="Daftar periksa kelengkapan")).to_be_visible()
    expect(page.locator("#versions")).to_contain_text("Draf setelah Bimtek III")
    expect(page.locator("#versions")).to_contain_text("ditetapkan")
    shot(page, "documents-01-page")

    page.get_by_label("Catatan").fill("Revisi setelah evaluasi")
    page.get_by_role("button", name="Kunci versi ini").click()
    expect(page.get_by_role("alert")).to_contain_text("Versi 3")
    expect(page.locator("#versions")).to_contain_text("Revisi setelah evaluasi")

    page.locator("#diff-a").select_option("1")
    page.locator("#diff-b").select_option("3")
    page.get_by_role("button", name="Tampilkan perubahan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perubahan dari Versi 1 ke Versi 3")
    expect(page.locator("body")).to_contain_text("Ambon Satu Akses")
    expect(page.locator("body")).to_contain_text("Rp 1.000.000.000")
    shot(page, "documents-02-diff")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh laporan (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_phone_layout_has_no_sideways_scroll(page):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, "kementerian")
    for path in ["", "versions/diff/?a=1&b=2", "versions/2/"]:
        page.goto(page.base + DOCS + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, path
