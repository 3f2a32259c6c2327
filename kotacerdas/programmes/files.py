"""Evidence files (data dukung): what a file really is, and how it is handed out.

A file is stored under a generated name in the private storage (`core.storage`, never under MEDIA_URL),
its type is decided by its first bytes (an extension that lies is refused), and it leaves the
server only through a view that checked the reader may see the programme (`evidence_response`).
"""

from __future__ import annotations

import codecs
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kotacerdas.core.error_codes import CoreError
from kotacerdas.core.errors import ServiceError
from kotacerdas.core.storage import private_storage

# How much of a text file is read to decide it is text.
TEXT_SAMPLE = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    extensions: tuple[str, ...]  # the first one is the stored extension
    content_type: str
    label: str
    zip_part: str = ""  # Office Open XML: the part that makes a ZIP this kind of document

    def matches(self, upload) -> bool:
        upload.seek(0)
        head = upload.read(16)
        if self.zip_part:
            return head.startswith(ZIP_MAGIC) and _zip_has(upload, self.zip_part)
        if self.content_type.startswith("text/"):
            return _is_text(head + upload.read(TEXT_SAMPLE))
        return head.startswith(MAGIC[self.label])


MAGIC = {"PDF": b"%PDF-", "PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}

TYPES = (
    FileType(("pdf",), "application/pdf", "PDF"),
    FileType(("png",), "image/png", "PNG"),
    FileType(("jpg", "jpeg"), "image/jpeg", "JPEG"),
    FileType(("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", "xl/workbook.xml"),
    FileType(("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", "word/document.xml"),
    FileType(("pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint", "ppt/presentation.xml"),
    FileType(("csv",), "text/csv", "CSV"),
    FileType(("txt",), "text/plain", "text"),
)
EXTENSIONS = tuple(ext for kind in TYPES for ext in kind.extensions)
CONTENT_TYPES = {ext: kind.content_type for kind in TYPES for ext in kind.extensions}


def _zip_has(upload, part: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and part in names


def _is_text(sample: bytes) -> bool:
    """UTF-8 text (a cut last character is fine), or a single-byte encoding without control characters."""
    if b"\x00" in sample:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return True
    except UnicodeDecodeError:
        return not any(byte < 0x20 and byte not in b"\t\n\r\x0c" or byte == 0x7F for byte in sample)


def checked_extension(upload) -> str:
    """The extension to store `upload` under, once its size and its content have been checked.

    Refuses (400 `file_invalid`) an empty or too large file, an extension not on the allowed list,
    and a file whose first bytes are not what its extension says.
    """
    if upload is None:
        raise ServiceError(CoreError.FILE_INVALID, _("Choose a file to upload."), field="file")
    if not upload.size:
        raise ServiceError(CoreError.FILE_INVALID, _("The file is empty."), field="file")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("The file is %(size)s MB; at most %(max)s MB is accepted.") % {"size": _mb(upload.size), "max": _mb(limit)},
            field="file",
        )
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    kind = next((k for k in TYPES if extension in k.extensions), None)
    if kind is None:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("Files of type “%(ext)s” are not accepted; allowed: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(EXTENSIONS)},
            field="file",
        )
    try:
        matches = kind.matches(upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ServiceError(
            CoreError.FILE_INVALID,
            _("“%(name)s” is not a valid %(type)s file: its content does not match its extension.")
            % {"name": upload.name, "type": kind.label},
            field="file",
        )
    return kind.extensions[0]


def original_name(name: str, limit: int = 255) -> str:
    """The uploader's file name (without any folder), cut to `limit` characters but keeping its extension."""
    name = os.path.basename(name or "") or "file"
    if len(name) <= limit:
        return name
    stem, extension = os.path.splitext(name)
    return stem[: limit - len(extension)] + extension


def delete_after_commit(names: list[str]) -> None:
    """Files leave private storage only once the deletion is committed (a rollback keeps them)."""

    def remove():
        for name in names:
            if name:
                private_storage.delete(name)

    transaction.on_commit(remove)


def evidence_response(evidence) -> HttpResponse:
    """The file of an evidence record as a download named as its uploader named it.

    Call it only after checking the reader may see the programme. With
    `settings.EVIDENCE_SENDFILE_HEADER` (`X-Accel-Redirect`, `X-Sendfile`) the web server sends
    the file: the header carries `EVIDENCE_SENDFILE_ROOT` + the stored name (the absolute path
    when that setting is empty).
    """
    name = evidence.file.name
    storage = evidence.file.storage
    filename = evidence.original_name or os.path.basename(name)
    content_type = CONTENT_TYPES.get(os.path.splitext(name)[1].lower().lstrip("."), "application/octet-stream")
    header = settings.EVIDENCE_SENDFILE_HEADER
    if not storage.exists(name):
        raise Http404(_("The file is missing from storage."))
    if header:
        response = HttpResponse(content_type=content_type)
        response[header] = (settings.EVIDENCE_SENDFILE_ROOT + name) if settings.EVIDENCE_SENDFILE_ROOT else storage.path(name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"
