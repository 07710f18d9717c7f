"""`calendar`: working days and statutory deadlines (lag 1930:173) from the console.

calendar deadline 2026-12-22 5      -> 2027-01-04
calendar workdays 2026-12-22 2027-01-04  -> 5
calendar holidays 2026              -> the year's non-working holidays with their names
"""

import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from workdays import calendar as workdays

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
RANGE = f"{workdays.MIN_YEAR}–{workdays.MAX_YEAR}"


def parse_date(text: str) -> date:
    # Only YYYY-MM-DD: date.fromisoformat would also take 20261222 and week dates.
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Invalid date: %(text)s (give YYYY-MM-DD)") % {"text": repr(text)}
        ) from None
    if not workdays.MIN_YEAR <= day.year <= workdays.MAX_YEAR:
        raise CommandError(
            _("The date %(text)s is outside the calendar (years supported: %(range)s)")
            % {"text": text, "range": RANGE}
        )
    return day


def parse_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise CommandError(
            _("Invalid number of working days: %(text)s (give a whole number, 0 or more)")
            % {"text": repr(text)}
        ) from None
    if count < 0:
        raise CommandError(
            _("The number of working days may not be negative: %(count)s") % {"count": count}
        )
    return count


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise CommandError(
            _("Invalid year: %(text)s (give a year %(range)s)")
            % {"text": repr(text), "range": RANGE}
        ) from None
    if not workdays.MIN_YEAR <= year <= workdays.MAX_YEAR:
        raise CommandError(
            _("The year %(year)s is outside the calendar (give a year %(range)s)")
            % {"year": year, "range": RANGE}
        )
    return year


class Command(BaseCommand):
    # Pure calendar arithmetic: no database, URLs or models to check first.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.description = _(
            "Working days and deadlines: working days are Monday to Friday except public "
            "holidays, Midsummer Eve, Christmas Eve and New Year's Eve (lag 1930:173)."
        )
        # Django's CommandParser.add_subparsers makes the subparsers CommandParsers too, so that
        # their errors become CommandError under call_command instead of SystemExit.
        sub = parser.add_subparsers(
            dest="action",
            required=True,
            title=_("actions"),
            metavar="{deadline,workdays,holidays}",
        )

        deadline = sub.add_parser(
            "deadline",
            help=_("Last day of a deadline of N working days counted from DATE."),
            description=_(
                "Prints the deadline's last day (YYYY-MM-DD): the Nth working day after DATE. "
                "DATE is not counted; N = 0 gives DATE."
            ),
        )
        # Strings, not argparse types: the messages below are the platform's own and uniform.
        deadline.add_argument("date", metavar=_("DATE"), help=_("First day, YYYY-MM-DD."))
        deadline.add_argument(
            "count", metavar="N", help=_("Number of working days, a whole number ≥ 0.")
        )

        between = sub.add_parser(
            "workdays",
            help=_("Number of working days after FROM up to and including TO."),
            description=_(
                "Prints the number of working days d with FROM < d ≤ TO (0 if TO ≤ FROM)."
            ),
        )
        between.add_argument(
            "start", metavar=_("FROM"), help=_("First day, YYYY-MM-DD (not counted).")
        )
        between.add_argument("end", metavar=_("TO"), help=_("Last day, YYYY-MM-DD (counted)."))

        holidays = sub.add_parser(
            "holidays",
            help=_("The year's holidays that are not working days, with their names."),
            description=_(
                "Lists the year's public holidays off work with date, weekday and name (%(range)s)."
            )
            % {"range": RANGE},
        )
        holidays.add_argument(
            "year", metavar=_("YEAR"), help=_("Calendar year, %(range)s.") % {"range": RANGE}
        )

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "deadline":
                start = parse_date(options["date"])
                count = parse_count(options["count"])
                self.stdout.write(workdays.add_working_days(start, count).isoformat())
            elif action == "workdays":
                start, end = parse_date(options["start"]), parse_date(options["end"])
                self.stdout.write(str(workdays.working_days_between(start, end)))
            else:
                year = parse_year(options["year"])
                for day, name in workdays.holidays_in(year).items():
                    weekday = str(WEEKDAYS[day.weekday()])
                    self.stdout.write(f"{day.isoformat()}  {weekday:<7}  {name}")
        except workdays.OutOfRangeError:
            # The dates were checked above, so only a deadline past the last year gets here.
            raise CommandError(
                _("The deadline falls after the calendar's last year %(year)s")
                % {"year": workdays.MAX_YEAR}
            ) from None
