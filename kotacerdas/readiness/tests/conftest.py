import pytest


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The personas' passwords are hashed per test; the default PBKDF2 costs ~0.5 s per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
