"""Two people edit the same department in two browsers: nobody's change is silently lost."""

from e2e.conftest import log_in
from kotacerdas.cities.models import Opd


def test_a_stale_form_shows_the_other_change_and_keeps_both(browser, page, live_server, shot):
    dinkes = Opd.objects.get(city__region_id="81.71", short_name="Dinkes")
    edit = f"{page.base}/cities/81.71/opd/{dinkes.pk}/edit/"
    log_in(page, "koordinator.ambon")
    page.goto(edit)

    other_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    other = other_context.new_page()
    other.base = page.base
    log_in(other, "operator.dinkes")
    other.goto(edit)
    other.locator("#id_head_name").fill("dr. Nama Kepala Baru (demo)")
    other.get_by_role("button", name="Simpan").click()
    other.wait_for_url(lambda url: "/edit/" not in url)
    other_context.close()

    page.locator("#id_head_title").fill("Kepala Dinas Kesehatan Kota Ambon")
    page.get_by_role("button", name="Simpan").click()
    warning = page.locator("#version-conflict")
    assert "operator.dinkes" in warning.inner_text() or "Operator" in warning.inner_text()
    assert page.locator("#id_head_name").input_value() == "dr. Nama Kepala Baru (demo)"  # taken into the form
    assert page.locator("#id_head_title").input_value() == "Kepala Dinas Kesehatan Kota Ambon"  # kept
    dinkes.refresh_from_db()
    assert dinkes.head_title != "Kepala Dinas Kesehatan Kota Ambon"  # nothing written yet
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "conflict-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "conflict-1366")

    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    dinkes.refresh_from_db()
    assert (dinkes.head_name, dinkes.head_title) == ("dr. Nama Kepala Baru (demo)", "Kepala Dinas Kesehatan Kota Ambon")
