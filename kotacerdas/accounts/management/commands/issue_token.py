from django.core.management.base import BaseCommand, CommandError

from kotacerdas.accounts.models import User
from kotacerdas.accounts.services import token_issue


class Command(BaseCommand):
    help = "Issue an API token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="What the token is for.")
        parser.add_argument("--days", type=int, default=None, help="Valid for this many days (default: until revoked).")

    def handle(self, *args, username, label, days=None, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is deactivated.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        self.stdout.write(token_issue(user=user, label=label, valid_days=days))
