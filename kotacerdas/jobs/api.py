"""Background jobs in the API (docs/api.md): the caller's jobs, one job's progress, its result file.

A job is started by the operation or page of the work it does (an import, an export: `export_city`
here, mounted under /cities); it answers 202 with the job, whose `url` the client polls. Jobs are
seen by whoever started them, the coordinators of their city and the ministry's admins; any other
job answers 404.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core.api import ERROR_RESPONSES, Id, Paging, page, user_of
from kotacerdas.jobs import selectors, services, views
from kotacerdas.jobs.models import Job

router = Router(tags=["jobs"])
# Operations that start a city's job, mounted under /cities (kotacerdas/api.py).
city_router = Router(tags=["jobs"])


class JobsJobOut(Schema):
    id: int
    url: str
    kind: str
    kind_label: str
    city_code: str | None
    status: str
    status_label: str
    progress_done: int
    progress_total: int
    message: str
    error: str
    result: dict
    result_url: str | None
    result_name: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class JobsJobPage(Schema):
    count: int
    items: list[JobsJobOut]


def job_out(job: Job) -> dict:
    done = job.status == Job.Status.DONE and bool(job.result_file)
    return {
        "id": job.pk,
        "url": reverse("api-v1:get_job", kwargs={"job_id": job.pk}),
        "kind": job.kind,
        "kind_label": job.label,
        "city_code": job.city.code if job.city_id else None,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress_done": job.progress_done,
        "progress_total": job.progress_total,
        "message": job.message,
        "error": job.error,
        "result": job.result,
        "result_url": reverse("api-v1:get_job_result", kwargs={"job_id": job.pk}) if done else None,
        "result_name": job.result_name if done else "",
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


def _signed_in(request):
    user = user_of(request)
    if not user.is_authenticated:
        raise PermissionDenied
    return user


@router.get("", response={200: JobsJobPage, **ERROR_RESPONSES}, summary="List the jobs I started")
def list_jobs(request, paging: Query[Paging]):
    user = _signed_in(request)
    return page(selectors.jobs_of(user), paging, job_out)


@router.get("/{job_id}", response={200: JobsJobOut, **ERROR_RESPONSES}, summary="Get a job's status and progress", url_name="get_job")
def get_job(request, job_id: Id):
    """Poll it until `status` is `done` (then `result_url` downloads the result, if the job made a file) or `failed` (`error` says why)."""
    return job_out(selectors.job_or_404(_signed_in(request), job_id))


@router.get(
    "/{job_id}/result",
    response={200: None, **ERROR_RESPONSES},
    summary="Download a job's result file",
    url_name="get_job_result",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment.",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def get_job_result(request, job_id: Id):
    """404 while the job runs, when it failed, or when it made no file."""
    return views.result_response(selectors.job_or_404(_signed_in(request), job_id))


@city_router.post("/{code}/exports", response={202: JobsJobOut, **ERROR_RESPONSES}, summary="Start an export of all of a city's records")
def export_city(request, code: str, response: HttpResponse):
    """One zip of every record of the city and its files (`manifest.json` inside), made in the background:
    poll the job at `url` (also the `Location` header) until `status` is `done`, then download `result_url`.
    The city's coordinators and the ministry's admins."""
    actor = user_of(request)
    city = city_selectors.city_or_404(actor, code)
    job = services.job_start(actor=actor, kind="city.export", city=city)
    response["Location"] = reverse("api-v1:get_job", kwargs={"job_id": job.pk})
    return Status(202, job_out(job))
