"""The coordinator logs in and sees Ambon's stage, departments, stakeholders and commitment."""

from e2e.conftest import log_in


def test_coordinator_sees_ambon_in_indonesian_and_english(page, shot):
    log_in(page, "koordinator.ambon")
    page.goto(page.base + "/cities/81.71/")
    body = page.locator("main")
    assert "Kota Ambon" in body.inner_text()
    assert "Dinas Kesehatan" in body.inner_text()
    assert "Komitmen" in body.inner_text()
    shot(page, "city-dashboard-id")
    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert "Commitment" in page.locator("main").inner_text()
    shot(page, "city-dashboard-en")
