"""`samverkan export popolo COUNTY`: the live structure as Popolo JSON on standard output."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from structure.popolo import export


class Command(BaseCommand):
    # It reads the structure only: no URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Export the county's structure (areas, organisations, posts, people and who holds "
            "which post, with history) as Popolo JSON, without contact details."
        )
        sub = parser.add_subparsers(dest="format", required=True, metavar="FORMAT")
        popolo = sub.add_parser("popolo", help="Popolo JSON (www.popoloproject.com)")
        popolo.add_argument("county", metavar=_("COUNTY"))

    def handle(self, *args, format, county, **options):
        try:
            data = export(county)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
