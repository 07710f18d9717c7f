"""`samverkan enrolment-code USER`: an enrolment code for setting up a user's authenticator app,
for the first administrator of a new installation, before anyone can reach the admin site.
Whoever runs it already holds the server, so the code is printed once and kept only as a hash."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.enrolment import do_issue_enrolment_code


class Command(BaseCommand):
    # It writes one code: no URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Prints a new enrolment code with which the user sets up an authenticator app "
            "(valid %(hours)s hours, once; it replaces any earlier code)."
        ) % {"hours": settings.SAMVERKAN_ENROLMENT_CODE_HOURS}
        parser.add_argument("username", metavar=_("USER"))

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user '%(name)s'.") % {"name": username})
        self.stdout.write(do_issue_enrolment_code(None, user))
