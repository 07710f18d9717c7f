"""`samverkan otp-code USER`: a demo user's current two-factor code, so that the demo is easy to
try. Refused outside development (SAMVERKAN_DEBUG=1): production codes come from the user's app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import confirmed_device, current_code


class Command(BaseCommand):
    help = "Visar en demoanvändares aktuella tvåfaktorskod (bara i utvecklingsläge)."

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="ANVÄNDARE")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Koden visas bara i utvecklingsläge (SAMVERKAN_DEBUG=1).")
        user = get_user_model().objects.filter(username=username).first()
        device = confirmed_device(user) if user else None
        if device is None:
            raise CommandError(f"Användaren '{username}' har ingen tvåfaktorsenhet.")
        self.stdout.write(current_code(device))
