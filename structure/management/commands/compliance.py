"""`samverkan check COUNTY [--on DATE] [--format text|json]`: the compliance engine's findings.

In manage.py the command is `compliance`, so that Django's own `check --deploy` keeps its name.

Exits 1 when there is an error-level finding, so that a county can run it on a schedule.
"""

import datetime
import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from structure.compliance import ADVICE, ERROR, OK, WARNING, evaluate

MARKS = {
    ERROR: gettext_lazy("ERROR"),
    WARNING: gettext_lazy("WARNING"),
    ADVICE: gettext_lazy("ADVICE"),
    OK: gettext_lazy("OK"),
}


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("Invalid date: '%(value)s' (give YYYY-MM-DD)") % {"value": value}
        ) from error


class Command(BaseCommand):
    # It reads the structure and the agreements only: no URLs, templates or admin to check.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Here rather than in `help`, so that the description is in the language now active.
        parser.description = _(
            "Checks the county's live structure against the agreement in force, clause by "
            "clause. Exits with code 1 if an error is found."
        )
        parser.add_argument("county", metavar=_("COUNTY"))
        parser.add_argument("--on", metavar=_("DATE"), help=_("day to check (default: today)"))
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--all",
            action="store_true",
            help=_("show also what holds (default: only deviations)"),
        )

    def handle(self, *args, county, on, format, all, **options):
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
                "advice": report.count(ADVICE),
                "holds": sum(f.severity == OK for f in report.findings),
                "findings": [asdict(f) for f in shown],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for finding in shown:
                self.stdout.write(
                    f"{MARKS[finding.severity]!s:8} {finding.message}  [{finding.citation}]"
                )
            errors = sum(f.severity == ERROR for f in report.findings)
            warnings = sum(f.severity == WARNING for f in report.findings)
            holds = sum(f.severity == OK for f in report.findings)
            self.stdout.write(
                _(
                    "%(county)s %(day)s: %(errors)s errors, %(warnings)s warnings, "
                    "%(holds)s rules hold."
                )
                % {
                    "county": county,
                    "day": day.isoformat(),
                    "errors": errors,
                    "warnings": warnings,
                    "holds": holds,
                }
            )
            advice = report.count(ADVICE)
            if advice:
                # Departures from what the agreement only recommends: said, never an exit code.
                self.stdout.write(
                    ngettext(
                        "%(n)s recommendation of the agreement not followed.",
                        "%(n)s recommendations of the agreement not followed.",
                        advice,
                    )
                    % {"n": advice}
                )
        if report.has_errors:
            raise SystemExit(1)
