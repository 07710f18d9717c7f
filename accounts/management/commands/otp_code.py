"""`samverkan otp-code USER`: a demo user's current two-factor code, so that the demo is easy to
try. Refused outside development (SAMVERKAN_DEBUG=1): production codes come from the user's app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.two_factor import confirmed_device, current_code


class Command(BaseCommand):
    # It reads one device: no URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _("Shows a demo user's current two-factor code (development only).")
        parser.add_argument("username", metavar=_("USER"))

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(_("The code is shown only in development (SAMVERKAN_DEBUG=1)."))
        user = get_user_model().objects.filter(username=username).first()
        device = confirmed_device(user) if user else None
        if device is None:
            raise CommandError(
                _("The user '%(name)s' has no two-factor device.") % {"name": username}
            )
        self.stdout.write(current_code(device))
