"""The jobs app's own kind: a city's export."""

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import permissions
from kotacerdas.jobs import export
from kotacerdas.jobs.registry import job_kind
from kotacerdas.jobs.runner import attach_result


@job_kind("city.export", label=_("Export of all of a city's records"), allowed=permissions.can_export_city, action="city.export")
def export_city(job, **params):
    city = job.city
    archive, manifest = export.export_to_temp(city, job.progress)
    with archive:
        attach_result(job, export.archive_name(city), archive)
    job.result = {"records": sum(manifest["records"].values()), "files": len(manifest["files"])}
    job.message = ""
