"""What anonymous visitors read (pages, the open API) is served from the cache for PUBLIC_CACHE_SECONDS; nobody else's reads are."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from kotacerdas.core.middleware import PublicCacheMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(ambon, tual):
    ambon.is_published = True
    ambon.save()
    return ambon, tual


def _publish(city):
    city.is_published = True
    city.save()


def test_a_visitor_sees_the_cached_page_until_it_expires(settings, cached, published):
    settings.PUBLIC_CACHE_SECONDS = 1
    _ambon, tual = published
    assert "Tual" not in Client().get("/").text
    _publish(tual)
    assert "Tual" not in Client().get("/").text  # the page of a moment ago
    time.sleep(1.2)
    assert "Tual" in Client().get("/").text


def test_a_signed_in_user_always_sees_the_database(cached, published, kementerian):
    _ambon, tual = published
    Client().get("/")
    _publish(tual)
    user = Client()
    user.force_login(kementerian)
    assert "Tual" in user.get("/").text


def test_without_the_setting_every_request_is_rendered(settings, published):
    settings.PUBLIC_CACHE_SECONDS = 0
    _ambon, tual = published
    Client().get("/")
    _publish(tual)
    assert "Tual" in Client().get("/").text


def test_each_language_has_its_own_page(cached, published):
    indonesian = Client().get("/").text
    english = Client()
    english.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert english.get("/").text != indonesian
    assert 'lang="en"' in english.get("/").text


def test_the_language_switch_needs_no_csrf_token(published):
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in visitor.get("/").text


def test_an_anonymous_page_holds_no_csrf_token_and_sets_no_cookie(published):
    response = Client().get("/")
    assert "csrfmiddlewaretoken" not in response.text and "X-CSRFToken" not in response.text
    assert not response.cookies


def test_a_page_with_a_csrf_token_is_never_shared(cached, kementerian, password):
    """The sign-in form's token belongs to one visitor's cookie: the next visitor gets their own and can sign in."""
    Client(enforce_csrf_checks=True).get("/login/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/login/")
    assert "csrftoken" in page.cookies
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = visitor.post("/login/", {"username": "kementerian", "password": password, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_an_anonymous_api_read_is_cached_per_language_and_a_token_read_never(cached, published, client, api_token, kementerian):
    _ambon, tual = published
    headers = api_token(kementerian)
    Client().get("/api/v1/cities")
    _publish(tual)
    assert tual.code not in [city["code"] for city in Client().get("/api/v1/cities").json()["items"]]
    assert tual.code in [city["code"] for city in client.get("/api/v1/cities", headers=headers).json()["items"]]
    english = Client().get("/api/v1/framework/dimensions", headers={"Accept-Language": "en"}).json()
    indonesian = Client().get("/api/v1/framework/dimensions", headers={"Accept-Language": "id"}).json()
    assert english != indonesian


def test_a_large_answer_is_not_kept(cached, published, monkeypatch):
    """Books and downloads stay out of the cache: it holds pages, not files."""
    monkeypatch.setattr(PublicCacheMiddleware, "LARGEST", 100)
    _ambon, tual = published
    Client().get("/")
    _publish(tual)
    assert "Tual" in Client().get("/").text
