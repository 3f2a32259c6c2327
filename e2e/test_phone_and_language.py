"""The main pages of the Ambon demo, as its coordinator and as a citizen: none is wider than a
390 px phone, and the Indonesian interface shows no English word left untranslated (in the text,
in tooltips and labels, in the charts' and the map's controls)."""

import re

import pytest

from e2e.conftest import log_in

PHONE = 390
CITY = "/cities/81.71/"
# Forms are checked by their own tests (the programme form is being reworked); downloads are files.
SKIP = re.compile(r"/(new|edit|delete|download|export|file)(/|$)|\.(docx|pdf|pptx|xlsx|csv|zip)$")
# Words of the interface's English that do not occur in Indonesian text (the demo's own names,
# such as "Ambon City of Music", use none of them).
ENGLISH = re.compile(
    r"\b(the|and|with|from|this|none|zoom in|zoom out|default weights|official results|leading sector|allowed"
    r"|edit|delete|save|cancel|search|planned|running|realised|programmes?|departments?|stakeholders?|budget|weights?)\b",
    re.IGNORECASE,
)
# Everything a person reads or hears on the page: its text, title, and the tooltips and labels of
# its controls (the map's zoom buttons among them).
READ = """() => [document.title, document.body.innerText,
  ...Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'),
    e => [e.title, e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('alt')].join(' '))].join('\\n')"""


def shape(href: str) -> str:
    """/cities/81.71/programmes/12/ and /cities/81.71/programmes/13/ are the same kind of page."""
    return re.sub(r"/\d+/", "/N/", href.replace(CITY, "/").split("?")[0])


def main_pages(page) -> list[str]:
    """Home, about, the framework, every section of the city (from its navigation) and one page of
    each kind those sections link to."""
    page.goto(page.base + CITY)
    sections = page.locator(".city-nav-menu-panel a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(sections) >= 13, sections
    pages, shapes = ["/", "/about/", "/framework/", CITY, *sections], set()
    for href in sections:
        page.goto(page.base + href)
        for link in page.locator(f"main a[href^='{CITY}']").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            link = link.split("#")[0]
            if link not in pages and not SKIP.search(link) and shape(link) not in shapes:
                shapes.add(shape(link))
                pages.append(link)
    return pages


def visit(page, href: str):
    response = page.goto(page.base + href)
    assert response.status < 400, (href, response.status)
    page.wait_for_load_state("load")


@pytest.fixture(params=["koordinator.ambon", None], ids=["koordinator", "warga"])
def person(request, page):
    if request.param:
        log_in(page, request.param)
    return request.param or "warga"


# Every role that may see the city: the same navigation, each page it links to answering (no 403 or
# 404 behind a link the role is shown) and fitting a phone.
@pytest.fixture(
    params=["koordinator.ambon", "operator.dinkes", "mitra.telkom", "kementerian", "penilai", None],
    ids=["koordinator", "operator", "mitra", "kementerian", "penilai", "warga"],
)
def any_role(request, page):
    if request.param:
        log_in(page, request.param)
    return request.param or "warga"


def test_no_main_page_is_wider_than_a_phone(page, any_role, shot):
    person = any_role
    page.set_viewport_size({"width": PHONE, "height": 844})
    pages = main_pages(page)
    assert len(pages) > 30, pages
    too_wide = {}
    for href in pages:
        visit(page, href)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            too_wide[href] = width
            shot(page, f"phone-too-wide-{person}-{shape(href).strip('/').replace('/', '-') or 'home'}")
    assert too_wide == {}


def test_the_indonesian_interface_shows_no_english(page, person):
    found = {}
    # The framework page among them: its reference texts (sources, notes) are written in both languages.
    pages = main_pages(page)
    assert "/framework/" in pages
    for href in pages:
        visit(page, href)
        page.wait_for_timeout(100)  # the charts and the map draw after the load
        words = sorted({m.group(0) for m in ENGLISH.finditer(page.evaluate(READ))})
        if words:
            found[href] = words
    assert found == {}
