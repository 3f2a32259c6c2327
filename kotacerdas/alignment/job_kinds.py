"""Alignment's background work: importing a plan's items from an Excel workbook."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.alignment import services
from kotacerdas.alignment.models import PlanDocument
from kotacerdas.core import permissions
from kotacerdas.core.storage import private_storage
from kotacerdas.jobs.registry import job_kind
from kotacerdas.jobs.services import discard_upload

# At most this many row errors are kept with a failed import (the count is in the message).
ROW_ERRORS_SHOWN = 200


@job_kind(
    "alignment.plan_items_import",
    label=gettext_lazy("Import of plan items from Excel"),
    allowed=permissions.can_manage_city,
    action="city.manage",
)
def import_plan_items(job, *, document_id: int, upload: str):
    try:
        document = PlanDocument.objects.select_related("city").get(pk=document_id, city=job.city)
        back = {"next_url": reverse("alignment:plan_detail", args=[document.city.code, document.pk]), "next_label": _("Back to the plan")}
        job.result = back
        with private_storage.open(upload, "rb") as file:
            try:
                created = services.plan_items_import(actor=job.actor, document=document, file=file, progress=job.progress)
            except services.ImportRejected as exc:
                job.result = {**back, "rows": [[number, str(message)] for number, message in exc.rows[:ROW_ERRORS_SHOWN]]}
                raise
        job.result = {**back, "summary": _("%(n)d items were imported.") % {"n": len(created)}, "created": len(created)}
    finally:
        discard_upload(upload)
