"""Job kinds made for the tests, and a real Celery worker on the Redis at 127.0.0.1:6379."""

from __future__ import annotations

import io
import os
import threading
import time
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.jobs.registry import job_kind
from kotacerdas.jobs.runner import attach_result

# Redis of the task tests (CI has one at 127.0.0.1:6379): a database of their own.
BROKER_URL = os.environ.get("JOBS_TEST_BROKER_URL", "redis://127.0.0.1:6379/6")

# The test kinds wait at each step until the test lets them go on (`gate`).
gate = {"step": threading.Event(), "reached": threading.Event()}


def _signed_in(actor, city):
    return bool(actor and actor.is_authenticated)


@job_kind("tests.count", label="Counting (test)", allowed=_signed_in, action="city.manage")
def count(job, *, steps: int = 3, wait: bool = False):
    for done in range(steps):
        job.progress(done, steps, f"step {done + 1}")
        if wait:
            gate["reached"].set()
            assert gate["step"].wait(20), "the test did not let the job go on"
            gate["step"].clear()
    attach_result(job, "count.txt", io.BytesIO(f"counted {steps}".encode()))
    job.result = {"summary": f"Counted to {steps}."}


@job_kind("tests.refuse", label="Refusing (test)", allowed=_signed_in, action="city.manage")
def refuse(job):
    job.progress(1, 2, "half")
    raise ServiceError(CoreError.OUT_OF_RANGE, _("A value is outside the allowed range."))


@job_kind("tests.crash", label="Crashing (test)", allowed=_signed_in, action="city.manage")
def crash(job):
    raise RuntimeError("secret internals /srv/kotacerdas/password=hunter2")


@job_kind("tests.forbidden", label="Forbidden (test)", allowed=_signed_in, action="city.manage")
def forbidden(job):
    raise PermissionDenied("You may not.")


def wait_for(predicate, timeout=30.0, what="the job"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


@pytest.fixture
def redis_broker():
    """The broker URL, after checking Redis answers: a missing Redis fails the test with how to fix it."""
    import redis

    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"Redis is not reachable at {BROKER_URL} ({exc}). The task tests run a real Celery worker against it: "
            "start redis-server (CI has it at 127.0.0.1:6379) or point JOBS_TEST_BROKER_URL elsewhere.",
            pytrace=False,
        )
    return BROKER_URL


@pytest.fixture
def celery_worker(redis_broker, settings, transactional_db):
    """A real Celery worker (a thread of this process, so it sees the test database) consuming a queue of its own."""
    from celery.contrib.testing.worker import start_worker

    import kotacerdas.jobs.tasks  # noqa: F401 (registers the task)
    from kotacerdas.celery import app

    queue = f"kotacerdas-test-{uuid.uuid4().hex[:8]}"
    previous = {k: app.conf.get(k) for k in ("broker_url", "task_default_queue", "task_always_eager")}
    app.conf.update(broker_url=redis_broker, task_default_queue=queue, task_always_eager=False)
    settings.JOBS_RUNNER = "celery"
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]) as worker:
            yield worker
    finally:
        app.conf.update(previous)
        gate["step"].clear()
        gate["reached"].clear()
        import redis

        redis.Redis.from_url(redis_broker).delete(queue)


# Regions the personas' cities need; a transactional test (a worker thread must see committed
# rows) starts from a flushed database, so they are put back from a copy taken at session start.
_REGIONS = ("81", "81.71", "81.72")


@pytest.fixture(scope="session")
def _regions_copy(django_db_setup, django_db_blocker):
    from django.core import serializers

    from kotacerdas.regions.models import Region

    with django_db_blocker.unblock():
        return serializers.serialize("json", Region.objects.filter(code__in=_REGIONS).order_by("code"))


@pytest.fixture(autouse=True)
def _regions_in_transactional_tests(request, _regions_copy):
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        from django.core import serializers

        from kotacerdas.regions.models import Region

        if not Region.objects.filter(code="81.71").exists():
            for obj in serializers.deserialize("json", _regions_copy):
                obj.save()
