"""Where and how a job runs: a Celery worker (with a broker), a thread of the web process, or at once.

`settings.JOBS_RUNNER`:
- "celery" (the default when CELERY_BROKER_URL is set): the task `kotacerdas.jobs.run` is queued
  once the starting transaction has committed; `make worker` runs it.
- "thread" (the default without a broker, `make run`): a daemon thread of the web process runs the
  job once the starting transaction has committed, so the page answers at once and shows the
  same progress bar. Nothing more to install; but a job running when the process stops is lost
  (it stays "running": start it again). Servers with several users configure a broker.
- "sync": at once, inside the caller (tests, management commands).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.core.errors import ServiceError
from kotacerdas.core.storage import private_storage
from kotacerdas.jobs import registry
from kotacerdas.jobs.models import Job

logger = logging.getLogger(__name__)

# The database row is written at most this often (the cache at every report).
PROGRESS_WRITE_INTERVAL = 0.5


def progress_key(pk: int) -> str:
    return f"jobs:progress:{pk}"


def dispatch(job: Job, runner: str | None = None) -> None:
    runner = runner or settings.JOBS_RUNNER
    if runner == "sync":
        run(job.pk)
    elif runner == "thread":
        transaction.on_commit(lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), name=f"job-{job.pk}", daemon=True).start())
    elif runner == "celery":
        from kotacerdas.jobs.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job.pk))
    else:
        raise ValueError(f"JOBS_RUNNER must be celery, thread or sync, not {runner!r}")


def _run_in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()


def run(pk: int) -> None:
    """Run the queued job `pk` to its end: done, or failed with a message a person can read."""
    job = Job.objects.select_related("actor", "city").filter(pk=pk).first()
    if job is None:
        logger.warning("job %s does not exist (deleted before it ran?)", pk)
        return
    with translation.override(job.language):
        if job.status == Job.Status.RUNNING:  # a worker died while running it and the broker redelivered it
            _finish(job, Job.Status.FAILED, error=_("The job was interrupted (the server stopped). Please start it again."))
            return
        if job.status != Job.Status.QUEUED:
            return
        started = Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING, started_at=timezone.now())
        if not started:
            return
        job.status = Job.Status.RUNNING
        job._last_write = 0.0
        try:
            kind = registry.kind_of(job.kind)
            kind.function(job, **job.params)
        except ServiceError as exc:
            _finish(job, Job.Status.FAILED, error=exc.message)
        except PermissionDenied as exc:
            _finish(job, Job.Status.FAILED, error=str(exc) or _("You may not do this."))
        except Exception:
            logger.exception("job %s (%s) failed", pk, job.kind)
            _finish(
                job,
                Job.Status.FAILED,
                error=_("The job stopped because of an unexpected error (job %(id)s). It has been logged; please try again later.")
                % {"id": pk},
            )
        else:
            _finish(job, Job.Status.DONE)


def _finish(job: Job, status: str, *, error: str = "") -> None:
    fields = {"status": status, "finished_at": timezone.now(), "error": error, "result": job.result}
    if status == Job.Status.DONE:
        fields.update(result_file=job.result_file.name or "", result_name=job.result_name, message=job.message)
        if job.progress_total:
            fields["progress_done"] = job.progress_total
    Job.objects.filter(pk=job.pk).update(**fields)
    cache.delete(progress_key(job.pk))
    for name, value in fields.items():
        setattr(job, name, value)


def report_progress(job: Job, done: int, total: int, message: str = "") -> None:
    """`done` of `total` steps, with a short message; visible to the job's page within a second."""
    total = max(int(total), 0)
    done = min(max(int(done), 0), total) if total else 0
    message = str(message)[:300]
    job.progress_done, job.progress_total, job.message = done, total, message
    cache.set(progress_key(job.pk), (done, total, message), 24 * 3600)
    now = time.monotonic()
    if done == total or now - getattr(job, "_last_write", 0.0) >= PROGRESS_WRITE_INTERVAL:
        job._last_write = now
        Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total, message=message)


def attach_result(job: Job, filename: str, content) -> None:
    """Store `content` (a file object) as the job's downloadable result, offered as `filename`."""
    extension = os.path.splitext(filename)[1].lower()
    name = private_storage.save(f"jobs/{uuid.uuid4().hex}{extension}", content if isinstance(content, File) else File(content))
    job.result_file.name = name
    job.result_name = filename
