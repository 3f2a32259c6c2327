from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kotacerdas.framework.services import framework_load
from kotacerdas.monitoring.services import reference_indicators_load
from kotacerdas.regions.services import regions_load


class Command(BaseCommand):
    help = "Load the national reference data (regions of idn-area-data, the smart-city framework). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--only-regency", help="Load districts and villages of this regency only (e.g. 81.71).")

    def handle(self, *args, only_regency=None, **options):
        framework_load()
        codes = reference_indicators_load(Path(settings.BASE_DIR) / "data" / "monitoring" / "indicator_codes.json")
        self.stdout.write(f"Indicator codes (ISO 37120/37122, U4SSC, SDG): {codes}")
        counts = regions_load(only_regency=only_regency)
        self.stdout.write("Regions: " + ", ".join(f"{n} {level}" for level, n in counts.items()))
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
