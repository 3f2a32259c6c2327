"""Team management in the browser: the coordinator creates an operator's account with a one-time
link, the operator chooses a password with it, signs in and edits a programme of their department."""

from playwright.sync_api import expect

from e2e.conftest import log_in
from kotacerdas.cities.models import Opd
from kotacerdas.programmes.models import Programme

CITY = "/cities/81.71"


def test_a_coordinator_invites_an_operator_who_then_edits_their_own_programme(page, shot):
    dinkes = Opd.objects.get(city__region__code="81.71", short_name="Dinkes")
    programme = Programme.objects.filter(lead_opd=dinkes).order_by("pk").first()

    log_in(page, "koordinator.ambon")
    page.goto(page.base + "/users/new/")
    page.locator("#id_username").fill("operator.baru")
    page.locator("#id_first_name").fill("Operator")
    page.locator("#id_last_name").fill("Baru")
    page.locator("#id_role").select_option("opd_operator")
    page.locator("#id_opd").select_option(str(dinkes.pk))
    page.locator("form button.btn-primary").click()
    expect(page.get_by_text("Akun operator.baru dibuat.")).to_be_visible()
    link = page.get_by_label("Tautan sekali pakai untuk memilih kata sandi").input_value()
    shot(page, "team-01-account-created")
    page.context.clear_cookies()

    # The operator opens the link, chooses a password, and signs in with it.
    page.goto(link)
    page.locator("input[type=password]").fill("Sandi-Baru-Operator-2026")
    page.locator("form button.btn-primary").click()
    expect(page.get_by_text("Kata sandi Anda tersimpan")).to_be_visible()
    log_in(page, "operator.baru", "Sandi-Baru-Operator-2026")

    page.goto(page.base + f"{CITY}/programmes/{programme.pk}/")
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.locator("#id_problem").fill("Masalah yang dirumuskan ulang oleh operator baru.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text(f"Program “{programme.name}” disimpan.")).to_be_visible()
    programme.refresh_from_db()
    assert programme.problem == "Masalah yang dirumuskan ulang oleh operator baru."
    shot(page, "team-02-operator-saved")

    # The same link works once only.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("tidak berlaku")
