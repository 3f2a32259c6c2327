from django.core.management.base import BaseCommand

from kotacerdas.framework.services import framework_load
from kotacerdas.regions.services import regions_load


class Command(BaseCommand):
    help = "Load the national reference data (regions of idn-area-data, the smart-city framework). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--only-regency", help="Load districts and villages of this regency only (e.g. 81.71).")

    def handle(self, *args, only_regency=None, **options):
        framework_load()
        counts = regions_load(only_regency=only_regency)
        self.stdout.write("Regions: " + ", ".join(f"{n} {level}" for level, n in counts.items()))
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
