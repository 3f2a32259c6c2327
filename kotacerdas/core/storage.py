"""The one private file storage: evidence files (data dukung), job results and uploads waiting for a job.

Files live under `settings.PRIVATE_MEDIA_ROOT` (read at each use, so tests can point it elsewhere),
never under MEDIA_URL, under generated names; they have no URL and leave the server only through
a view that checked the reader may see them (`programmes.files.evidence_response`,
`jobs.views.result_response`).
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="kotacerdas.core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under `settings.PRIVATE_MEDIA_ROOT`; no URL."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        """No URL: the files are served only through permission-checked views."""
        return None


private_storage = PrivateStorage()


def evidence_name(extension: str) -> str:
    """A name for an evidence file that says nothing about the file or its uploader."""
    return f"evidence/{uuid.uuid4().hex}.{extension}"


def evidence_path(instance, filename: str) -> str:
    """`upload_to` of every evidence file: a generated name with the (already checked) extension; the uploader's name is kept beside it."""
    return evidence_name(os.path.splitext(filename)[1].lower().lstrip(".") or "bin")
