import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kotacerdas.site.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty, migrated database (one transaction; every checksum verified)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive written by `manage.py backup`.")

    def handle(self, *args, archive, **options):
        started = time.monotonic()
        try:
            manifest = backup_restore(archive)
        except BackupError as error:
            raise CommandError(_("Nothing was restored: %(problem)s") % {"problem": error}) from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(rows)s rows and %(files)s files from %(path)s (written %(created)s) in %(seconds).1f s.")
                % {
                    "rows": rows,
                    "files": files,
                    "path": archive,
                    "created": manifest.get("created_at", "?"),
                    "seconds": time.monotonic() - started,
                }
            )
        )
