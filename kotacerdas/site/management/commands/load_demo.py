from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from kotacerdas.accounts import demo as accounts_demo
from kotacerdas.cities import demo as cities_demo

# Each app adds its demo content to the city, in dependency order: seed(*, actor, city).
APP_DEMOS = [
    "kotacerdas.masterplan.demo.seed",
    "kotacerdas.bimtek.demo.seed",
    "kotacerdas.programmes.demo.seed",
    "kotacerdas.readiness.demo.seed",
    "kotacerdas.alignment.demo.seed",
]


class Command(BaseCommand):
    help = "Load the Kota Ambon demo (idempotent) and print the demo logins."

    @transaction.atomic
    def handle(self, *args, **options):
        actor = accounts_demo.system_actor()
        city = cities_demo.seed(actor=actor)
        for dotted in APP_DEMOS:
            import_string(dotted)(actor=actor, city=city)
        users = accounts_demo.seed(city=city)
        self.stdout.write(self.style.SUCCESS(f"Demo city: {city.name} ({city.code}), stage: {city.get_stage_display()}"))
        self.stdout.write(f"Demo logins (password: {accounts_demo.DEMO_PASSWORD}):")
        for username, what in users:
            self.stdout.write(f"  {username:<20} {what}")
