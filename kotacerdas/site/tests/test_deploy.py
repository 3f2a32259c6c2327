"""Production configuration: `check --deploy` is clean with the documented environment, and
refuses the public development key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "kc-test-" + "x7Qp2Lm9Rt4Vw8Yz1Bn6Cd3Fg5Hj0Ks" * 2,
    "ALLOWED_HOSTS": "smartcity.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://smartcity.example.go.id",
    "BEHIND_TLS_PROXY": "1",
}


# Set by the browser tests for Playwright's event loop; never part of a deployment.
TEST_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def _check_deploy(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION.keys() | TEST_ONLY} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_environment():
    result = _check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_deploy_refuses_the_development_secret_key():
    result = _check_deploy(**{k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


@pytest.mark.django_db
def test_healthz_reports_database_and_storage(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}
    assert list(tmp_path.rglob("*.*")) == []
