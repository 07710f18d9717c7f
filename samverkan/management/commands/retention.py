"""`samverkan retention`: remove what the retention periods let go; `--dry-run` lists it."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.retention import RetentionError
from deviations.retention import OPEN_DEVIATION
from disputes.retention import OPEN_DISPUTE
from samverkan import retention

REASONS = {
    retention.OPEN_CASE: lambda: _("the individual has a case that is not closed"),
    retention.LATER_ENTRY: lambda: _("something was recorded about the individual since"),
    OPEN_DISPUTE: lambda: _("an open dispute about the case"),
    OPEN_DEVIATION: lambda: _("a deviation about the case that is not closed"),
}


def reason(code: str) -> str:
    words = REASONS.get(code)
    return words() if words else code


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.description = _(
            "Removes the cases and audit events whose retention period has passed (the periods "
            "and their legal sources in %(path)s), and lists what is kept and why."
        ) % {"path": "agreements/retention/"}
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("list what would be removed and what is kept, and change nothing"),
        )
        parser.add_argument(
            "--date",
            metavar=_("YYYY-MM-DD"),
            help=_("the day to count the periods back from (default today)"),
        )

    def handle(self, *args, dry_run, date, **options):
        day = timezone.localdate()
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(
                    _("Invalid date: '%(date)s' (give YYYY-MM-DD)") % {"date": date}
                ) from error
        try:
            outcome = retention.run(day, dry_run=dry_run)
        except RetentionError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            self.stdout.write(_("Dry run: nothing is removed."))
        for county in outcome.counties:
            self.stdout.write(
                (
                    _(
                        "%(county)s: %(individuals)s individuals with %(cases)s cases closed "
                        "before %(cutoff)s would be removed."
                    )
                    if dry_run
                    else _(
                        "%(county)s: %(individuals)s individuals with %(cases)s cases closed "
                        "before %(cutoff)s removed."
                    )
                )
                % {
                    "county": county.county,
                    "individuals": len(county.individuals),
                    "cases": county.cases,
                    "cutoff": county.cutoff.isoformat(),
                }
            )
            for case_id, code in sorted(county.kept.items()):
                self.stdout.write(
                    "  "
                    + _("Case #%(case)s is kept: %(reason)s.")
                    % {"case": case_id, "reason": reason(code)}
                )
        self.stdout.write(
            (
                _("Audit trail: %(count)s events recorded before %(cutoff)s would be removed.")
                if dry_run
                else _("Audit trail: %(count)s events recorded before %(cutoff)s removed.")
            )
            % {"count": outcome.audit_events, "cutoff": outcome.audit_cutoff.isoformat()}
        )
