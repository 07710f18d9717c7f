"""`samverkan demo`: create or update the database and load the demo, without serving."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from agreements.registry import Catalogue
from agreements.services import load_county
from deviations.demo import ensure_demo_deviations
from disputes.demo import ensure_demo_disputes
from followup.demo import ensure_demo_followup
from followup.survey_demo import ensure_demo_survey
from matters.demo import ensure_demo_matters
from meetings.demo import ensure_demo_meetings
from placements.demo import ensure_demo_placements
from plans.demo import ensure_adult_demo_cases, ensure_demo_cases
from portal.demo import ensure_demo_guardians
from structure.demo import ensure_demo_structures


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.description = _(
            "Creates or updates the database and loads the demo county (can be run again)."
        )

    def handle(self, *args, **options):
        # The demo users share a published password: never in a production database.
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "The demo is loaded only in development (SAMVERKAN_DEBUG=1), since the demo "
                    "users' password is public."
                )
            )
        call_command("migrate", interactive=False, verbosity=0)
        catalogue = Catalogue()
        for county in catalogue.counties():
            report = load_county(county, catalogue)
            changed = len(report.created) + len(report.updated)
            total = changed + len(report.unchanged)
            self.stdout.write(
                _(
                    "County %(county)s: %(total)s document version(s), %(changed)s new or changed "
                    "since the last load."
                )
                % {"county": county, "total": total, "changed": changed}
            )
        for county in ensure_demo_structures():
            self.stdout.write(
                _("The live structure of %(county)s (made-up people) is created.")
                % {"county": county}
            )
        users = ensure_demo_users()
        cases = ensure_demo_cases() + ensure_adult_demo_cases()
        if cases:
            self.stdout.write(_("Demo cases (made-up people): %(n)s.") % {"n": cases})
        if ensure_demo_placements():
            self.stdout.write(
                _("Demo placements: an acute one, a planned one and an inpatient stay.")
            )
        if ensure_demo_guardians():
            self.stdout.write(_("The demo guardians can log in to My pages (/mina-sidor/)."))
        for county in ensure_demo_meetings():
            self.stdout.write(
                _("The meetings of %(county)s this year are planned, and the past ones held.")
                % {"county": county}
            )
        for county in ensure_demo_matters():
            self.stdout.write(
                _("The matters and governing documents of %(county)s are registered.")
                % {"county": county}
            )
        # After the matters: theirs are made only in a county that has none yet.
        if ensure_demo_deviations():
            self.stdout.write(_("Demo deviation reports: one in each step of the routine."))
        if ensure_demo_disputes():
            self.stdout.write(_("Demo disputes: one climbing the path, one resolved on cost."))
        if ensure_demo_followup():
            self.stdout.write(_("Demo cases of the past year, for the follow-up's figures."))
        if ensure_demo_survey():
            self.stdout.write(
                _("Demo survey on Västerbotten's effect goals, answered by two members.")
            )
        self.stdout.write(
            _("Demo users (%(password)s): %(users)s")
            % {"password": DEMO_PASSWORD, "users": ", ".join(users)}
        )
