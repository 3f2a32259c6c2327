"""Reading jobs: a person's own, one checked against `permissions.can_view_job`, with live progress."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.core import permissions
from kotacerdas.core.api import MAX_ID
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.runner import fail_lost_jobs, is_lost, progress_key


def jobs_of(user):
    """The jobs `user` started, newest first (those lost with a stopped web process marked failed first)."""
    if not user.is_authenticated:
        return Job.objects.none()
    fail_lost_jobs(Job.objects.filter(actor=user))
    return Job.objects.filter(actor=user).select_related("city__region__parent")


def live(job: Job) -> Job:
    """The job with the progress its runner reported last (the cache sees it before the database)."""
    if not job.finished:
        reported = cache.get(progress_key(job.pk))
        if reported:
            job.progress_done, job.progress_total, job.message = reported
    return job


def job_or_404(user, pk) -> Job:
    """A job the user may see (its starter, the city's coordinators, the ministry); 404 otherwise, named alike."""
    job = None
    if isinstance(pk, int) and 0 < pk <= MAX_ID:
        job = Job.objects.select_related("city__region__parent", "actor").filter(pk=pk).first()
    if job is None or not permissions.can_view_job(user, job):
        raise Http404(_("No job with id %(id)s here.") % {"id": pk})
    if is_lost(job) and fail_lost_jobs(Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return live(job)
