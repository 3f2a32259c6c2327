"""The books' background work: building a masterplan's whole package (every book in every format) as one zip,
from the live plan or from a frozen version."""

import tempfile
import zipfile

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.books import versions
from kotacerdas.books.build import BOOKS, FORMATS, build, slug
from kotacerdas.core import permissions
from kotacerdas.jobs.registry import job_kind
from kotacerdas.jobs.runner import attach_result
from kotacerdas.masterplan.models import Masterplan


@job_kind(
    "books.package", label=gettext_lazy("Building the masterplan package"), allowed=permissions.can_build_package, action="books.package"
)
def build_package(job, *, masterplan_id: int, lang: str, version: int | None = None):
    """`version`: the number of a frozen version to build from (None: the live plan)."""
    masterplan = Masterplan.objects.select_related("city__region__parent").get(pk=masterplan_id, city=job.city)
    frozen = versions.version_or_error(masterplan, version) if version is not None else None
    job.result = {"next_url": reverse("books:documents", args=[job.city.code]), "next_label": _("Back to the documents")}
    files = [(book, fmt) for book in BOOKS for fmt in FORMATS[book]]
    with tempfile.SpooledTemporaryFile(max_size=50 * 1024 * 1024) as archive:
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for done, (book, fmt) in enumerate(files):
                built = build(masterplan, book, fmt, lang, version=frozen)
                job.progress(done, len(files), built.filename)
                bundle.writestr(built.filename, built.content)
        job.progress(len(files), len(files), "")
        archive.seek(0)
        suffix = f"-v{frozen.number}" if frozen is not None else ""
        name = f"Paket-Masterplan-{slug(job.city.name)}-{masterplan.start_year}-{masterplan.end_year}{suffix}-{lang}.zip"
        attach_result(job, name, archive)
    job.result = {**job.result, "summary": _("%(n)d files built.") % {"n": len(files)}}
