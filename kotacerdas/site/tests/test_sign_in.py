"""Signing in: wrong passwords are throttled (django-axes) with a clear, translated page."""

import pytest

from kotacerdas.accounts.tests.factories import PASSWORD


@pytest.fixture
def throttled(settings):
    settings.AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
    settings.AXES_FAILURE_LIMIT = 5


def _sign_in(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_after_five_wrong_passwords_even_the_right_one_waits(client, koordinator, throttled):
    for _ in range(4):
        assert _sign_in(client, koordinator.username, "salah-sandi").status_code == 200
    assert _sign_in(client, koordinator.username, "salah-sandi").status_code == 429
    response = _sign_in(client, koordinator.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Masuk dijeda" in page and "5" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_right_password_before_the_limit_signs_in_and_resets_the_count(client, koordinator, throttled):
    for _ in range(4):
        _sign_in(client, koordinator.username, "salah-sandi")
    assert _sign_in(client, koordinator.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _sign_in(client, koordinator.username, "salah-sandi")
    assert _sign_in(client, koordinator.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_another_users_lockout_does_not_lock_this_user(client, koordinator, operator_dinkes, throttled):
    for _ in range(6):
        _sign_in(client, operator_dinkes.username, "salah-sandi")
    assert _sign_in(client, koordinator.username, PASSWORD).status_code == 302
