import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.site.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write one archive with the database (dumpdata JSON), the uploaded files and a manifest with checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write the archive (default: kotacerdas-backup-<UTC date and time>.tar.gz here; a folder puts it there).",
        )

    def handle(self, *args, archive=None, **options):
        name = f"kotacerdas-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        path = Path(archive) if archive else Path(name)
        if path.is_dir():
            path = path / name
        started = time.monotonic()
        try:
            manifest = backup_write(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written to %(path)s: %(rows)s rows, %(files)s files, %(size)s bytes, in %(seconds).1f s.")
                % {"path": path, "rows": rows, "files": files, "size": path.stat().st_size, "seconds": time.monotonic() - started}
            )
        )
