"""The Content-Security-Policy header (django-csp): on every page, the API's docs included, with
scripts from this server only — no 'unsafe-inline', no 'unsafe-eval' — and no inline script or
event-handler attribute left in the templates (e2e/test_csp.py checks the pages in Chromium)."""

import re
from pathlib import Path

import pytest

import kotacerdas

TEMPLATES = sorted(Path(kotacerdas.__file__).parent.glob("*/templates/**/*.html"))


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/login/", "/framework/", "/api/v1/docs", "/no-such-page/"])
def test_every_page_carries_the_policy(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


@pytest.mark.django_db
def test_a_city_page_of_the_coordinator_carries_it(koordinator, client):
    client.force_login(koordinator)
    response = client.get(f"/cities/{koordinator.city.code}/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_api_docs_need_no_inline_script(client):
    html = client.get("/api/v1/docs").content.decode()
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", html)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_no_template_has_inline_script_style_or_handler(template):
    html = re.sub(r"\{#.*?#\}", "", template.read_text(), flags=re.S)  # template comments are not sent
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", html), "inline <script>"
    assert "<style" not in html, "inline <style>: move it to a static .css file"
    assert not re.search(r"\sstyle=", html), "style attribute: use a class or a data-* attribute"
    assert not re.search(r"\son[a-z]+=", html), "event-handler attribute: use a static .js file"
    assert "hx-on" not in html and "javascript:" not in html
