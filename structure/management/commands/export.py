"""`samverkan export popolo COUNTY`: the live structure as Popolo JSON on standard output."""

import json

from django.core.management.base import BaseCommand, CommandError

from structure.popolo import export


class Command(BaseCommand):
    help = (
        "Exportera länets levande struktur (organisationer, poster, personer, uppdrag) "
        "som Popolo JSON."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="format", required=True, metavar="FORMAT")
        popolo = sub.add_parser("popolo", help="Popolo JSON (www.popoloproject.com)")
        popolo.add_argument("county", metavar="LÄN")

    def handle(self, *args, format, county, **options):
        try:
            data = export(county)
        except LookupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
