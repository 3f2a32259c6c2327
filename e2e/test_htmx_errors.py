"""A refused htmx action says why above the page, instead of a button that seems to do nothing."""

import re

from e2e.conftest import log_in


def test_a_refused_htmx_action_shows_the_servers_reason(page, shot):
    log_in(page, "operator.dinkes")
    page.goto(page.base + "/cities/81.71/programmes/")
    href = (
        page.locator("a[href*='/programmes/']")
        .filter(has_text=re.compile(r"\w"))
        .evaluate_all("links => links.map(a => a.getAttribute('href')).find(h => /\\/programmes\\/\\d+\\/$/.test(h))")
    )
    # An operator may not move a quick win between stages: the server answers 403 with its reason.
    page.evaluate(
        """url => {
            document.querySelector("main").insertAdjacentHTML("beforeend",
                `<button id="refused" hx-post="${url}quick-win/stage/" hx-vals='{"stage": "selected"}'>go</button>`);
            htmx.process(document.getElementById("refused"));
        }""",
        href,
    )
    page.click("#refused")
    alert = page.locator("#action-messages [role=alert]")
    alert.wait_for()
    assert alert.inner_text().strip().startswith("Hanya koordinator")
    shot(page, "htmx-refused")
    alert.get_by_role("button").click()
    alert.wait_for(state="detached")
