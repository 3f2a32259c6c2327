"""Backup and restore (kotacerdas/site/backup.py): the Ambon demo with evidence files survives a
round trip row for row and byte for byte; a damaged, altered, newer or incomplete archive, and a
target that already has data, are refused with the database and the file roots left as they were.

An "empty" database inside a test: the test backs up, then deletes every row of every dumped model
(the reference data included) in its own transaction, then restores; the test's rollback puts the
session's reference data back afterwards. (Restore itself accepts reference data already in the
target and replaces it with the archive's; `test_restore_replaces_reference_data_already_there`.)
"""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from kotacerdas.accounts import demo as accounts_demo
from kotacerdas.cities.models import City
from kotacerdas.governance.models import Attachment, Regulation
from kotacerdas.monitoring.models import RealisationEvidence
from kotacerdas.programmes import services as programme_services
from kotacerdas.programmes.models import Programme
from kotacerdas.regions.models import Region
from kotacerdas.site import backup
from kotacerdas.site.backup import BackupError, backup_restore, backup_write

PDF = b"%PDF-1.4\n% Laporan capaian\n" + bytes(range(256)) * 40
CSV = b"indikator;nilai\ncakupan;87,5\n"


@pytest.fixture(autouse=True)
def english():
    """The messages are matched in English; `test_messages_are_translated` checks the Indonesian."""
    with translation.override("en"):
        yield


@pytest.fixture
def roots(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


@pytest.fixture
def demo(db, roots):
    """The Ambon demo with two evidence files and one file under MEDIA_ROOT."""
    call_command("load_demo", stdout=io.StringIO())
    actor = accounts_demo.system_actor()
    programme = Programme.objects.order_by("pk").first()
    programme_services.evidence_upload(actor=actor, programme=programme, file=SimpleUploadedFile("laporan.pdf", PDF), description="Laporan")
    programme_services.evidence_upload(actor=actor, programme=programme, file=SimpleUploadedFile("data.csv", CSV), description="Data")
    (roots / "media" / "logos").mkdir(parents=True)
    (roots / "media" / "logos" / "ambon.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")


def rows() -> dict:
    return {model._meta.label: list(model._base_manager.order_by("pk").values()) for model in backup.dumped_models()}


def files(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


def wipe() -> None:
    """Delete every dumped row (in the test's transaction; constraints are checked at commit)."""
    for model in reversed(backup.dumped_models()):
        for field in model._meta.local_many_to_many:
            if field.remote_field.through._meta.auto_created:
                field.remote_field.through._base_manager.all()._raw_delete("default")
        model._base_manager.all()._raw_delete("default")


def move_files(roots: Path) -> tuple[dict, dict]:
    """Take the uploaded files away (as on a new server); returns their checksums."""
    before = files(roots / "private"), files(roots / "media")
    (roots / "private").rename(roots / "private-original")
    (roots / "media").rename(roots / "media-original")
    return before


def rewrite(archive: Path, change) -> None:
    """Rewrite the archive with change(name, data) -> data | None (None drops the member)."""
    with tarfile.open(archive, "r:gz") as source:
        members = [(m.name, source.extractfile(m).read()) for m in source]
    with tarfile.open(archive, "w:gz") as target:
        for name, data in members:
            data = change(name, data)
            if data is not None:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                target.addfile(info, io.BytesIO(data))


def edit_manifest(archive: Path, edit) -> None:
    def change(name, data):
        if name != backup.MANIFEST:
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    rewrite(archive, change)


@pytest.fixture
def archive(demo, tmp_path):
    path = tmp_path / "backup.tar.gz"
    backup_write(path)
    return path


def test_the_archive_holds_the_dump_the_files_and_a_manifest(archive):
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile(backup.MANIFEST))
        dump = tar.extractfile(backup.DUMP).read()
    assert names[-1] == backup.MANIFEST
    assert manifest["format"] == backup.FORMAT and manifest["version"] == backup.FORMAT_VERSION
    assert set(manifest["files"]) == set(names) - {backup.MANIFEST}
    assert manifest["files"][backup.DUMP] == hashlib.sha256(dump).hexdigest()
    # the monitoring demo's data dukung, and the governance demo's attachments and regulation documents
    demo_files = (
        RealisationEvidence.objects.exclude(file="").count() + Attachment.objects.count() + Regulation.objects.exclude(file="").count()
    )
    assert len([n for n in names if n.startswith("files/private/evidence/")]) == 2 + demo_files
    assert "files/media/logos/ambon.png" in names
    assert manifest["counts"]["cities.City"] == City.objects.count() > 1  # Ambon and the evaluation demo's other cities
    assert manifest["counts"]["programmes.Evidence"] == 2
    assert manifest["counts"]["regions.Region"] == Region.objects.count()
    assert "auth.Permission" not in manifest["counts"] and "sessions.Session" not in manifest["counts"]
    assert not any(label.startswith(("axes.", "contenttypes.")) for label in manifest["counts"])
    assert manifest["migrations"]["programmes"].startswith("0")
    assert manifest["migrations"]["auth"]
    # Portable: Django fixture JSON, foreign keys to users by username.
    objects = json.loads(dump)
    evidence = next(o for o in objects if o["model"] == "programmes.evidence")
    assert evidence["fields"]["uploaded_by"] == ["demo-loader"]


def test_restore_into_an_empty_database_gives_the_same_rows_and_files(archive, roots):
    before = rows()
    cities = City.objects.count()
    before_files = move_files(roots)
    wipe()
    assert not any(rows().values())

    manifest = backup_restore(archive)

    assert manifest["counts"]["cities.City"] == cities
    after = rows()
    for label, expected in before.items():
        assert after[label] == expected, label
    assert (files(roots / "private"), files(roots / "media")) == before_files


def test_restore_replaces_reference_data_already_there(archive, roots):
    before = rows()
    move_files(roots)
    reference = [m for m in backup.dumped_models() if backup.is_reference(m)]
    wipe()
    # The target has the reference data, under other ids (as a fresh load_reference gives).
    call_command("load_reference", only_regency="81.71", stdout=io.StringIO())
    assert all(m._base_manager.exists() for m in reference if before[m._meta.label])

    backup_restore(archive)

    assert rows() == before


def test_the_commands_write_and_restore(demo, roots, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    (path,) = tmp_path.glob("kotacerdas-backup-*.tar.gz")
    assert str(path) in out.getvalue()
    before = rows()
    move_files(roots)
    wipe()
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    assert "Restored" in out.getvalue()
    assert rows() == before


def assert_refused(archive, roots, fragment, *, empty=True):
    """The restore is refused naming the problem; the database and the file roots are unchanged."""
    if empty:
        move_files(roots)
        wipe()
    before, before_files = rows(), (files(roots / "private"), files(roots / "media"))
    with pytest.raises(BackupError, match=fragment):
        backup_restore(archive)
    assert rows() == before
    assert (files(roots / "private"), files(roots / "media")) == before_files
    with pytest.raises(CommandError, match=fragment):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_a_truncated_archive_is_refused(archive, roots):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    assert_refused(archive, roots, "damaged or truncated")


def test_a_tampered_file_is_refused(archive, roots):
    rewrite(archive, lambda name, data: data.replace(b"Laporan capaian", b"Laporan palsu!!") if name.endswith(".pdf") else data)
    assert_refused(archive, roots, "checksum of files/private/evidence/.*pdf does not match")


def test_a_tampered_dump_is_refused(archive, roots):
    rewrite(archive, lambda name, data: data.replace(b"Ambon", b"Ambom") if name == backup.DUMP else data)
    assert_refused(archive, roots, "checksum of dump.json does not match")


def test_an_added_file_is_refused(archive, roots):
    with tarfile.open(archive, "r:gz") as source:
        members = [(m.name, source.extractfile(m).read()) for m in source]
    with tarfile.open(archive, "w:gz") as target:
        for name, data in [*members, ("files/media/extra.txt", b"not in the manifest")]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    assert_refused(archive, roots, "files/media/extra.txt, which its manifest does not list")


def test_an_archive_from_a_newer_schema_is_refused(archive, roots):
    edit_manifest(archive, lambda m: m["migrations"].update(programmes="0999_from_the_future"))
    assert_refused(archive, roots, "newer version of Kota Cerdas.*programmes.0999_from_the_future")


def test_an_archive_without_manifest_is_refused(archive, roots):
    rewrite(archive, lambda name, data: None if name == backup.MANIFEST else data)
    assert_refused(archive, roots, "no manifest.json")


def test_a_target_with_data_is_refused(archive, roots):
    assert_refused(archive, roots, rf"already holds Kota Cerdas data: .*cities.City \({City.objects.count()}\)", empty=False)


def test_a_row_count_mismatch_rolls_the_whole_load_back(archive, roots):
    cities = City.objects.count()
    edit_manifest(archive, lambda m: m["counts"].update({"cities.City": cities + 1}))
    assert_refused(archive, roots, rf"cities.City has {cities} rows where the archive counted {cities + 1}")


def test_a_failure_while_placing_files_removes_the_placed_ones(archive, roots, monkeypatch):
    place = backup._place
    calls = []

    def failing(source, destination):
        calls.append(destination)
        if len(calls) == 2:
            raise OSError("disk full")
        place(source, destination)

    monkeypatch.setattr(backup, "_place", failing)
    move_files(roots)
    wipe()
    with pytest.raises(OSError, match="disk full"):
        backup_restore(archive)
    assert not any(rows().values())
    assert calls and not any(p.exists() for p in calls)


def test_messages_are_translated(archive, roots):
    rewrite(archive, lambda name, data: None if name == backup.MANIFEST else data)
    with translation.override("id"), pytest.raises(CommandError, match="Tidak ada yang dipulihkan: Arsip tidak memiliki manifest.json"):
        call_command("restore", str(archive), stdout=io.StringIO())
