"""The one private storage: evidence files of every app and job results share it, none has a URL."""

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models

from kotacerdas.core.storage import evidence_path, private_storage


def test_every_file_of_the_app_is_private_and_every_evidence_file_named_alike():
    fields = {
        f"{model._meta.label_lower}.{field.name}": field
        for model in apps.get_models()
        if model.__module__.startswith("kotacerdas.")
        for field in model._meta.fields
        if isinstance(field, models.FileField)
    }
    assert {"programmes.evidence.file", "monitoring.realisationevidence.file", "jobs.job.result_file"} <= set(fields)
    assert all(field.storage is private_storage for field in fields.values())
    evidence = {name for name, field in fields.items() if field.upload_to is evidence_path}
    assert evidence == set(fields) - {"jobs.job.result_file"}


def test_an_evidence_name_says_nothing_of_the_upload_but_its_extension():
    first, second = evidence_path(None, "Laporan Walikota.PDF"), evidence_path(None, "Laporan Walikota.PDF")
    assert first.startswith("evidence/") and first.endswith(".pdf") and first != second
    assert "Laporan" not in first
    assert evidence_path(None, "no-extension").endswith(".bin")


def test_private_files_live_under_the_private_root_and_have_no_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    name = private_storage.save("evidence/x.txt", ContentFile(b"data"))
    assert (tmp_path / "elsewhere" / name).read_bytes() == b"data"
    assert private_storage.url(name) is None
