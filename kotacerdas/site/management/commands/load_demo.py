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
    "kotacerdas.masterplan.demo.legalise",  # once it has its programmes (and the commitment, from the cities demo)
    "kotacerdas.monitoring.demo.seed",
    "kotacerdas.readiness.demo.seed",
    "kotacerdas.alignment.demo.seed",
    "kotacerdas.governance.demo.seed",
    "kotacerdas.evaluation.demo.seed",
    "kotacerdas.books.demo.seed",  # last: it freezes versions of what the others made
]


class Command(BaseCommand):
    help = "Load the Kota Ambon demo (idempotent); with --demo-logins its users get the public demo password."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help=f"Let the demo users sign in with the public password '{accounts_demo.DEMO_PASSWORD}' (never on a real server).",
        )

    @transaction.atomic
    def handle(self, *args, demo_logins=False, **options):
        actor = accounts_demo.system_actor()
        city = cities_demo.seed(actor=actor)
        # The users first: the evaluation demo assigns the demo assessor to the city.
        users = accounts_demo.seed(city=city, password=accounts_demo.DEMO_PASSWORD if demo_logins else None)
        for dotted in APP_DEMOS:
            import_string(dotted)(actor=actor, city=city)
        self.stdout.write(self.style.SUCCESS(f"Demo city: {city.name} ({city.code}), stage: {city.get_stage_display()}"))
        if demo_logins:
            self.stdout.write(f"Demo logins (password: {accounts_demo.DEMO_PASSWORD}):")
        else:
            self.stdout.write("Demo users, who cannot sign in (pass --demo-logins to give them the public password):")
        for username, what in users:
            self.stdout.write(f"  {username:<20} {what}")
