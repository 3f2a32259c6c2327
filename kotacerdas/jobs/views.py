"""Job pages: a job's progress (polled by htmx until it ends) and result, my jobs, a city's export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.cities import selectors as city_selectors
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.pagination import paginate
from kotacerdas.jobs import selectors, services


@login_required
def job_list(request):
    jobs = paginate(request, selectors.jobs_of(request.user), 25)
    return render(request, "jobs/list.html", {"jobs": jobs})


def job_detail(request, pk: int):
    job = selectors.job_or_404(request.user, pk)
    if request.htmx:
        return render(request, "jobs/_status.html", {"job": job})
    return render(request, "jobs/detail.html", {"job": job})


def job_result(request, pk: int):
    job = selectors.job_or_404(request.user, pk)
    return result_response(job)


def result_response(job):
    """The job's result file as a download (after the reader was checked)."""
    from kotacerdas.jobs.models import Job

    if job.status != Job.Status.DONE or not job.result_file or not job.result_file.storage.exists(job.result_file.name):
        raise Http404(_("This job has no result to download."))
    response = FileResponse(job.result_file.storage.open(job.result_file.name, "rb"), as_attachment=True, filename=job.result_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def city_export(request, code: str):
    city = city_selectors.city_or_404(request.user, code)
    try:
        job = services.job_start(actor=request.user, kind="city.export", city=city)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("cities:dashboard", city.code)
    return redirect("jobs:detail", job.pk)
