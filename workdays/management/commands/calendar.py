"""`calendar`: working days and statutory deadlines (lag 1930:173) from the console.

calendar deadline 2026-12-22 5      -> 2027-01-04
calendar workdays 2026-12-22 2027-01-04  -> 5
calendar holidays 2026              -> the year's non-working holidays with their names
"""

import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from workdays import calendar as workdays

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
RANGE = f"{workdays.MIN_YEAR}–{workdays.MAX_YEAR}"


def parse_date(text: str) -> date:
    # Only ÅÅÅÅ-MM-DD: date.fromisoformat would also take 20261222 and week dates.
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ogiltigt datum: {text!r} (ange ÅÅÅÅ-MM-DD)") from None
    if not workdays.MIN_YEAR <= day.year <= workdays.MAX_YEAR:
        raise CommandError(f"Datumet {text} ligger utanför kalendern (stödda år: {RANGE})")
    return day


def parse_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise CommandError(
            f"Ogiltigt antal arbetsdagar: {text!r} (ange ett heltal, 0 eller större)"
        ) from None
    if count < 0:
        raise CommandError(f"Antalet arbetsdagar får inte vara negativt: {count}")
    return count


def parse_year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise CommandError(f"Ogiltigt år: {text!r} (ange ett år {RANGE})") from None
    if not workdays.MIN_YEAR <= year <= workdays.MAX_YEAR:
        raise CommandError(f"Året {year} ligger utanför kalendern (ange ett år {RANGE})")
    return year


class Command(BaseCommand):
    help = (
        "Arbetsdagar och tidsfrister: arbetsdagar är måndag–fredag utom allmänna helgdagar, "
        "midsommarafton, julafton och nyårsafton (lag 1930:173)."
    )
    # Pure calendar arithmetic: no database, URLs or models to check first.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Django's CommandParser.add_subparsers makes the subparsers CommandParsers too, so that
        # their errors become CommandError under call_command instead of SystemExit.
        sub = parser.add_subparsers(
            dest="action", required=True, title="åtgärder", metavar="{deadline,workdays,holidays}"
        )

        deadline = sub.add_parser(
            "deadline",
            help="Sista dag för en frist på N arbetsdagar räknat från DATUM.",
            description=(
                "Skriver ut fristens sista dag (ÅÅÅÅ-MM-DD): den N:te arbetsdagen efter DATUM. "
                "DATUM räknas inte; N = 0 ger DATUM."
            ),
        )
        # Strings, not argparse types: the messages below are Swedish and uniform.
        deadline.add_argument("date", metavar="DATUM", help="Startdag, ÅÅÅÅ-MM-DD.")
        deadline.add_argument("count", metavar="N", help="Antal arbetsdagar, ett heltal ≥ 0.")

        between = sub.add_parser(
            "workdays",
            help="Antal arbetsdagar efter FRÅN till och med TILL.",
            description="Skriver ut antalet arbetsdagar d med FRÅN < d ≤ TILL (0 om TILL ≤ FRÅN).",
        )
        between.add_argument("start", metavar="FRÅN", help="Första dag, ÅÅÅÅ-MM-DD (räknas inte).")
        between.add_argument("end", metavar="TILL", help="Sista dag, ÅÅÅÅ-MM-DD (räknas).")

        holidays = sub.add_parser(
            "holidays",
            help="Årets helgdagar som inte är arbetsdagar, med namn.",
            description=f"Listar årets lediga helgdagar med datum, veckodag och namn ({RANGE}).",
        )
        holidays.add_argument("year", metavar="ÅR", help=f"Kalenderår, {RANGE}.")

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
                    self.stdout.write(f"{day.isoformat()}  {WEEKDAYS[day.weekday()]:<7}  {name}")
        except workdays.OutOfRangeError:
            # The dates were checked above, so only a deadline past the last year gets here.
            raise CommandError(
                f"Fristen hamnar efter kalenderns sista år {workdays.MAX_YEAR}"
            ) from None
