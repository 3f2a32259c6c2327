"""`manage.py export_city 81.71 [--output FILE]`: all of a city's records and files in one zip archive.

The same archive as the "Export all data" button of the city page (the job `city.export`),
written here at once (a read: nothing is recorded).
"""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kotacerdas.cities.models import City
from kotacerdas.jobs import export


class Command(BaseCommand):
    help = "Write all of a city's records (JSON), uploaded files and a manifest with counts and checksums into one zip archive."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the city's Kemendagri region code, e.g. 81.71")
        parser.add_argument("--output", "-o", help="the archive to write (default: kotacerdas-<code>-<date>.zip here)")

    def handle(self, *args, code, output=None, **options):
        city = City.objects.select_related("region").filter(region__code=code).first()
        if city is None:
            raise CommandError(f"No participating city with the code {code}.")
        target = Path(output or export.archive_name(city))
        if target.exists():
            raise CommandError(f"{target} exists already; choose another --output.")
        archive, manifest = export.export_to_temp(city)
        with archive, open(target, "xb") as out:
            shutil.copyfileobj(archive, out)
        records = sum(manifest["records"].values())
        self.stdout.write(f"{target}: {records} records of {len(manifest['records'])} kinds, {len(manifest['files'])} files")
