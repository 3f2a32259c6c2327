"""The Content-Security-Policy in Chromium: the coordinator's main pages load with no violation
reported (no inline script, style or handler, nothing eval'd), the charts and the map still draw,
and the htmx and data-* behaviours (swaps, confirm, cancel) still work."""

import re

from playwright.sync_api import expect

from e2e.conftest import log_in
from kotacerdas.alignment.models import PlanDocument
from kotacerdas.bimtek.models import Workshop
from kotacerdas.programmes.models import Programme

CITY = "/cities/81.71"

# Chromium reports each violation to the page (securitypolicyviolation) and on the console.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def watch(page) -> list[str]:
    reported: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", lambda m: reported.append(m.text) if "Content Security Policy" in m.text or "CSP violation" in m.text else None)
    page.on("pageerror", lambda e: reported.append(f"page error: {e}"))
    return reported


def visit(page, path: str, shot=None, name: str = ""):
    response = page.goto(page.base + path)
    assert response.status == 200, path
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    if shot:
        shot(page, f"csp-{name}")


def test_main_pages_satisfy_the_policy(page, shot):
    reported = watch(page)
    log_in(page, "koordinator.ambon")
    programme = Programme.objects.order_by("pk").first()
    workshop = Workshop.objects.order_by("pk").first()
    plan = PlanDocument.objects.filter(items__isnull=False).order_by("pk").first()

    for path, name in [
        ("/", "home"),
        (f"{CITY}/", "city"),
        (f"{CITY}/programmes/", "programmes"),
        (f"{CITY}/programmes/{programme.pk}/", "programme"),
        (f"{CITY}/programmes/{programme.pk}/edit/", "programme-form"),
        (f"{CITY}/plan/", "masterplan"),
        (f"{CITY}/readiness/", "readiness"),
        (f"{CITY}/bimtek/{workshop.pk}/", "bimtek"),
        (f"{CITY}/alignment/", "matrix"),
        (f"{CITY}/alignment/gaps/", "gaps"),
        ("/framework/", "framework"),
    ]:
        visit(page, path, shot, name)

    # The roadmap's grid and colours come from data-* attributes through roadmap.js.
    visit(page, f"{CITY}/programmes/roadmap/", shot, "roadmap")
    bar = page.locator(".rm-bar").first
    expect(bar).to_be_visible()
    assert bar.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert bar.evaluate("b => b.getBoundingClientRect().left") > page.locator(".rm-name").first.evaluate(
        "n => n.getBoundingClientRect().left"
    )

    # The dashboard's two charts and its map draw from dashboard.js.
    visit(page, f"{CITY}/programmes/dashboard/", shot, "dashboard")
    for canvas in ("#chart-count", "#chart-budget"):
        # Chart.js sizes the canvas after layout: wait for it (fails after the timeout if it never draws).
        page.wait_for_function(
            "sel => { const b = document.querySelector(sel).getBoundingClientRect(); return b.width > 100 && b.height > 100; }",
            arg=canvas,
        )
    expect(page.locator("#map .leaflet-interactive").first).to_be_attached()
    expect(page.locator("#map .district-label").first).to_be_visible()

    # The vision page loads the bimtek's keywords with htmx (hx-trigger=load).
    visit(page, f"{CITY}/plan/vision/", shot, "vision")
    expect(page.locator("#vision-keywords").get_by_text("harmonis", exact=True)).to_be_visible()

    # A plan's tree: htmx swaps in an item's form and back; a new item's form is removed by Cancel
    # (data-remove-closest); deleting the plan asks first (data-confirm) and stays when refused.
    visit(page, f"{CITY}/alignment/plans/{plan.pk}/", shot, "plan")
    row = page.locator("li.item-row").first
    row_id = row.get_attribute("id")
    row.get_by_role("link", name="Ubah").click()
    form_li = page.locator(f"li#{row_id}").filter(has=page.locator("form"))
    expect(form_li.get_by_role("button", name="Simpan")).to_be_visible()
    form_li.get_by_role("button", name="Batal").click()
    expect(page.locator(f"li#{row_id}.item-row")).to_be_visible()
    page.locator("li.item-row").first.get_by_role("link", name="Tambah di bawahnya").click()
    new_form = page.locator("li[id^=new-under-]")
    expect(new_form).to_be_visible()
    new_form.get_by_role("button", name="Batal").click()
    expect(new_form).to_have_count(0)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Hapus dokumen").click()
    expect(page.locator("li.item-row").first).to_be_visible()
    assert asked and page.url.endswith(f"/alignment/plans/{plan.pk}/")

    # The API's Swagger UI works under the same policy.
    visit(page, "/api/v1/docs", shot, "api-docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()

    assert reported == []


def test_the_weights_total_runs_from_a_static_script(page, shot):
    reported = watch(page)
    log_in(page, "kementerian")
    visit(page, "/framework/weights/new/", shot, "weights")
    inputs = page.locator("input.weight")
    for i in range(inputs.count()):
        inputs.nth(i).fill("10")
    expect(page.locator("#weights-total")).to_have_text(str(10 * inputs.count()))
    expect(page.locator("#weights-total")).to_have_class(re.compile(r"\btext-danger\b"))
    assert reported == []
