"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

Skipped with a reason when Chromium is absent (`.ci/run` installs it). Screenshots of every
visited page go to `screenshots/` for a person to look at.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# around it are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)"))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The live server's database is flushed between browser tests: load reference data and demo."""
    call_command("load_reference", only_regency="81.71", stdout=io.StringIO())
    call_command("load_demo", demo_logins=True, stdout=io.StringIO())


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def shot():
    """Save a full-page screenshot: shot(page, "name")."""
    SHOTS.mkdir(exist_ok=True)

    def _shot(page, name: str):
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return _shot


def log_in(page, username: str, password: str = "kotacerdas-demo"):
    page.goto(page.base + "/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
