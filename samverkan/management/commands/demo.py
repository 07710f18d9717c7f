"""`samverkan demo`: create or update the database and load the demo, without serving."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from agreements.registry import Catalogue
from agreements.services import load_county
from plans.demo import ensure_demo_cases
from structure.demo import ensure_demo_structure


class Command(BaseCommand):
    help = "Skapar eller uppdaterar databasen och läser in demolänet (kan köras flera gånger)."

    def handle(self, *args, **options):
        # The demo users share a published password: never in a production database.
        if not settings.DEBUG:
            raise CommandError(
                "Demot läses bara in i utvecklingsläge (SAMVERKAN_DEBUG=1), "
                "eftersom demoanvändarnas lösenord är offentligt."
            )
        call_command("migrate", interactive=False, verbosity=0)
        catalogue = Catalogue()
        for county in catalogue.counties():
            report = load_county(county, catalogue)
            changed = len(report.created) + len(report.updated)
            total = changed + len(report.unchanged)
            self.stdout.write(
                f"Län {county}: {total} dokumentversion(er), "
                f"{changed} nya eller ändrade sedan förra inläsningen."
            )
        if ensure_demo_structure():
            self.stdout.write("Demolänets levande struktur (påhittade personer) är skapad.")
        users = ensure_demo_users()
        cases = ensure_demo_cases()
        if cases:
            self.stdout.write(f"Demoärenden (påhittade personer): {cases}.")
        self.stdout.write(f"Demoanvändare ({DEMO_PASSWORD}): {', '.join(users)}")
