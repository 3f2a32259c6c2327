"""The published API contract: a valid OpenAPI document, honoured by the public read endpoints."""

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance
from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR, OPENAPI_31_VALIDATOR

OPENAPI_URL = "/api/v1/openapi.json"
# Public reads integrators rely on; writes and signed-in reads have their own tests per persona.
PUBLIC_READS = r"^/api/v1/(regions|framework|cities)"

schema = schemathesis.openapi.from_wsgi(OPENAPI_URL, get_wsgi_application()).include(method="GET", path_regex=PUBLIC_READS)


@pytest.fixture
def keep_test_connection():
    """Requests go straight to the WSGI app, whose end-of-request signal would close the test's
    database connection (and its transaction on PostgreSQL); Django's test client avoids it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_openapi_document_is_valid(client):
    document = client.get(OPENAPI_URL).json()
    version = document["openapi"]
    validator = OPENAPI_31_VALIDATOR if version.startswith("3.1") else OPENAPI_30_VALIDATOR
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors)
    assert version.startswith("3.")


def test_every_operation_documents_its_errors_and_a_summary(client):
    document = client.get(OPENAPI_URL).json()
    missing = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, op in operations.items()
        if not any(status.startswith("2") for status in op["responses"])
        or not {"400", "401", "403", "404"} <= set(op["responses"])
        or not op.get("summary")
    ]
    assert not missing, missing
    assert {"/api/v1/regions", "/api/v1/regions/{code}", "/api/v1/framework/dimensions", "/api/v1/audit"} <= set(document["paths"])


def test_property_checks_cover_only_the_public_reads():
    operations = {result.ok().label for result in schema.get_all_operations()}
    assert "GET /api/v1/regions" in operations and "GET /api/v1/framework/dimensions" in operations
    assert not any(o.startswith("PUT") or "/audit" in o for o in operations), operations


def test_swagger_ui_is_served_from_local_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and OPENAPI_URL in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "Swagger UI references no script or stylesheet"
    remote = [u for u in urls if u.startswith(("http:", "https:", "//"))]
    assert not remote, f"CDN URLs in the docs page: {remote}"
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a shipped static file"


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_public_reads_honour_the_schema(case, keep_test_connection):
    """Generated queries never give a 5xx, and every answer (errors included) matches the documented schema."""
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance])
