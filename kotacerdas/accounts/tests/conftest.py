import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Seven personas per test: a deliberately slow password hash would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
