"""`samverkan check COUNTY [--on DATE] [--format text|json]`: the compliance engine's findings.

In manage.py the command is `compliance`, so that Django's own `check --deploy` keeps its name.

Exits 1 when there is an error-level finding, so that a county can run it on a schedule.
"""

import datetime
import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from structure.compliance import ERROR, OK, WARNING, evaluate

MARKS = {ERROR: "FEL", WARNING: "VARNING", OK: "OK"}


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Ogiltigt datum: '{value}' (ange ÅÅÅÅ-MM-DD)") from error


class Command(BaseCommand):
    help = (
        "Kontrollerar länets levande struktur mot överenskommelsen som gäller, klausul för "
        "klausul. Avslutas med kod 1 om något fel hittas."
    )

    def add_arguments(self, parser):
        parser.add_argument("county", metavar="LÄN")
        parser.add_argument("--on", metavar="DATUM", help="dag att pröva (standard: i dag)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--all",
            action="store_true",
            help="visa även det som uppfylls (standard: bara avvikelser)",
        )

    def handle(self, *args, county, on, format, all, **options):
        translation.activate("sv")
        day = iso_date(on) if on else timezone.localdate()
        try:
            report = evaluate(county, on=day)
        except LookupError as error:
            raise CommandError(str(error)) from error
        shown = report.findings if all else report.problems
        if format == "json":
            payload = {
                "county": county,
                "on": day.isoformat(),
                "errors": sum(f.severity == ERROR for f in report.findings),
                "warnings": sum(f.severity == WARNING for f in report.findings),
                "holds": sum(f.severity == OK for f in report.findings),
                "findings": [asdict(f) for f in shown],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for finding in shown:
                self.stdout.write(
                    f"{MARKS[finding.severity]:8} {finding.message}  "
                    f"[{finding.seed}, {finding.section}]"
                )
            errors = sum(f.severity == ERROR for f in report.findings)
            warnings = sum(f.severity == WARNING for f in report.findings)
            holds = sum(f.severity == OK for f in report.findings)
            self.stdout.write(
                f"{county} {day.isoformat()}: {errors} fel, {warnings} varningar, "
                f"{holds} uppfyllda regler."
            )
        if report.has_errors:
            raise SystemExit(1)
