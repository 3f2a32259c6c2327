"""Starting a job: checked against the kind's permission, recorded in the audit trail, then handed to the runner."""

from __future__ import annotations

import os
import uuid

from django.core.files import File
from django.db import transaction
from django.utils.translation import get_language

from kotacerdas.core import permissions
from kotacerdas.core.services import record_create
from kotacerdas.core.storage import private_storage
from kotacerdas.jobs import registry, runner
from kotacerdas.jobs.models import Job


@transaction.atomic
def job_start(*, actor, kind: str, city=None, params: dict | None = None, run: str | None = None) -> Job:
    """Queue a job of `kind` (registered in `jobs.registry`) for `city` with JSON `params`.

    It runs after this transaction commits (Celery worker or a thread, `settings.JOBS_RUNNER`),
    or at once with `run="sync"`. The start is audited; its progress and end are the job's own.
    """
    spec = registry.kind_of(kind)
    run = runner.runner_name(run)
    permissions.ensure(spec.allowed(actor, city), spec.action)
    job = record_create(
        actor=actor,
        model=Job,
        data={"kind": kind, "city": city, "actor": actor, "params": params or {}, "language": (get_language() or "id")[:10], "runner": run},
        city=city,
    )
    runner.dispatch(job, run)
    if run == Job.Runner.SYNC:
        job.refresh_from_db()  # it has run: its end, as `run` recorded it
    return job


def stash_upload(upload, prefix: str = "uploads") -> str:
    """Keep an uploaded file in private storage for a job to read (the job deletes it); its stored name."""
    extension = os.path.splitext(upload.name or "")[1].lower()[:10]
    upload.seek(0)
    return private_storage.save(f"jobs/{prefix}/{uuid.uuid4().hex}{extension}", File(upload))


def discard_upload(name: str) -> None:
    if name and private_storage.exists(name):
        private_storage.delete(name)
