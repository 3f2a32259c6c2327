"""Finding one's way in the browser: from the home page to every section of a city, as the city's
coordinator and as a citizen, on a desktop and a phone, without a 404; the ministry enrols a city and
reaches its masterplan without typing a URL; a new city's plan pages say what comes first."""

import re

from playwright.sync_api import expect

from e2e.conftest import log_in

AMBON = "Kota Ambon"


def section_links(page) -> list[str]:
    """Every section of the city, from its navigation (the phone menu lists them all)."""
    links = page.locator(".city-nav-menu-panel a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(links) >= 13, links
    return links


def walk(page, shot, name: str):
    """Home → the city → every section; each answers, shows the city navigation and a heading."""
    page.goto(page.base + "/")
    page.get_by_role("link", name=AMBON).first.click()
    expect(page.locator(".city-nav")).to_be_visible()
    for href in section_links(page):
        response = page.goto(page.base + href)
        assert response.status < 400, (href, response.status)
        expect(page.locator(".city-nav")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        current = page.locator(".city-nav-menu-panel a[aria-current=page]")
        expect(current).to_have_attribute("href", href)  # the navigation shows where one is
    shot(page, f"navigation-{name}-last-section")


def test_the_coordinator_reaches_every_section_from_home(page, shot):
    log_in(page, "koordinator.ambon")
    walk(page, shot, "koordinator")
    # the city sits in the top bar too, and the team
    page.goto(page.base + "/framework/")
    expect(page.locator("#nav").get_by_role("link", name=AMBON)).to_be_visible()
    page.locator("#nav").get_by_role("link", name="Tim").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tim Kota Ambon")


def test_a_citizen_reaches_every_section_from_home(page, shot):
    walk(page, shot, "warga")


def test_the_city_name_shows_in_full_on_a_laptop_in_both_languages(page, shot):
    log_in(page, "koordinator.ambon")
    for language in ("id", "en"):
        if language == "en":
            page.get_by_role("button", name="EN").click()
            page.wait_for_load_state("load")
        for width in (1366, 1024):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(page.base + "/cities/81.71/documents/")
            name = page.locator(".city-nav-name")
            expect(name).to_have_text(AMBON)
            assert name.evaluate("a => a.scrollWidth <= a.clientWidth"), (language, width)  # not cut short with “…”
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (language, width)
            shot(page, f"navigation-{width}-{language}")


def test_on_a_phone_the_sections_are_one_menu_away(page, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/cities/81.71/")
    menu = page.locator("details.city-nav-menu")
    menu.locator("summary").click()
    shot(page, "navigation-phone-menu")
    menu.get_by_role("link", name="Peta jalan").click()
    expect(page).to_have_url(re.compile(r"/programmes/roadmap/$"))
    assert page.locator(".city-nav").evaluate("nav => nav.scrollWidth") <= 390


def test_the_ministry_enrols_a_city_and_reaches_its_masterplan(page, shot):
    log_in(page, "kementerian")
    page.get_by_role("link", name="Daftarkan kabupaten/kota").click()
    page.get_by_label("Kabupaten atau kota").select_option(value="81.72")  # Kota Tual, Maluku
    page.get_by_role("button", name=re.compile("Daftarkan|Simpan")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Tual")
    # the summary shows what comes next
    expect(page.locator("[data-next-step]")).to_contain_text("perangkat daerah")
    shot(page, "navigation-new-city-summary")
    # a plan page says what comes first instead of a 404, with the way there
    page.locator(".city-nav").get_by_role("link", name="Program", exact=True).click()
    expect(page.get_by_text("Kota Tual belum memiliki masterplan")).to_be_visible()
    shot(page, "navigation-new-city-programmes")
    page.get_by_role("link", name="Buat masterplan terlebih dahulu").click()
    expect(page).to_have_url(re.compile(r"/cities/81\.72/plan/"))
    expect(page.get_by_role("heading", name="Masterplan baru")).to_be_visible()
