"""The programme registry's background work: importing programmes from an Excel workbook (preview, then import)."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core import permissions
from kotacerdas.core.storage import private_storage
from kotacerdas.jobs.registry import job_kind
from kotacerdas.jobs.services import discard_upload
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.programmes import services

# At most this many rows with problems are listed with a failed import (the count is in the message).
ROW_ERRORS_SHOWN = 200


@job_kind(
    "programmes.programme_import",
    label=gettext_lazy("Import of programmes from Excel"),
    allowed=permissions.can_import_programmes,
    action="programme.create",
)
def import_programmes(job, *, masterplan_id: int, upload: str, confirm: bool):
    """A preview keeps the upload for the confirmation and lists every row; the import writes them all or none."""
    masterplan = Masterplan.objects.select_related("city").get(pk=masterplan_id, city=job.city)
    city = masterplan.city
    try:
        with private_storage.open(upload, "rb") as file:
            if not confirm:
                rows = services.programme_import(actor=job.actor, masterplan=masterplan, file=file, confirm=False, progress=job.progress)
                job.result = {
                    "preview": [dataclasses.astuple(row) for row in rows],
                    "summary": _("The preview is ready: nothing is saved until you confirm."),
                    "next_url": reverse("programmes:import", args=[city.code]) + f"?job={job.pk}",
                    "next_label": _("See the preview"),
                }
                return
            back = {"next_url": reverse("programmes:list", args=[city.code]), "next_label": _("Back to the programmes")}
            try:
                rows = services.programme_import(actor=job.actor, masterplan=masterplan, file=file, confirm=True, progress=job.progress)
            except services.ImportRejected as exc:
                problems = [(row.number, "; ".join(f"{c}: {m}" if c else m for c, m in row.errors)) for row in exc.rows if row.errors]
                job.result = {**back, "rows": problems[:ROW_ERRORS_SHOWN]}
                raise
        counts = {action: sum(1 for row in rows if row.action == action) for action in ("create", "update")}
        job.result = {**back, "summary": _("The import created %(create)d programmes and updated %(update)d.") % counts, **counts}
        discard_upload(upload)
    except Exception:
        discard_upload(upload)
        raise
