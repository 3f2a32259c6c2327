"""The REST API under /api/v1/: one router per app, mounted here. The contract is docs/api.md."""

from django.utils.module_loading import import_string

from kotacerdas.accounts.auth import AUTH
from kotacerdas.core.api import Api

api = Api(
    title="Kota Cerdas API",
    version="1.0.0",
    description=(
        "Smart-city masterplans of Indonesian regencies and cities (Gerakan Menuju 100 Smart City). "
        "Authenticate with `Authorization: Bearer <token>` (`manage.py issue_token USERNAME`). "
        "Errors answer `{code, message, errors}` with a stable `code`; `x-error-codes` lists them all. "
        "The conventions (names, paging, PATCH, ids) are in docs/api.md."
    ),
    auth=AUTH,
    urls_namespace="api-v1",
)

# (prefix, router) pairs: each app owns its router in <app>/api.py.
ROUTERS = [
    ("/regions", "kotacerdas.regions.api.router"),
    ("/framework", "kotacerdas.framework.api.router"),
    ("/cohorts", "kotacerdas.cities.api.cohort_router"),
    ("/cities", "kotacerdas.cities.api.router"),
    ("/cities", "kotacerdas.masterplan.api.router"),
    ("/cities", "kotacerdas.bimtek.api.router"),
    ("/cities", "kotacerdas.programmes.api.router"),
    ("/cities", "kotacerdas.readiness.api.router"),
    ("/cities", "kotacerdas.alignment.api.router"),
    ("/cities", "kotacerdas.monitoring.api.router"),
    ("/cities", "kotacerdas.governance.api.router"),
    ("", "kotacerdas.accounts.api.router"),
    ("", "kotacerdas.evaluation.api.router"),
    # Before books.api: its `/books/{book}` would otherwise catch `/books/checklist`.
    ("/cities", "kotacerdas.books.api_versions.router"),
    ("/cities", "kotacerdas.books.api.router"),
    ("/audit", "kotacerdas.core.audit_api.router"),
    ("/jobs", "kotacerdas.jobs.api.router"),
    ("/cities", "kotacerdas.jobs.api.city_router"),
]
for prefix, dotted in ROUTERS:
    api.add_router(prefix, import_string(dotted))
