"""`samverkan demo`: create or update the database and load the demo, without serving."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from agreements.registry import Catalogue
from agreements.services import load_county


class Command(BaseCommand):
    help = "Skapar eller uppdaterar databasen och läser in demolänet (kan köras flera gånger)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        catalogue = Catalogue()
        for county in catalogue.counties():
            report = load_county(county, catalogue)
            changed = len(report.created) + len(report.updated)
            self.stdout.write(
                f"Län {county}: {changed} dokumentversioner inlästa eller uppdaterade."
            )
        users = ensure_demo_users()
        self.stdout.write(f"Demoanvändare ({DEMO_PASSWORD}): {', '.join(users)}")
