"""The per-city export: every record of the city and none of another's, its files, a manifest that checks out, no secrets."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.management import call_command

from kotacerdas.jobs import export
from kotacerdas.jobs.services import job_start
from kotacerdas.masterplan.tests.factories import MasterplanFactory
from kotacerdas.programmes.models import Evidence
from kotacerdas.programmes.tests.factories import ProgrammeFactory

PDF = b"%PDF-1.4\n% evidence of the test\n"


def _archive(job) -> zipfile.ZipFile:
    job.refresh_from_db()
    assert job.status == "done", job.error
    with job.result_file.open("rb") as f:
        return zipfile.ZipFile(io.BytesIO(f.read()))


def test_the_export_holds_the_city_records_files_and_a_manifest(koordinator, ambon, tual, operator_dinkes):
    plan = MasterplanFactory(city=ambon)
    programme = ProgrammeFactory(masterplan=plan, lead_opd=None, name="Ambon Smart Health")
    ProgrammeFactory(masterplan=MasterplanFactory(city=tual), lead_opd=None, name="Tual Programme")
    evidence = Evidence(programme=programme, original_name="laporan.pdf", description="Laporan", uploaded_by=koordinator)
    evidence.file.save("laporan.pdf", ContentFile(PDF), save=False)
    evidence.save()

    job = job_start(actor=koordinator, kind="city.export", city=ambon)
    archive = _archive(job)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "kotacerdas-city-export" and manifest["city"]["code"] == "81.71"
    assert manifest["records"]["programmes.programme"] == 1 and manifest["records"]["cities.city"] == 1
    assert manifest["records"]["accounts.user"] == 2  # koordinator and the operator of Ambon, not Tual's
    programmes = json.loads(archive.read("records/programmes.programme.json"))
    assert [p["fields"]["name"] for p in programmes] == ["Ambon Smart Health"]
    assert archive.read(f"files/{evidence.file.name}") == PDF
    for member, digest in manifest["checksums"].items():
        assert hashlib.sha256(archive.read(member)).hexdigest() == digest, member
    assert set(manifest["checksums"]) == set(archive.namelist()) - {"manifest.json"}
    users = json.loads(archive.read("records/accounts.user.json"))
    assert users and all("password" not in u["fields"] for u in users)
    assert "jobs.job" not in manifest["records"]
    assert job.result == {"records": sum(manifest["records"].values()), "files": 1}


def test_every_city_model_is_exported():
    labels = {m._meta.label_lower for m in export.city_models()}
    assert {"cities.city", "programmes.evidence", "alignment.planitem", "core.auditevent"} <= labels
    assert "jobs.job" not in labels


def test_the_command_writes_the_same_archive(ambon, tmp_path):
    MasterplanFactory(city=ambon)
    target = tmp_path / "ambon.zip"
    out = io.StringIO()
    call_command("export_city", "81.71", output=str(target), stdout=out)
    assert "records" in out.getvalue()
    manifest = json.loads(zipfile.ZipFile(target).read("manifest.json"))
    assert manifest["records"]["masterplan.masterplan"] == 1


def test_the_command_refuses_an_unknown_city(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No participating city"):
        call_command("export_city", "99.99")
