"""The published API contract: a valid OpenAPI document, honoured by every operation for every role.

The property run (``test_every_operation_honours_the_document``) sends generated requests, valid
and invalid, to every operation of the document as every role (a token of each demo user, and
the public) against the Kota Ambon demo, and checks every answer against the document.

- The demo is loaded once for this module in a transaction rolled back when the module ends, so
  no other module sees it; each generated test runs in pytest-django's transaction nested in it,
  and each request in a savepoint of its own, rolled back: every request meets the demo as loaded.
- Generated requests are steered to the demo (``steer``): `code` is mostly Ambon's, ids in the
  path are mostly the demo's records (parent and child matching), references in valid bodies and
  queries mostly existing ones; the rest keep what was generated (unknown cities, ids and codes).
- The session's summary prints the tally (requests per status class, per role) (``conftest.py``).
"""

import copy
import io
import random
import re
import zlib
from dataclasses import dataclass

import pytest
import schemathesis
from django.apps import apps
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.db.models import ForeignKey
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.definitions import (
    OPENAPI_30_VALIDATOR,
    OPENAPI_31_VALIDATOR,
)

from kotacerdas.api import api

OPENAPI_URL = "/api/v1/openapi.json"
AMBON = "81.71"
# Role → its demo user (kotacerdas/accounts/demo.py); the public sends no token.
ROLES = {
    "national_admin": "kementerian",
    "assessor": "penilai",
    "coordinator": "koordinator.ambon",
    "opd_operator": "operator.dinkes",
    "stakeholder": "mitra.telkom",
    "anonymous": None,
}
# Generated (fuzzed) requests per operation and role, besides schemathesis' coverage cases.
MAX_EXAMPLES = 3
# A full run (every role) makes at least this many requests (the issue's quality bar).
MIN_REQUESTS = 2000
# One generated request in KEEP_ONE_IN keeps the path, query and body it was generated with.
KEEP_ONE_IN = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance, negative_data_rejection]
CHECKS_OF_VALID = [check for check in CHECKS if check is not negative_data_rejection]

# The document as served at OPENAPI_URL (test_openapi_document_is_served_as_built checks it),
# built in-process: importing this module makes no request and needs no database. (Loading it in a
# fixture with `schemathesis.pytest.from_fixture` would be lazier, but schemathesis 4.32's lazy
# schema sets `request.node._nodeid`, which pytest 9.2 no longer has; and one test per operation
# and role reports a failure by its name.)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    deterministic=True,
    with_security_parameters=False,
)


def test_openapi_document_is_valid(client):
    document = client.get(OPENAPI_URL).json()
    version = document["openapi"]
    validator = OPENAPI_31_VALIDATOR if version.startswith("3.1") else OPENAPI_30_VALIDATOR
    errors = [f"{'/'.join(map(str, e.instance_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, "\n".join(errors)
    assert version.startswith("3.")


def test_openapi_document_is_served_as_built(client):
    assert client.get(OPENAPI_URL).json() == schema.raw_schema


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


# --- the demo ------------------------------------------------------------------------------------


@dataclass
class Demo:
    headers: dict  # role → request headers
    users: dict  # role → user (None for the public)
    rows: dict  # path segment → the demo's values for the parameter after it (see _path_rows)
    pools: dict  # noun → existing ids or codes for body and query fields (see _pools)


_current: dict[str, Demo] = {}  # the loaded demo, for the hooks that steer generated requests


@pytest.fixture(scope="module")
def ambon_demo(django_db_setup, django_db_blocker):
    """The Kota Ambon demo and one API token per role, in a transaction rolled back at the end of the module.

    Requests go straight to the WSGI app, whose request signals would close the test's database
    connection (and its transaction on PostgreSQL): they are disconnected meanwhile, as Django's
    test client does."""
    from kotacerdas.accounts.models import User
    from kotacerdas.accounts.services import token_issue
    from kotacerdas.cities.models import City

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            users = {role: User.objects.get(username=name) if name else None for role, name in ROLES.items()}
            _a_finished_export(users["coordinator"])
            headers = {role: {"Authorization": f"Bearer {token_issue(user=user)}"} if user else {} for role, user in users.items()}
            city = City.objects.get(region_id=AMBON)
            _current["demo"] = Demo(headers=headers, users=users, rows=_path_rows(city), pools=_pools(city))
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield _current["demo"]
    _current.clear()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _a_finished_export(coordinator) -> None:
    """A job for `/jobs/{job_id}` to find (a row only: its result file is not made here, so `/result` answers 404)."""
    from kotacerdas.jobs.models import Job

    Job.objects.create(kind="city.export", city=coordinator.city, actor=coordinator, status="done", runner="sync")


def _segment_models():
    """Path segment before an id → (model, {segment of a parent id in the same path: the row's field for it})."""
    from kotacerdas.alignment.models import PlanDocument, PlanItem, ProgrammeLink
    from kotacerdas.bimtek.models import Output, Participant, Workshop
    from kotacerdas.cities.models import (
        Body,
        BodyMember,
        Commitment,
        Opd,
        Signatory,
        Stakeholder,
    )
    from kotacerdas.governance.models import Attachment, Meeting, Regulation
    from kotacerdas.masterplan.models import Masterplan, Mission, Objective, Revision, Target
    from kotacerdas.monitoring.models import Indicator, Realisation
    from kotacerdas.programmes.models import Programme
    from kotacerdas.readiness.models import GapItem, SwotItem

    return {
        "opds": (Opd, {}),
        "bodies": (Body, {}),
        "members": (BodyMember, {"bodies": "body_id"}),
        "stakeholders": (Stakeholder, {}),
        "commitments": (Commitment, {}),
        "signatories": (Signatory, {"commitments": "commitment_id"}),
        "masterplans": (Masterplan, {}),
        "missions": (Mission, {}),
        "objectives": (Objective, {}),
        "targets": (Target, {}),
        "revisions": (Revision, {}),
        "bimtek": (Workshop, {}),
        "participants": (Participant, {"bimtek": "workshop_id"}),
        "outputs": (Output, {"bimtek": "workshop_id"}),
        "programmes": (Programme, {}),
        "swot": (SwotItem, {}),
        "gaps": (GapItem, {}),
        "adopt": (Output, {}),
        "plans": (PlanDocument, {}),
        "items": (PlanItem, {"plans": "document_id"}),
        "links": (ProgrammeLink, {}),
        "indicators": (Indicator, {}),
        "realisations": (Realisation, {}),
        "regulations": (Regulation, {}),
        "meetings": (Meeting, {}),
        "attachments": (Attachment, {}),
    }


def _in_city(model, city):
    return model._default_manager.filter(**{model.city_path: city.pk}).order_by("pk")


def _path_rows(city) -> dict[str, list[dict]]:
    """For each path segment followed by a parameter, the demo's values for that parameter and for
    the parents' ids in the same path: ``{"members": [{"members": 7, "bodies": 2}, …], …}``."""
    from kotacerdas.books.models import MasterplanVersion
    from kotacerdas.framework.models import EvaluationYear, ReadinessLens
    from kotacerdas.jobs.models import Job
    from kotacerdas.regions.models import Region

    rows = {
        segment: [{segment: obj.pk, **{parent: getattr(obj, attr) for parent, attr in parents.items()}} for obj in _in_city(model, city)]
        for segment, (model, parents) in _segment_models().items()
    }
    rows["stages"] = [{"stages": stage} for stage in city.stage_events.order_by("pk").values_list("stage", flat=True)]
    rows["readiness"] = [{"readiness": code} for code in ReadinessLens.objects.order_by("pk").values_list("code", flat=True)]
    rows["evaluation-years"] = [
        {"evaluation-years": year} for year in EvaluationYear.objects.order_by("year").values_list("year", flat=True)
    ]
    districts = Region.objects.filter(parent_id=AMBON).order_by("code").values_list("code", flat=True)
    rows["regions"] = [{"regions": code} for code in [AMBON, "81.72", "81", *districts[:3]]]
    rows["cities"] = [{"cities": AMBON}]
    rows["jobs"] = [{"jobs": pk} for pk in Job.objects.filter(city=city).order_by("pk").values_list("pk", flat=True)]
    numbers = MasterplanVersion.objects.filter(masterplan__city=city).order_by("number").values_list("number", flat=True)
    rows["versions"] = [{"versions": number} for number in numbers]
    rows["diff"] = [{"diff": number} for number in numbers]
    return rows


def _pools(city) -> dict[str, list]:
    """Existing ids and codes, by the noun a body or query field is named after (`lead_opd_id` → opd)."""
    from kotacerdas.framework.models import (
        Dimension,
        Element,
        FundingSource,
        Horizon,
        MeetingKind,
        ProgrammeStatus,
        ReadinessLens,
        RegulationType,
        StakeholderType,
    )
    from kotacerdas.regions.models import Region

    models = {segment: model for segment, (model, _parents) in _segment_models().items()}

    def ids(segment):
        return list(_in_city(models[segment], city).values_list("pk", flat=True))

    def codes(model):
        return list(model.objects.order_by("pk").values_list("code", flat=True))

    districts = list(Region.objects.filter(parent_id=AMBON).order_by("code").values_list("code", flat=True))
    pools = {
        # ids: fields `<noun>_id`, `<noun>_ids` (and bare nouns, as some routers still name them)
        "opd": ids("opds"),
        "stakeholder": ids("stakeholders"),
        "masterplan": ids("masterplans"),
        "programme": ids("programmes"),
        "bimtek": ids("bimtek"),
        "output": ids("outputs"),
        "origin": ids("outputs"),
        "participant": ids("participants"),
        "plan": ids("plans"),
        "document": ids("plans"),
        "plan_item": ids("items"),
        "parent": ids("items"),
        "body": ids("bodies"),
        "revises": ids("regulations"),
        "regulation": ids("regulations"),
        "record": ids("bodies") + ids("meetings"),
        # codes: fields `<noun>_code` (and bare nouns)
        "dimension": codes(Dimension),
        "element": codes(Element),
        "horizon": codes(Horizon),
        "status": codes(ProgrammeStatus),
        "funding_source": codes(FundingSource),
        "source": codes(FundingSource),
        "lens": codes(ReadinessLens),
        "type": codes(StakeholderType),
        "regulation_type": codes(RegulationType),
        "meeting_kind": codes(MeetingKind),
        "region": ["81.72", "81.01", "81.02", AMBON],
        "district": districts,
        "village": list(Region.objects.filter(parent_id__in=districts).order_by("code").values_list("code", flat=True)[:20]),
        # the audit trail of a record: `model` (app_label.modelname) and `object_pk`
        "model": ["programmes.programme", "masterplan.masterplan", "cities.opd", "cities.city", "framework.dimension"],
        "object_pk": [str(pk) for pk in ids("programmes")[:5] + ids("masterplans") + ids("opds")[:3]] + [str(city.pk)],
    }
    # choices of the records' own fields (`stage`, `kind`, `category`, `group` …), by field name
    for model in apps.get_models():
        if not model.__module__.startswith("kotacerdas."):
            continue
        for model_field in model._meta.concrete_fields:
            if model_field.choices and not isinstance(model_field, ForeignKey):
                values = [value for value, _label in model_field.flatchoices if isinstance(value, str) and value]
                if values and all(isinstance(v, str) for v in pools.get(model_field.name, values)):
                    pools[model_field.name] = sorted({*pools.get(model_field.name, []), *values})
    return pools


# --- steering generated requests to the demo -----------------------------------------------------


def _path_segments(path: str) -> list[tuple[str, str]]:
    """``/cities/{code}/bodies/{body_id}`` → ``[("cities", "code"), ("bodies", "body_id")]``."""
    parts = path.strip("/").split("/")
    return [(parts[i - 1], part[1:-1]) for i, part in enumerate(parts) if i and part.startswith("{")]


def _pool_for(name: str, pools: dict) -> list:
    """`lead_opd_id` → the opd pool, `supporting_opd_ids` → opd, `dimension_code` → dimension."""
    for suffix in ("_ids", "_id", "_codes", "_code", "s", ""):
        if not name.endswith(suffix):
            continue
        words = name[: len(name) - len(suffix)].split("_")
        for start in range(len(words)):
            noun = "_".join(words[start:])
            if pools.get(noun):
                return pools[noun]
    return []


def _steer_fields(values: dict, pools: dict, rnd: random.Random) -> dict:
    """Most references among generated fields replaced by existing ones of the same type (a value
    already in the pool, such as one of a documented enum, stays)."""
    steered = dict(values)
    for name, value in values.items():
        pool = _pool_for(name, pools)
        if not pool or isinstance(value, bool) or rnd.random() > 0.8:  # (Hypothesis' simplest draw, 0, steers)
            continue
        kind = type(pool[0])
        if type(value) is kind and value not in pool:
            steered[name] = rnd.choice(pool)
        elif kind is int and isinstance(value, str) and value.isdigit() and int(value) not in pool:  # a query on the wire
            steered[name] = str(rnd.choice(pool))
        elif isinstance(value, list) and value and all(type(v) is kind for v in value) and not set(value) <= set(pool):
            steered[name] = rnd.sample(pool, min(len(value), len(pool)))
    return steered


def steer(case, demo: Demo, rnd: random.Random):
    """Point a generated request at the demo (in place): `code` is Ambon, ids in the path are the
    demo's records (a child with its own parent), references in a valid query or body are existing
    ones. Parts generated invalid on purpose stay as they are, and one request in KEEP_ONE_IN
    keeps everything it was generated with."""
    if rnd.randrange(KEEP_ONE_IN) == KEEP_ONE_IN - 1:  # (not 0: Hypothesis draws 0 first, and steers it)
        return case
    segments = _path_segments(case.operation.path)
    if segments and not case.meta.is_negative_at(ParameterLocation.PATH):
        row = rnd.choice(demo.rows.get(segments[-1][0]) or [{}])
        for segment, name in segments:
            value = row.get(segment, (demo.rows.get(segment) or [{}])[0].get(segment))
            if value is not None and name in case.path_parameters:
                case.path_parameters[name] = value
    if case.query and not case.meta.is_negative_at(ParameterLocation.QUERY):
        case.query = _steer_fields(case.query, demo.pools, rnd)
    if isinstance(case.body, dict) and not case.meta.is_negative_at(ParameterLocation.BODY):
        case.body = _steer_fields(case.body, demo.pools, rnd)
    return case


@schema.hook
def flatmap_case(context, case):
    """Generated requests: Hypothesis draws how each is steered (and can shrink that too)."""
    demo = _current.get("demo")
    if demo is None:
        return st.just(case)
    return st.randoms(use_true_random=False).map(lambda rnd: steer(case, demo, rnd))


def _is_fixed(case) -> bool:
    """Coverage cases (boundaries, missing and mistyped fields, unexpected methods …) are built once,
    at collection, before the demo exists; generated (fuzzed) ones are drawn during the test."""
    return case.meta is not None and case.meta.phase.name != "fuzzing"


def _case_seed(case) -> int:
    """A number taken from what a case sends (the same every run: no object addresses)."""
    body = None if isinstance(case.body, NotSet) else case.body
    return zlib.crc32(repr((case.operation.label, case.method, case.path_parameters, case.query, body)).encode())


def _sent_as(case) -> str:
    """The one role a coverage case is sent as: they are many, so the roles share them."""
    roles = list(ROLES)
    return roles[_case_seed(case) % len(roles)]


def _steered_copy(case):
    """A coverage case steered to the demo, the same way every run (seeded by its content); a copy,
    since the case object is shared by the roles' tests."""
    own = Case(
        operation=case.operation,
        method=case.method,
        path=case.path,
        path_parameters=copy.deepcopy(case.path_parameters),
        headers=copy.deepcopy(case.headers),
        cookies=copy.deepcopy(case.cookies),
        query=copy.deepcopy(case.query),
        body=copy.deepcopy(case.body) if isinstance(case.body, (dict, list)) else case.body,
        media_type=case.media_type,
        multipart_content_types=case.multipart_content_types,
        meta=copy.deepcopy(case.meta),
    )
    return steer(own, _current["demo"], random.Random(_case_seed(case)))


# --- the property run ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tally(api_run):
    """Counts the run's answers; a full run (every role) must make at least MIN_REQUESTS requests."""
    yield api_run
    if set(api_run.by_role) == set(ROLES):
        assert api_run.requests >= MIN_REQUESTS, f"the API property run made {api_run.requests} requests"


@schema.parametrize()
@pytest.mark.parametrize("role", list(ROLES))
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_every_operation_honours_the_document(case, role, ambon_demo, tally, db):
    """Every generated request, valid or not, as every role (each coverage case as one of them): never
    a 5xx; only documented statuses, content types and bodies; input the document calls invalid
    refused with a 4xx. Each request runs in a savepoint rolled back after it."""
    if _is_fixed(case):
        if _sent_as(case) != role:
            return
        case = _steered_copy(case)
    with transaction.atomic():
        response = case.call(headers=ambon_demo.headers[role])
        transaction.set_rollback(True)
    tally.record(role, case.operation.label, response.status_code, case.meta.phase.name)
    case.validate_response(response, checks=CHECKS_OF_VALID if _is_valid_object(case) else CHECKS)


def _is_valid_object(case) -> bool:
    """Schemathesis' coverage phase sends a multipart body's “valid object” scenario marked negative;
    the body is valid, so an operation that accepts it (a lone file) is not accepting invalid data."""
    data = getattr(case.meta.phase, "data", None)
    return getattr(getattr(data, "scenario", None), "name", "") == "VALID_OBJECT"


def test_the_property_run_covers_every_write_and_every_role(ambon_demo, db):
    operations = {result.ok().label for result in schema.get_all_operations()}
    assert {label.split()[0] for label in operations} == {"GET", "POST", "PATCH", "PUT", "DELETE"}
    assert {
        "POST /api/v1/cities",
        "PATCH /api/v1/cities/{code}",
        "DELETE /api/v1/cities/{code}/programmes/{programme_id}",
        "GET /api/v1/audit",
        "POST /api/v1/cities/{code}/exports",
        "GET /api/v1/jobs/{job_id}",
    } <= operations
    # A token for each role of the product, and the public without one.
    assert set(ambon_demo.headers) == set(ROLES)
    assert {user.role for user in ambon_demo.users.values() if user} == {
        "national_admin",
        "assessor",
        "coordinator",
        "opd_operator",
        "stakeholder",
    }
    assert ambon_demo.headers["anonymous"] == {}
    # Ids in paths and bodies can be steered to the demo's records.
    assert all(
        ambon_demo.rows[segment]
        for segment in ("opds", "masterplans", "programmes", "bimtek", "participants", "plans", "items", "links", "jobs")
    )
