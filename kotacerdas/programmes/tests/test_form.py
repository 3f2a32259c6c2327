"""The programme form helps: dependent choices, a row per year, the horizon from the years, every error at once."""

import re

import pytest

from kotacerdas.programmes.models import Programme
from kotacerdas.programmes.tests.test_pages import BASE, _form_data
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def _years(period, **budgets):
    """The yearly rows the form posts for `period`, with a budget for the years in `budgets` ({"y2021": "5"})."""
    data = {"years-TOTAL_FORMS": len(period), "years-INITIAL_FORMS": 0}
    for i, year in enumerate(period):
        data[f"years-{i}-year"] = year
        data[f"years-{i}-budget"] = budgets.get(f"y{year}", "")
    return data


def test_new_form_has_a_row_for_each_year_of_the_period(login, koordinator, plan):
    page = login(koordinator).get(f"{BASE}new/").content.decode()
    assert 'name="years-TOTAL_FORMS" value="5"' in page
    assert re.findall(r'name="years-\d+-year" value="(\d+)"', page) == ["2020", "2021", "2022", "2023", "2024"]


def test_five_years_in_one_save(login, koordinator, plan, valid):
    period = range(2020, 2025)
    data = _form_data({**valid, "start_year": 2020, "end_year": 2024}, horizon="")
    data.update(_years(period, **{f"y{y}": str(1_000_000 * (y - 2019)) for y in period}))
    response = login(koordinator).post(f"{BASE}new/", data)
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert list(programme.years.values_list("year", "budget")) == [(y, 1_000_000 * (y - 2019)) for y in period]
    assert programme.horizon.code == "short"  # derived: 2020 is the masterplan's first year


def test_a_year_left_empty_gets_no_row(login, koordinator, plan, valid):
    data = _form_data(valid)
    data.update(_years(range(2021, 2024), y2022="7"))
    assert login(koordinator).post(f"{BASE}new/", data).status_code == 302
    assert list(Programme.objects.get().years.values_list("year", flat=True)) == [2022]


def test_horizon_derived_from_the_first_year_when_left_empty(login, koordinator, plan, valid):
    assert login(koordinator).post(f"{BASE}new/", _form_data(valid, horizon="")).status_code == 302
    assert Programme.objects.get().horizon.code == "medium"  # 2021 is year 2 of 2020–2024


def test_horizon_contradicting_the_years_is_named_then_kept_when_confirmed(login, koordinator, plan, valid, ref, unchanged):
    client = login(koordinator)
    data = _form_data(valid, horizon=ref.horizon["long"].pk)
    with unchanged():
        response = client.post(f"{BASE}new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    summary = re.search(r'id="error-summary".*?</div>', page, re.S).group(0)
    assert "tahun ke-2 masterplan" in summary and "Jangka menengah" in summary and "Jangka panjang" in summary
    assert 'name="keep_horizon"' in page
    assert client.post(f"{BASE}new/", {**data, "keep_horizon": "on"}).status_code == 302
    assert Programme.objects.get().horizon.code == "long"


def test_elements_and_villages_carry_their_parent(login, koordinator, plan, ref):
    page = login(koordinator).get(f"{BASE}new/").content.decode()
    health = ref.element["living-health"]
    assert re.search(rf'<option value="{health.pk}" data-parent="{health.dimension_id}">', page)
    assert 'data-filter-by="id_dimension"' in page and 'data-filter-by="id_district"' in page
    # Two villages named Nusaniwe (a kelurahan and a desa) are told apart by their codes, under their district.
    assert "Nusaniwe (81.71.01.1006)" in page and "Nusaniwe (81.71.01.2003)" in page
    assert '<option value="81.71.01.1006" data-parent="81.71.01">' in page


def test_village_of_another_district_refused_with_every_other_problem(login, koordinator, plan, valid, ref, unchanged):
    sirimau_village = Region.objects.filter(parent_id="81.71.02").first()
    data = _form_data(
        valid,
        element=ref.element["economy-industry"].pk,
        horizon=ref.horizon["short"].pk,
        district="81.71.01",
        village=sirimau_village.pk,
    )
    with unchanged():
        response = login(koordinator).post(f"{BASE}new/", data)
    summary = re.search(r'id="error-summary".*?</div>', response.content.decode(), re.S).group(0)
    assert f"{sirimau_village.name} bukan kelurahan/desa di kecamatan yang dipilih, Nusaniwe" in summary
    assert "tidak termasuk dalam dimensi" in summary and "Jangka pendek" in summary
    assert summary.count("<li>") == 3 and 'href="#id_village"' in summary


def test_partner_row_errors_in_the_summary(login, koordinator, plan, valid, unchanged):
    data = _form_data(valid, **{"partners-0-role": "funder"})  # a role without its stakeholder
    with unchanged():
        response = login(koordinator).post(f"{BASE}new/", data)
    summary = re.search(r'id="error-summary".*?</div>', response.content.decode(), re.S).group(0)
    assert "Mitra, baris 1" in summary and 'href="#id_partners-0-stakeholder"' in summary


def test_supporting_departments_are_ticks(login, koordinator, plan, dinkes):
    page = login(koordinator).get(f"{BASE}new/").content.decode()
    assert re.search(rf'<input type="checkbox" name="supporting_opds" value="{dinkes.pk}"', page)
    assert "data-checkbox-filter" in page and "Ctrl" not in page


def test_quick_win_scores_show_their_range(login, koordinator, health_programme):
    page = login(koordinator).get(f"{BASE}{health_programme.pk}/quick-win/").content.decode()
    assert re.search(r"<label[^>]*>[^<]+ \(0–5\)", page) and 'max="5"' in page
    fields = re.findall(r'name="(problem|innovation|benefit|partners|timeline|risks)"', page)
    assert fields == ["problem", "innovation", "benefit", "partners", "timeline", "risks"]


def test_three_steps_in_one_save_and_an_empty_extra_row(login, koordinator, plan, valid, dinkes):
    page = login(koordinator).get(f"{BASE}new/").content.decode()
    assert 'name="steps-TOTAL_FORMS" value="1"' in page and 'data-formset-add="steps"' in page and 'id="steps-template"' in page
    steps = [
        (2021, "Survei kebutuhan", "Laporan survei", dinkes.pk),
        (2022, "Uji coba", "", ""),
        (2023, "Perluasan", "Semua puskesmas", ""),
    ]
    data = _form_data(valid, **{"steps-TOTAL_FORMS": 4})
    for i, (year, description, milestone, opd) in enumerate(steps):
        data.update(
            {f"steps-{i}-year": year, f"steps-{i}-description": description, f"steps-{i}-milestone": milestone, f"steps-{i}-opd": opd}
        )
    assert login(koordinator).post(f"{BASE}new/", data).status_code == 302
    programme = Programme.objects.get()
    assert list(programme.steps.values_list("year", "description", "milestone", "opd")) == [
        (2021, "Survei kebutuhan", "Laporan survei", dinkes.pk),
        (2022, "Uji coba", "", None),
        (2023, "Perluasan", "Semua puskesmas", None),
    ]
    page = login(koordinator).get(f"{BASE}{programme.pk}/").content.decode()
    assert "Survei kebutuhan" in page and "Laporan survei" in page
    edit = login(koordinator).get(f"{BASE}{programme.pk}/edit/").content.decode()
    assert 'name="steps-TOTAL_FORMS" value="4"' in edit and 'value="Perluasan"' in edit


def test_step_outside_the_years_is_named_and_nothing_saved(login, koordinator, plan, valid, unchanged):
    data = _form_data(valid, **{"steps-0-year": 2024, "steps-0-description": "Perluasan"})
    with unchanged():
        response = login(koordinator).post(f"{BASE}new/", data)
    summary = re.search(r'id="error-summary".*?</div>', response.content.decode(), re.S).group(0)
    assert "Perluasan" in summary and "2024" in summary
