"""The annual evaluation in the browser, in Indonesian: the assigned assessor scores Ambon's submitted
round, the ministry publishes it, and the city's coordinator sees the published result with its formula."""

from playwright.sync_api import expect

from e2e.conftest import log_in

CITY = "/cities/81.71/evaluation/"
SCORES = {"Baseline": "3.20", "Output": "3.00", "Outcome": "3.40", "Dampak": "3.10", "Quick Win": "3.50"}


def test_assessor_scores_ministry_publishes_city_sees_the_formula(page, shot):
    page.set_default_timeout(60000)  # a busy shared machine; the pages themselves answer fast
    page.on("dialog", lambda dialog: dialog.accept())

    log_in(page, "penilai")
    page.goto(page.base + CITY)
    page.get_by_role("row").filter(has_text="2025").get_by_role("link", name="Tahap I").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tahap I")
    form = page.locator("form[action$='/scores/']")
    for label, value in SCORES.items():
        form.get_by_label(label).fill(value)
    page.get_by_role("button", name="Simpan nilai").click()
    expect(page.get_by_text("Nilai disimpan.")).to_be_visible()
    expect(page.get_by_test_id("final-index")).to_have_text("3,26")
    shot(page, "evaluation-01-scored-by-assessor")
    round_url = page.url.split("#")[0]

    page.context.clear_cookies()
    log_in(page, "koordinator.ambon")
    page.goto(round_url)
    expect(page.get_by_text("Nilai ditampilkan setelah kementerian mempublikasikan hasilnya.")).to_be_visible()
    expect(page.get_by_test_id("final-index")).to_have_count(0)

    page.context.clear_cookies()
    log_in(page, "kementerian")
    page.goto(round_url)
    page.get_by_role("button", name="Publikasikan hasil").click()
    expect(page.get_by_text("Hasil dipublikasikan.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, "koordinator.ambon")
    page.goto(round_url)
    expect(page.get_by_test_id("final-index")).to_have_text("3,26")
    formula = page.get_by_test_id("formula")
    expect(formula).to_contain_text("3.20 × 10% (baseline)")
    expect(formula).to_contain_text("→ 3.26")
    expect(page.get_by_text("+0,16")).to_be_visible()  # over 2024's published 3.10
    shot(page, "evaluation-02-published-seen-by-city")
    page.goto(page.base + CITY)
    expect(page.get_by_role("row").filter(has_text="2025")).to_contain_text("3,26")
