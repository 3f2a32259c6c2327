"""Where and how a job runs: a Celery worker (with a broker), a thread of the web process, or at once.

`settings.JOBS_RUNNER`:
- "celery" (the default when CELERY_BROKER_URL is set): the task `kotacerdas.jobs.run` is queued
  once the starting transaction has committed; `make worker` runs it.
- "thread" (the default without a broker, `make run`): a daemon thread of the web process runs the
  job once the starting transaction has committed, so the page answers at once and shows the
  same progress bar. Nothing more to install; but a job running when the process stops is lost:
  while it runs, the thread writes a heartbeat every JOBS_HEARTBEAT_SECONDS, and a thread job
  without one for JOBS_LOST_AFTER_SECONDS is marked failed ("interrupted, start it again") when
  the web server starts (`kotacerdas/wsgi.py`) or when someone looks at it (`fail_lost_jobs`).
  Servers with several users configure a broker.
- "sync": at once, inside the caller (tests, management commands).
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
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


def runner_name(runner: str | None = None) -> str:
    runner = runner or settings.JOBS_RUNNER
    if runner not in Job.Runner.values:
        raise ValueError(f"JOBS_RUNNER must be celery, thread or sync, not {runner!r}")
    return runner


def dispatch(job: Job, runner: str | None = None) -> None:
    runner = runner_name(runner)
    if runner == "sync":
        run(job.pk)
    elif runner == "thread":
        transaction.on_commit(lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), name=f"job-{job.pk}", daemon=True).start())
    elif runner == "celery":
        from kotacerdas.jobs.tasks import run_job

        transaction.on_commit(lambda: run_job.delay(job.pk))


def _run_in_thread(pk: int) -> None:
    stop = threading.Event()
    threading.Thread(target=_beat, args=(pk, stop), name=f"job-{pk}-heartbeat", daemon=True).start()
    try:
        run(pk)
    finally:
        stop.set()
        connection.close()


def _beat(pk: int, stop: threading.Event) -> None:
    """While the job runs in this process, write its heartbeat (a lost process stops writing it)."""
    try:
        while not stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
            try:
                Job.objects.filter(pk=pk, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
            except DatabaseError:  # e.g. SQLite busy behind the job's own long transaction: next beat
                logger.warning("job %s: heartbeat not written", pk, exc_info=True)
    finally:
        connection.close()


def interrupted_message() -> str:
    return _("The job was interrupted (the server stopped). Please start it again.")


def _lost(now) -> Q:
    """Thread jobs whose process is gone: queued or running without a sign of life for JOBS_LOST_AFTER_SECONDS."""
    cutoff = now - timedelta(seconds=settings.JOBS_LOST_AFTER_SECONDS)
    silent_since = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    return Q(runner=Job.Runner.THREAD, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]) & silent_since


def is_lost(job: Job) -> bool:
    """The same test as `fail_lost_jobs`, on a job already read (no query)."""
    if job.runner != Job.Runner.THREAD or job.finished:
        return False
    cutoff = timezone.now() - timedelta(seconds=settings.JOBS_LOST_AFTER_SECONDS)
    return (job.heartbeat_at or job.created_at) < cutoff


def fail_lost_jobs(jobs=None) -> int:
    """Mark failed, in its starter's language, every lost thread job among `jobs` (all by default); how many.

    A row another transaction holds (the job itself, alive inside a long transaction) is skipped.
    """
    now = timezone.now()
    failed = 0
    with transaction.atomic():
        lost = (jobs if jobs is not None else Job.objects.all()).filter(_lost(now)).select_for_update(skip_locked=True, of=("self",))
        for pk, language in lost.values_list("pk", "language"):
            with translation.override(language):
                error = interrupted_message()
            failed += Job.objects.filter(_lost(now), pk=pk).update(status=Job.Status.FAILED, finished_at=now, error=error)
            cache.delete(progress_key(pk))
    return failed


def run(pk: int) -> None:
    """Run the queued job `pk` to its end: done, or failed with a message a person can read."""
    job = Job.objects.select_related("actor", "city").filter(pk=pk).first()
    if job is None:
        logger.warning("job %s does not exist (deleted before it ran?)", pk)
        return
    with translation.override(job.language):
        if job.status == Job.Status.RUNNING:  # a worker died while running it and the broker redelivered it
            _finish(job, Job.Status.FAILED, error=interrupted_message())
            return
        if job.status != Job.Status.QUEUED:
            return
        started = Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
        )
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
