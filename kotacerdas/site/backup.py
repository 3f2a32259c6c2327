"""Backup and restore: one archive with the database, the uploaded files and a manifest.

The archive is a gzip-compressed tar file:

- ``dump.json``: every model of every app in Django's fixture JSON (what ``dumpdata`` writes and
  ``loaddata`` reads), foreign keys to users, content types and permissions as natural keys, rows
  with their primary keys; content types, permissions, sessions and django-axes' sign-in attempt
  logs are left out (the target database rebuilds or does not need them). Times keep their
  microseconds (``dumpdata`` would cut them to milliseconds).
- ``files/private/…``: the evidence files under ``settings.PRIVATE_MEDIA_ROOT``;
  ``files/media/…``: anything under ``settings.MEDIA_ROOT``.
- ``manifest.json`` (the last member): the format version, the latest applied migration per app,
  the row count of every model in the dump and the SHA-256 of every other member.

A restore goes into an *empty* database: one that has been migrated but holds no Kota Cerdas data
(no city, no user, …). Reference data (regions, framework, the reference indicator codes, the record of which data sets are loaded) that a target may already have from
``load_reference`` is replaced by the archive's, so that every restored row keeps its id. The whole
load runs in one transaction; the files are placed (each written beside its destination, then
renamed into place) only after the rows loaded and counted right, and removed again if the
transaction does not commit.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "kotacerdas-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "dump.json"
# Where the two file roots live inside the archive.
FILE_ROOTS = {"files/private": "PRIVATE_MEDIA_ROOT", "files/media": "MEDIA_ROOT"}
# Left out of the dump: rebuilt by `migrate` (content types, permissions) or not worth keeping.
EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
EXCLUDED_MODELS = {"auth.Permission"}
# Reference data: a target may hold it already (load_reference); the restore replaces it.
REFERENCE_APPS = {"regions", "framework"}
REFERENCE_MODELS = {"core.ReferenceDataset", "monitoring.ReferenceIndicator"}


def is_reference(model) -> bool:
    return model._meta.app_label in REFERENCE_APPS or model._meta.label in REFERENCE_MODELS


CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message (translated) names the problem."""


class PreciseJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def dumped_models(using: str = DEFAULT_DB_ALIAS) -> list:
    """The models in the dump, in dependency order (natural-key targets first)."""
    app_list = []
    for app_config in apps.get_app_configs():
        if app_config.label in EXCLUDED_APPS:
            continue
        models = [
            model
            for model in app_config.get_models()
            if model._meta.label not in EXCLUDED_MODELS and not model._meta.proxy and router.allow_migrate_model(using, model)
        ]
        if models:
            app_list.append((app_config, models))
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _migration_state(connection) -> dict[str, str]:
    """The latest applied migration of each app (the one whose plan contains the app's others)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    latest: dict[str, tuple[int, str]] = {}
    for app_label, name in loader.applied_migrations:
        key = (app_label, name)
        depth = len(loader.graph.forwards_plan(key)) if key in loader.graph.nodes else 0
        if app_label not in latest or depth > latest[app_label][0]:
            latest[app_label] = (depth, name)
    return {app_label: name for app_label, (_depth, name) in sorted(latest.items())}


def _root_files() -> list[tuple[str, Path]]:
    """(name in the archive, path on disk) of every uploaded file."""
    found = []
    for prefix, setting in FILE_ROOTS.items():
        root = Path(getattr(settings, setting))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found.append((f"{prefix}/{path.relative_to(root).as_posix()}", path))
    return found


class _HashingReader:
    """Hands tarfile the bytes of a file while hashing them, so the checksum is of what was stored."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, path: Path) -> str:
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(os.path.getmtime(path))
        info.mode = 0o600
        reader = _HashingReader(stream)
        archive.addfile(info, reader)
        return reader.digest.hexdigest()


def backup_write(path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to `path` (written beside it, then renamed); returns the manifest."""
    path = Path(path)
    connection = connections[using]
    models = dumped_models(using)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        # One consistent view of the data for the dump and the counts (PostgreSQL: a snapshot,
        # unless the caller already has a transaction; SQLite: its transaction is one).
        outermost = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            counts = {model._meta.label: model._base_manager.using(using).count() for model in models}
            objects = (obj for model in models for obj in model._base_manager.using(using).order_by(model._meta.pk.name).iterator())
            with open(dump, "w", encoding="utf-8") as stream:
                serializers.serialize("json", objects, stream=stream, use_natural_foreign_keys=True, cls=PreciseJSONEncoder)
            migrations = _migration_state(connection)
        partial = path.with_name(f".{path.name}.partial")
        checksums = {}
        try:
            with tarfile.open(partial, "w:gz") as archive:
                checksums[DUMP] = _add(archive, DUMP, dump)
                for name, file in _root_files():
                    checksums[name] = _add(archive, name, file)
                manifest = {
                    "format": FORMAT,
                    "version": FORMAT_VERSION,
                    "created_at": timezone.now().isoformat(),
                    "database": connection.vendor,
                    "migrations": migrations,
                    "counts": counts,
                    "files": checksums,
                }
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                info.mode = 0o600
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "\\" not in name


def _unpack(path: Path, into: Path) -> None:
    """Extract every regular file of the archive into `into`; a damaged or truncated one is refused."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(_("The archive holds an entry that a backup never has: %(name)s.") % {"name": member.name})
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                with open(target, "wb") as stream:
                    shutil.copyfileobj(source, stream, CHUNK)
    except FileNotFoundError as error:
        raise BackupError(_("There is no archive at %(path)s.") % {"path": path}) from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(_("The archive is damaged or truncated: %(error)s.") % {"error": error}) from error


def _read_manifest(unpacked: Path) -> dict:
    try:
        manifest = json.loads((unpacked / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(_("The archive has no manifest.json: it is not a Kota Cerdas backup, or it is incomplete.")) from error
    except ValueError as error:
        raise BackupError(_("The archive's manifest.json cannot be read: %(error)s.") % {"error": error}) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("The archive's manifest.json is not a Kota Cerdas backup manifest."))
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            _("The archive has backup format version %(found)s; this version of Kota Cerdas reads version %(known)s.")
            % {"found": manifest.get("version"), "known": FORMAT_VERSION}
        )
    for key in ("migrations", "counts", "files"):
        if not isinstance(manifest.get(key), dict):
            raise BackupError(_("The archive's manifest.json lacks its “%(key)s” part.") % {"key": key})
    return manifest


def _verify_files(unpacked: Path, manifest: dict) -> None:
    listed = manifest["files"]
    present = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {MANIFEST}
    if DUMP not in listed:
        raise BackupError(_("The archive's manifest lists no database dump."))
    for name in sorted(set(listed) - present):
        raise BackupError(_("The archive lacks %(name)s, which its manifest lists: it is incomplete.") % {"name": name})
    for name in sorted(present - set(listed)):
        raise BackupError(_("The archive holds %(name)s, which its manifest does not list: it was altered.") % {"name": name})
    for name in sorted(listed):
        if not _safe_name(name) or (name != DUMP and not any(name.startswith(prefix + "/") for prefix in FILE_ROOTS)):
            raise BackupError(_("The archive holds an entry that a backup never has: %(name)s.") % {"name": name})
        if _sha256(unpacked / name) != listed[name]:
            raise BackupError(
                _("The checksum of %(name)s does not match the manifest: the archive was altered or damaged.") % {"name": name}
            )


def _check_migrations(connection, manifest: dict) -> None:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    for app_label, name in sorted(manifest["migrations"].items()):
        if (app_label, name) not in loader.disk_migrations:
            raise BackupError(
                _(
                    "The archive comes from a newer version of Kota Cerdas: this code base does not know the migration "
                    "%(app)s.%(name)s. Restore it with the version that wrote it, or a later one."
                )
                % {"app": app_label, "name": name}
            )
        if (app_label, name) not in loader.applied_migrations:
            raise BackupError(
                _("The target database lacks the migration %(app)s.%(name)s: run “manage.py migrate” first.")
                % {"app": app_label, "name": name}
            )


def _check_empty(models, using: str) -> None:
    filled = [
        f"{model._meta.label} ({count})"
        for model in models
        if not is_reference(model) and (count := model._base_manager.using(using).count())
    ]
    if filled:
        raise BackupError(
            _("The target database already holds Kota Cerdas data: %(models)s. A backup is restored only into an empty, migrated database.")
            % {"models": ", ".join(filled)}
        )


def _clear_reference(models, using: str) -> None:
    """Remove the reference rows the target already has (their ids may differ from the archive's)."""
    for model in reversed(models):
        if is_reference(model):
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    through._base_manager.using(using).all()._raw_delete(using)
            model._base_manager.using(using).all()._raw_delete(using)


def _file_targets(manifest: dict) -> list[tuple[str, Path]]:
    """(name in the archive, destination) of every uploaded file; a different file already there is refused."""
    targets = []
    for name, checksum in sorted(manifest["files"].items()):
        if name == DUMP:
            continue
        prefix = next(prefix for prefix in FILE_ROOTS if name.startswith(prefix + "/"))
        relative = name[len(prefix) + 1 :]
        destination = Path(getattr(settings, FILE_ROOTS[prefix])) / relative
        if destination.exists() and (not destination.is_file() or _sha256(destination) != checksum):
            raise BackupError(_("A different file is already at %(path)s: the restore would overwrite it.") % {"path": destination})
        targets.append((name, destination))
    return targets


def _place(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.")
    try:
        with os.fdopen(handle, "wb") as stream, open(source, "rb") as original:
            shutil.copyfileobj(original, stream, CHUNK)
        os.replace(partial, destination)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def backup_restore(path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Bring the archive at `path` back into an empty database; returns its manifest."""
    path = Path(path)
    connection = connections[using]
    with tempfile.TemporaryDirectory() as work:
        unpacked = Path(work)
        _unpack(path, unpacked)
        manifest = _read_manifest(unpacked)
        _verify_files(unpacked, manifest)
        _check_migrations(connection, manifest)
        models = dumped_models(using)
        known = {model._meta.label for model in models}
        unknown = sorted(set(manifest["counts"]) - known)
        if unknown:
            raise BackupError(_("The archive holds models this code base does not have: %(models)s.") % {"models": ", ".join(unknown)})
        targets = _file_targets(manifest)
        placed: list[Path] = []
        try:
            with transaction.atomic(using=using):
                _check_empty(models, using)
                _clear_reference(models, using)
                try:
                    call_command("loaddata", str(unpacked / DUMP), database=using, verbosity=0)
                except Exception as error:
                    raise BackupError(_("The database dump could not be loaded: %(error)s") % {"error": error}) from error
                for model in models:
                    expected = manifest["counts"].get(model._meta.label, 0)
                    found = model._base_manager.using(using).count()
                    if found != expected:
                        raise BackupError(
                            _("After loading, %(model)s has %(found)s rows where the archive counted %(expected)s.")
                            % {"model": model._meta.label, "found": found, "expected": expected}
                        )
                for name, destination in targets:
                    if destination.exists():
                        continue  # the same file is already in place
                    _place(unpacked / name, destination)
                    placed.append(destination)
        except BaseException:
            for destination in placed:
                destination.unlink(missing_ok=True)
            raise
    return manifest
