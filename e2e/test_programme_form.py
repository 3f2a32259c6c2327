"""The programme form helps as it is filled in: elements of the chosen dimension only, villages of the
chosen district only, a row per year of the period, partners added without saving, the horizon checked."""

from django.db.models import Count

from e2e.conftest import log_in
from kotacerdas.programmes.models import Programme


def test_programme_form_filters_choices_adds_rows_and_saves_five_years(page, shot):
    log_in(page, "koordinator.ambon")
    page.goto(page.base + "/cities/81.71/programmes/new/")
    page.get_by_label("Nama").first.fill("Layanan Kesehatan Keliling")
    page.locator("#id_dimension").select_option(label="Smart Living (Kehidupan Cerdas)")
    visible = page.locator("#id_element option:not([hidden]):not([value=''])")
    names = visible.all_inner_texts()
    assert len(names) == 3 and "Kesehatan" in names and "Pelayanan publik" not in names
    page.locator("#id_element").select_option(label="Kesehatan")

    page.locator("#id_district").select_option(label="Sirimau")
    villages = page.locator("#id_village optgroup:not([hidden])")
    assert villages.count() == 1 and villages.get_attribute("label") == "Sirimau"
    page.locator("#id_village").select_option(villages.locator("option").first.get_attribute("value"))

    # The demo masterplan runs 2019–2024; a programme of 2020–2024 gets five yearly rows, filled in one go.
    page.locator("#id_start_year").select_option("2020")
    page.locator("#id_end_year").select_option("2024")
    rows = page.locator("#years-rows tr:not([hidden])")
    assert rows.count() == 5
    for i in range(5):
        rows.nth(i).locator("input[name$='-budget']").fill(str(100_000_000 * (i + 1)))
    # A horizon that contradicts the first year is named as it is chosen.
    page.locator("#id_horizon").select_option(label="Jangka panjang")
    assert "Jangka panjang" in page.locator("#horizon-check").inner_text()
    page.locator("#id_horizon").select_option("")
    assert "Jangka menengah" in page.locator("#horizon-check").inner_text()  # 2020 is the plan's year 2

    page.locator("#id_status").select_option(index=1)
    partners = page.locator("#partners-rows tr")
    assert partners.count() == 1
    page.get_by_role("button", name="Tambah mitra").click()
    assert partners.count() == 2
    for i in range(2):
        partners.nth(i).locator("select[name$='-stakeholder']").select_option(index=i + 1)
        partners.nth(i).locator("select[name$='-role']").select_option(index=1)
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "programme-form-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "programme-form-1366")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/programmes/*/")

    programme = Programme.objects.annotate(n_partners=Count("partners", distinct=True)).get(name="Layanan Kesehatan Keliling")
    assert list(programme.years.values_list("year", flat=True)) == [2020, 2021, 2022, 2023, 2024]
    assert programme.n_partners == 2 and programme.element.name == "Kesehatan" and programme.horizon.code == "medium"
    assert programme.village.parent.name == "Sirimau"
