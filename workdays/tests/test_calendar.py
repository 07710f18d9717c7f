"""Tests of workdays.calendar and the `calendar` command: known dates, properties, bad input.

No database: the module is pure calendar arithmetic.
"""

import threading
from datetime import date, timedelta
from io import StringIO

import holidays
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from workdays import calendar as workdays
from workdays.calendar import (
    OutOfRangeError,
    add_working_days,
    holidays_in,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = date.fromisoformat

# The reference: the library's own Swedish calendar, used directly and stepped one day at a
# time, so that the table and its look-ups in the module are checked against something simple.
REFERENCE_HOLIDAYS = holidays.Sweden(categories=(holidays.PUBLIC, holidays.DE_FACTO))


def naive_is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in REFERENCE_HOLIDAYS


def naive_add_working_days(start: date, n: int) -> date:
    day = start
    while n > 0:
        day += timedelta(days=1)
        if naive_is_working_day(day):
            n -= 1
    return day


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(min_value=0, max_value=400)
# The reference library stops at 2100 (the module goes on to 2200): start early enough that
# 400 working days (under two years) still end within it.
reference_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2098, 12, 31))


# --- known dates -------------------------------------------------------------------------------

HOLIDAYS_2026 = {
    D("2026-01-01"): "Nyårsdagen",
    D("2026-01-06"): "Trettondedag jul",
    D("2026-04-03"): "Långfredagen",
    D("2026-04-05"): "Påskdagen",
    D("2026-04-06"): "Annandag påsk",
    D("2026-05-01"): "Första maj",
    D("2026-05-14"): "Kristi himmelsfärdsdag",
    D("2026-05-24"): "Pingstdagen",
    D("2026-06-06"): "Nationaldagen",
    D("2026-06-19"): "Midsommarafton",
    D("2026-06-20"): "Midsommardagen",
    D("2026-10-31"): "Alla helgons dag",
    D("2026-12-24"): "Julafton",
    D("2026-12-25"): "Juldagen",
    D("2026-12-26"): "Annandag jul",
    D("2026-12-31"): "Nyårsafton",
}


def test_holidays_2026_are_the_public_holidays_and_the_three_eves():
    assert holidays_in(2026) == HOLIDAYS_2026
    assert list(holidays_in(2026)) == sorted(HOLIDAYS_2026)  # in date order, for display


def test_plain_sundays_are_not_listed_as_holidays():
    # holidays.Sweden(include_sundays=True) would name every Sunday "Söndag".
    assert "Söndag" not in holidays_in(2026).values()
    assert D("2026-03-01") not in holidays_in(2026)  # an ordinary Sunday


@pytest.mark.parametrize(
    "day",
    [
        "2026-01-01",  # nyårsdagen, Thursday
        "2026-01-06",  # trettondedag jul, Tuesday
        "2026-04-03",  # långfredagen (Easter 2026 is 5 April)
        "2026-04-06",  # annandag påsk
        "2026-05-01",  # första maj, Friday
        "2026-05-14",  # Kristi himmelsfärdsdag, Thursday
        "2026-06-19",  # midsommarafton, the Friday between 19 and 25 June
        "2026-12-24",  # julafton, Thursday
        "2026-12-25",  # juldagen
        "2026-12-31",  # nyårsafton, Thursday
        "2028-06-06",  # nationaldagen, Tuesday (a Saturday in 2026)
        "2027-12-24",  # julafton, Friday
        "2028-12-26",  # annandag jul, Tuesday (a Saturday in 2026)
        "2027-06-25",  # midsommarafton 2027
    ],
)
def test_holidays_on_weekdays_are_not_working_days(day):
    assert D(day).weekday() < 5
    assert not is_working_day(D(day))


@pytest.mark.parametrize(
    "day", ["2026-12-19", "2026-12-20", "2026-06-20", "2026-03-07", "2026-03-08"]
)
def test_saturdays_and_sundays_are_not_working_days(day):
    assert D(day).weekday() >= 5
    assert not is_working_day(D(day))


@pytest.mark.parametrize(
    "day", ["2026-12-23", "2026-12-28", "2026-12-30", "2026-04-02", "2026-04-07", "2026-06-18"]
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(D(day))


def test_midsommarafton_is_the_friday_between_19_and_25_june():
    for year in range(1990, 2101):
        eves = [day for day, name in holidays_in(year).items() if name == "Midsommarafton"]
        assert len(eves) == 1
        assert eves[0].weekday() == 4 and date(year, 6, 19) <= eves[0] <= date(year, 6, 25)


def test_holidays_follow_the_law_of_the_year():
    # Lag 2004:1320: annandag pingst gave way to nationaldagen from 2005.
    assert not is_working_day(D("2004-05-31"))  # annandag pingst 2004
    assert is_working_day(D("2004-06-07")) and is_working_day(D("2005-05-16"))
    assert not is_working_day(D("2005-06-06"))  # nationaldagen, Monday


@pytest.mark.parametrize(
    ("start", "n", "deadline"),
    [
        ("2026-12-18", 5, "2026-12-29"),  # Friday; 24-27 December off
        ("2026-12-22", 5, "2027-01-04"),  # over julafton to nyårsdagen
        ("2026-12-22", 1, "2026-12-23"),
        ("2026-12-23", 1, "2026-12-28"),
        ("2026-12-30", 1, "2027-01-04"),  # nyårsafton, nyårsdagen, weekend
        ("2027-01-05", 1, "2027-01-07"),  # trettondedag jul, Wednesday
        ("2026-03-31", 5, "2026-04-09"),  # over Easter
        ("2026-04-30", 1, "2026-05-04"),  # första maj is a Friday
        ("2026-05-13", 1, "2026-05-15"),  # Kristi himmelsfärdsdag
        ("2026-06-18", 1, "2026-06-22"),  # midsommarafton
        ("2028-06-05", 1, "2028-06-07"),  # nationaldagen, Tuesday
        ("2026-12-19", 1, "2026-12-21"),  # from a Saturday: the Saturday does not count
        ("2026-12-25", 0, "2026-12-25"),  # n = 0 leaves even a holiday unchanged
        ("2026-12-24", 2, "2026-12-29"),
    ],
)
def test_known_deadlines(start, n, deadline):
    assert add_working_days(D(start), n) == D(deadline)
    assert working_days_between(D(start), D(deadline)) == n


def test_norrbus_deadlines():
    # Notice within 5 working days of consent given the day before midsommarafton.
    assert add_working_days(D("2026-06-18"), 5) == D("2026-06-26")
    # Meeting within 10 working days of a decision a week before Christmas: nine days off
    # (24-27 December, 31 December-3 January and trettondedag jul) push it to 7 January.
    assert add_working_days(D("2026-12-17"), 10) == D("2027-01-07")
    # Notice within 5 working days of consent on an ordinary Monday: the following Monday.
    assert add_working_days(D("2026-09-07"), 5) == D("2026-09-14")
    # Meeting within 10 working days of a decision on skärtorsdagen (a working day): långfredagen
    # and annandag påsk do not count, so the tenth is the Monday after next.
    assert add_working_days(D("2026-04-02"), 10) == D("2026-04-20")


def test_next_working_day_known_dates():
    assert next_working_day(D("2026-12-23")) == D("2026-12-28")
    assert next_working_day(D("2026-06-18")) == D("2026-06-22")
    assert next_working_day(D("2026-12-22")) == D("2026-12-23")


def test_working_days_between_known_dates():
    assert working_days_between(D("2026-12-22"), D("2027-01-04")) == 5
    assert working_days_between(D("2026-12-23"), D("2026-12-27")) == 0
    assert working_days_between(D("2027-01-04"), D("2026-12-22")) == 0
    assert working_days_between(D("2026-05-05"), D("2026-05-05")) == 0
    # A whole year: its weekdays less its holidays that fall on a weekday (10 of 16 in 2026).
    weekdays_2026 = sum(
        1 for offset in range(365) if (date(2026, 1, 1) + timedelta(offset)).weekday() < 5
    )
    on_weekdays = sum(1 for day in HOLIDAYS_2026 if day.weekday() < 5)
    assert on_weekdays == 10
    assert working_days_between(D("2025-12-31"), D("2026-12-31")) == weekdays_2026 - on_weekdays


# --- properties --------------------------------------------------------------------------------


@given(start=dates, n=counts, m=counts)
def test_monotonic_in_n(start, n, m):
    low, high = sorted((n, m))
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)
    else:
        assert add_working_days(start, low) == add_working_days(start, high)


@given(first=dates, second=dates, n=counts)
def test_monotonic_in_start(first, second, n):
    early, late = sorted((first, second))
    assert add_working_days(early, n) <= add_working_days(late, n)


@given(start=dates, n=st.integers(min_value=1, max_value=400))
def test_a_deadline_is_a_working_day(start, n):
    deadline = add_working_days(start, n)
    assert deadline > start
    assert is_working_day(deadline)
    assert deadline.weekday() < 5 and deadline not in holidays_in(deadline.year)


@given(start=dates, n=counts)
def test_consistent_with_working_days_between(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(start=dates, end=dates)
def test_working_days_between_is_the_inverse(start, end):
    count = working_days_between(start, end)
    if end <= start:
        assert count == 0
    else:
        # The deadline of `count` days is on or before end, and the next one after it.
        assert add_working_days(start, count) <= end < add_working_days(start, count + 1)


@given(a=dates, b=dates, c=dates)
def test_working_days_between_adds_up(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)


@given(day=dates)
def test_next_working_day_is_one_working_day_later(day):
    assert next_working_day(day) == add_working_days(day, 1)
    assert next_working_day(day) > day


@given(day=dates)
def test_is_working_day_matches_the_reference(day):
    assert is_working_day(day) == naive_is_working_day(day)


@settings(max_examples=300)
@given(start=reference_dates, n=counts)
def test_matches_the_naive_day_by_day_reference(start, n):
    assert add_working_days(start, n) == naive_add_working_days(start, n)


def test_whole_supported_range_matches_the_reference():
    # Every working day 1953-2100 (the reference library's range), in one sweep.
    day, expected = date(1953, 1, 1), []
    while day <= date(2100, 12, 31):
        if naive_is_working_day(day):
            expected.append(day)
        day += timedelta(days=1)
    first = expected[0]
    assert working_days_between(first, expected[-1]) == len(expected) - 1
    for count, day in enumerate(expected):
        assert add_working_days(first, count) == day


def test_a_cold_table_built_by_many_threads_gives_the_same_answers(monkeypatch):
    # Start from an empty table so that the threads race to extend it, in both directions.
    monkeypatch.setattr(workdays, "_table", workdays._Table(10**9, [], [], 2201, 1952))
    starts = [date(year, 3, 15) for year in range(1955, 2195, 12)]
    results: dict[date, date] = {}
    errors: list[BaseException] = []

    def work(start: date) -> None:
        try:
            results[start] = add_working_days(start, 300)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(start,)) for start in starts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for start, deadline in results.items():
        assert working_days_between(start, deadline) == 300
        if start.year <= 2099:
            assert deadline == naive_add_working_days(start, 300)


def test_beyond_2100_uses_todays_rules():
    # The library's default horizon is 2100; the module extends it to 2200.
    assert set(holidays_in(2150).values()) == set(HOLIDAYS_2026.values())
    assert not is_working_day(D("2200-12-24")) and is_working_day(D("2200-12-23"))
    assert add_working_days(D("2200-12-23"), 1) == D("2200-12-29")


# --- bad input ---------------------------------------------------------------------------------


def test_negative_n_is_refused():
    with pytest.raises(ValueError, match="non-negative"):
        add_working_days(D("2026-01-01"), -1)


@pytest.mark.parametrize("n", [1.5, "3", None])
def test_n_must_be_an_integer(n):
    with pytest.raises(TypeError):
        add_working_days(D("2026-01-01"), n)


@pytest.mark.parametrize("day", [date(1952, 12, 31), date(1900, 6, 1), date(2201, 1, 1)])
def test_dates_outside_the_supported_years_are_refused(day):
    for call in (
        lambda: add_working_days(day, 1),
        lambda: add_working_days(day, 0),
        lambda: is_working_day(day),
        lambda: next_working_day(day),
        lambda: working_days_between(day, D("2026-01-01")),
        lambda: working_days_between(D("2026-01-01"), day),
        lambda: holidays_in(day.year),
    ):
        with pytest.raises(OutOfRangeError, match="supported range 1953-2200"):
            call()


def test_a_deadline_after_the_last_year_is_refused():
    assert issubclass(OutOfRangeError, ValueError)
    assert add_working_days(D("2200-12-30"), 0) == D("2200-12-30")
    with pytest.raises(OutOfRangeError, match="after the end of 2200"):
        add_working_days(D("2200-12-30"), 1)
    with pytest.raises(OutOfRangeError, match="after the end of 2200"):
        add_working_days(D("1953-01-01"), 10**6)


# --- the command -------------------------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_command_deadline():
    assert run("deadline", "2026-12-22", "5") == "2027-01-04\n"
    assert run("deadline", "2026-12-18", "5") == "2026-12-29\n"
    assert run("deadline", "2026-12-25", "0") == "2026-12-25\n"


def test_command_workdays():
    assert run("workdays", "2026-12-22", "2027-01-04") == "5\n"
    assert run("workdays", "2027-01-04", "2026-12-22") == "0\n"


def test_command_holidays():
    lines = run("holidays", "2026").splitlines()
    assert len(lines) == len(HOLIDAYS_2026)
    assert lines[0].split() == ["2026-01-01", "torsdag", "Nyårsdagen"]
    assert lines[-1].split() == ["2026-12-31", "torsdag", "Nyårsafton"]
    assert "2026-06-19  fredag   Midsommarafton" in lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("deadline", "2026-13-01", "5"), r"Ogiltigt datum: '2026-13-01' \(ange ÅÅÅÅ-MM-DD\)"),
        (("deadline", "20261222", "5"), "Ogiltigt datum: '20261222'"),
        (("deadline", "imorgon", "5"), "Ogiltigt datum: 'imorgon'"),
        (("deadline", "2026-12-22", "-1"), "får inte vara negativt: -1"),
        (("deadline", "2026-12-22", "fem"), "Ogiltigt antal arbetsdagar: 'fem'"),
        (("deadline", "2026-12-22", "2.5"), "Ogiltigt antal arbetsdagar: '2.5'"),
        (("deadline", "1900-01-01", "5"), "utanför kalendern"),
        (("deadline", "2200-12-30", "5"), "efter kalenderns sista år 2200"),
        (("workdays", "2026-12-22", "2026-02-30"), "Ogiltigt datum: '2026-02-30'"),
        (("holidays", "tjugo"), "Ogiltigt år: 'tjugo'"),
        (("holidays", "1900"), "Året 1900 ligger utanför kalendern"),
        (("deadline", "2026-12-22"), "required"),
        ((), "required"),
    ],
)
def test_command_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
