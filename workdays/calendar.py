"""Swedish working days and statutory deadlines: the platform's single source for both.

A working day is Monday to Friday, except

* the public holidays (allmänna helgdagar) of lag (1989:253) om allmänna helgdagar, and
* midsommarafton, julafton and nyårsafton, which lag (1930:173) om beräkning av lagstadgad tid
  treats like public holidays (its 2 §: a deadline ending on a Saturday, Sunday, public holiday,
  midsommarafton, julafton or nyårsafton moves on to the next working day).

"Within N working days of day D" means by the end of the Nth working day after D; D itself
never counts, whether or not it is a working day.

The holiday dates come from the `holidays` package (categories PUBLIC and DE_FACTO, without its
optional "every Sunday" entries), which follows the holidays in force each year (annandag pingst
until 2004, nationaldagen from 2005). It starts Sweden in 1953, when lag (1952:48) gave the
holidays their modern form; earlier years had other holidays (midsommardagen was 24 June), so
they are refused rather than answered wrongly. Years after 2100 use today's rules, up to 2200.
The weekend rule is today's for every year.

Each call is two list look-ups in a table of working days built lazily per range of years
(and under a lock), so a million deadlines take about a second in CPython.
"""

import threading
from datetime import date
from functools import cache
from operator import index
from typing import NamedTuple

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "OutOfRangeError",
    "add_working_days",
    "holidays_in",
    "is_working_day",
    "next_working_day",
    "working_days_between",
    "working_days_left",
]

MIN_YEAR = 1953
MAX_YEAR = 2200

# Years added per extension of the table, so that scattered dates do not rebuild it each call.
_CHUNK_YEARS = 10


class OutOfRangeError(ValueError):
    """A date, or a deadline computed from it, lies outside MIN_YEAR..MAX_YEAR."""


@cache
def _sweden():
    # Imported on the first date computed: the package loads every country's tables, which
    # commands that only read agreements (such as `agreement validate`) should not wait for.
    from holidays.countries.sweden import Sweden

    class _Sweden(Sweden):
        # The package's default end year (2100) is a general horizon, not a Swedish rule; the
        # holidays in force since 2005 are fixed dates or follow Easter, so they extend as they
        # are.
        end_year = MAX_YEAR

    return _Sweden


@cache
def _holidays_of_year(year: int) -> dict[date, str]:
    from holidays.constants import DE_FACTO, PUBLIC

    # include_sundays=False: otherwise every Sunday would be listed under the name "Söndag".
    table = _sweden()(
        years=year, categories=(PUBLIC, DE_FACTO), language="sv", include_sundays=False
    )
    return dict(sorted(table.items()))


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise OutOfRangeError(
            f"year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR} "
            "of the Swedish working-day calendar"
        )


def _working_days(first_year: int, last_year: int) -> list[date]:
    days = []
    for year in range(first_year, last_year + 1):
        days_off = _holidays_of_year(year)
        for ordinal in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()):
            day = date.fromordinal(ordinal)
            if day.weekday() < 5 and day not in days_off:
                days.append(day)
    return days


class _Table(NamedTuple):
    """The calendar of the years first_year..last_year, never mutated once built.

    `days` are the working days in order; `rank[o - low]` is how many of them fall on or
    before the day with ordinal o. A deadline is then two list look-ups, O(1): bisecting
    `days` instead cost several times more per call, and 1M deadlines must take well under 2 s.
    """

    low: int
    rank: list[int]
    days: list[date]
    first_year: int
    last_year: int


def _build(first_year: int, last_year: int, days: list[date]) -> _Table:
    low = date(first_year, 1, 1).toordinal()
    rank = [0] * (date(last_year + 1, 1, 1).toordinal() - low)
    for count, day in enumerate(days, start=1):
        rank[day.toordinal() - low] = count
    for offset in range(1, len(rank)):
        if not rank[offset]:
            rank[offset] = rank[offset - 1]
    return _Table(low, rank, days, first_year, last_year)


# Readers take one reference to the current table and use only it; writers replace the
# reference under the lock, so a reader never sees a half-built table. Empty at import, with
# an offset that is never valid: the first call builds the years around its date.
_table = _Table(10**9, [], [], MAX_YEAR + 1, MIN_YEAR - 1)
_lock = threading.Lock()


def _covering(first_year: int, last_year: int) -> _Table:
    """The current table, extended if needed to cover first_year..last_year."""
    global _table
    table = _table
    if table.first_year <= first_year and last_year <= table.last_year:
        return table
    _check_year(first_year)
    _check_year(last_year)
    with _lock:
        table = _table
        if table.first_year <= first_year and last_year <= table.last_year:
            return table
        # Grow only on the side that is short, by a chunk, so that rebuilds stay rare.
        new_first = max(MIN_YEAR, first_year - _CHUNK_YEARS + 1)
        new_last = min(MAX_YEAR, last_year + _CHUNK_YEARS - 1)
        if table.days:
            new_first = table.first_year if first_year >= table.first_year else new_first
            new_last = table.last_year if last_year <= table.last_year else new_last
            days = (
                _working_days(new_first, table.first_year - 1)
                + table.days
                + _working_days(table.last_year + 1, new_last)
            )
        else:
            days = _working_days(new_first, new_last)
        _table = _build(new_first, new_last, days)
        return _table


def is_working_day(day: date) -> bool:
    """Whether `day` is a Swedish working day (see the module docstring)."""
    _check_year(day.year)
    return day.weekday() < 5 and day not in _holidays_of_year(day.year)


def add_working_days(start: date, n: int) -> date:
    """The deadline "within `n` working days of `start`": the `n`th working day after `start`.

    `start` itself never counts; `n == 0` returns `start` unchanged. Raises ValueError for a
    negative `n` and OutOfRangeError (a ValueError) outside the supported years.
    """
    # Fast path, kept minimal because it is the hot loop of bulk deadline computations:
    # rank[offset] working days fall on or before start, so the nth after it has index
    # rank[offset] + n - 1. Anything unusual fails a test or raises: the slow path sorts it out.
    low, rank, days, _, _ = _table
    offset = start.toordinal() - low
    if n > 0 and offset >= 0:
        try:
            return days[rank[offset] + n - 1]
        except (IndexError, TypeError):
            pass  # beyond the table or not an int: the slow path extends the table or refuses
    return _add_working_days_slowly(start, n)


def _add_working_days_slowly(start: date, n: int) -> date:
    n = index(n)  # rejects floats and strings with a TypeError
    if n < 0:
        raise ValueError(f"n must be a non-negative number of working days, got {n}")
    table = _covering(start.year, start.year)
    if n == 0:
        return start
    position = table.rank[start.toordinal() - table.low] + n - 1
    while position >= len(table.days):
        # The deadline lies beyond the table: extend it by the years that n roughly needs
        # (at least 240 working days a year), repeating in case the estimate falls short.
        if table.last_year >= MAX_YEAR:
            raise OutOfRangeError(
                f"{n} working days after {start.isoformat()} falls after the end of "
                f"{MAX_YEAR}, the last supported year"
            )
        missing = position - len(table.days) + 1
        table = _covering(table.first_year, min(MAX_YEAR, table.last_year + missing // 240 + 1))
        position = table.rank[start.toordinal() - table.low] + n - 1
    return table.days[position]


def working_days_between(start: date, end: date) -> int:
    """The number of working days d with start < d <= end; 0 when end <= start.

    The inverse of add_working_days: working_days_between(d, add_working_days(d, n)) == n.
    """
    table = _table
    first, last = start.toordinal() - table.low, end.toordinal() - table.low
    if not (0 <= first < len(table.rank) and 0 <= last < len(table.rank)):
        table = _covering(min(start.year, end.year), max(start.year, end.year))
        first, last = start.toordinal() - table.low, end.toordinal() - table.low
    if last <= first:
        return 0
    return table.rank[last] - table.rank[first]


def working_days_left(today: date, due: date) -> int | None:
    """Working days from `today` to the deadline `due`, negative once it has passed; None when
    either day lies outside the calendar's years, so that a far date already stored (year 2250
    or 9999) shows as a date without a count instead of failing the page that lists it."""
    try:
        if due >= today:
            return working_days_between(today, due)
        return -working_days_between(due, today)
    except OutOfRangeError:
        return None


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1)


def holidays_in(year: int) -> dict[date, str]:
    """The year's holidays that are not working days, by date, with their Swedish names.

    Includes the public holidays that always fall on a weekend (påskdagen, pingstdagen,
    midsommardagen, alla helgons dag) and the three eves of lag 1930:173; not plain Sundays.
    """
    _check_year(year)
    return dict(_holidays_of_year(year))
