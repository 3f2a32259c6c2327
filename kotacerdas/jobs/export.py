"""A city's records and files in one zip archive (a city leaving the programme or archiving its data).

    records/<app_label>.<model>.json   every record scoped to the city (Django's JSON serialisation)
    files/<stored name>                every uploaded file those records point at
    manifest.json                      format, city, time, counts per model, SHA-256 of every member

Every model with `city_path` is exported (the audit trail of the city too); secrets are left out
(password hashes, API token hashes); jobs themselves are not records of the city.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile

from django.apps import apps
from django.core import serializers
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "kotacerdas-city-export"
VERSION = 1
SECRET_FIELDS = {"password", "key_hash"}
SKIPPED = {"jobs.job"}


def city_models() -> list[type[models.Model]]:
    """Every Kota Cerdas model that belongs to a city (declares `city_path`), plus the audit trail; in app order."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("kotacerdas.") or model._meta.proxy or model._meta.label_lower in SKIPPED:
            continue
        if hasattr(model, "city_path") or model._meta.label_lower == "core.auditevent":
            found.append(model)
    return found


def rows_of(model, city):
    path = getattr(model, "city_path", "city") or "pk"
    return model._default_manager.filter(**{path: city.pk}).order_by("pk")


def _entry(name: str) -> zipfile.ZipInfo:
    """A compressed archive member stamped with the local time."""
    info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class _Hashing(io.RawIOBase):
    """A write-only stream that hashes and counts what passes into `target`."""

    def __init__(self, target):
        self.target, self.sha, self.size = target, hashlib.sha256(), 0

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)


def write_archive(city, target, progress=lambda done, total, message: None) -> dict:
    """Write the city's archive into the binary file `target`; the manifest."""
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "city": {"code": city.code, "name": str(city)},
        "created_at": timezone.now().isoformat(),
        "records": {},
        "files": {},
        "checksums": {},
    }
    chosen = city_models()
    stored_files = []
    total = len(chosen) + 1
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, model in enumerate(chosen):
            label = model._meta.label_lower
            progress(number, total, _("Exporting %(things)s…") % {"things": model._meta.verbose_name_plural})
            fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in SECRET_FIELDS]
            file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
            rows = rows_of(model, city)
            member = f"records/{label}.json"
            with archive.open(_entry(member), "w") as raw:
                hashing = _Hashing(raw)
                text = io.TextIOWrapper(hashing, encoding="utf-8", write_through=True)
                serializers.serialize("json", rows.iterator(chunk_size=500), fields=fields, stream=text, indent=1)
                text.flush()
                text.detach()
            manifest["checksums"][member] = hashing.sha.hexdigest()
            manifest["records"][label] = rows.count()
            for field in file_fields:
                for name in rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True):
                    stored_files.append((field.storage, name))
        progress(len(chosen), total, _("Adding %(n)d files…") % {"n": len(stored_files)})
        for storage, name in stored_files:
            member = f"files/{name}"
            if not storage.exists(name):
                manifest["files"][member] = None  # recorded, but missing from storage
                continue
            with storage.open(name, "rb") as source, archive.open(_entry(member), "w") as raw:
                hashing = _Hashing(raw)
                for chunk in iter(lambda s=source: s.read(1024 * 1024), b""):
                    hashing.write(chunk)
            manifest["files"][member] = hashing.sha.hexdigest()
            manifest["checksums"][member] = hashing.sha.hexdigest()
        archive.writestr(_entry("manifest.json"), json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def export_to_temp(city, progress=lambda done, total, message: None):
    """(an open temporary file holding the archive, the manifest)."""
    target = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 (the caller closes it)
    manifest = write_archive(city, target, progress)
    target.seek(0)
    return target, manifest


def archive_name(city) -> str:
    return f"kotacerdas-{city.code}-{timezone.localdate():%Y%m%d}.zip"
