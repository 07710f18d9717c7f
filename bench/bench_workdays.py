"""Benchmark: deadlines for one million (date, n) pairs with workdays.calendar.

Run from the project root:  .venv/bin/python bench/bench_workdays.py

Dates are uniform over 2000-2040 and n over 0..60, from a fixed seed. The module is timed
over all pairs (best of a few runs, after the table is built; the build is timed apart), and
compared with a naive loop that steps one day at a time through a precomputed holiday set.
The naive loop is timed over a 100,000-pair subset first and, if the full million would take
too long, extrapolated from it (the output says so). Writes bench/results/workdays.json.
"""

import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from aims import figure, finish

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "workdays.json"

PAIRS = 1_000_000
NAIVE_SUBSET = 100_000
NAIVE_FULL_LIMIT_SECONDS = 30.0  # projected time above which the naive run is extrapolated
SEED = 20260101
FIRST, LAST = date(2000, 1, 1), date(2040, 12, 31)
MAX_N = 60
RUNS = 3
AIM_SECONDS = 2.0


def make_pairs() -> list[tuple[date, int]]:
    rng = random.Random(SEED)
    low, high = FIRST.toordinal(), LAST.toordinal()
    return [(date.fromordinal(rng.randint(low, high)), rng.randint(0, MAX_N)) for _ in range(PAIRS)]


def naive_deadlines(pairs: list[tuple[date, int]], days_off: set[date]) -> list[date]:
    one_day = timedelta(days=1)
    results = []
    for start, n in pairs:
        day = start
        while n > 0:
            day += one_day
            if day.weekday() < 5 and day not in days_off:
                n -= 1
        results.append(day)
    return results


def main() -> int:
    # The project is not installed as a package: import it from the checkout.
    sys.path.insert(0, str(ROOT))
    from holidays.constants import DE_FACTO, PUBLIC
    from holidays.countries.sweden import Sweden

    from workdays import calendar as workdays

    pairs = make_pairs()
    add = workdays.add_working_days

    started = time.perf_counter()
    add(FIRST, 1)
    add(LAST, MAX_N)  # the table now covers every start and deadline
    build_seconds = time.perf_counter() - started

    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        deadlines = [add(start, n) for start, n in pairs]
        runs.append(time.perf_counter() - started)
    seconds = min(runs)

    # The naive loop gets the same holidays, looked up in a plain set.
    years = range(FIRST.year, LAST.year + 2)  # deadlines may run into the next year
    days_off = set(Sweden(years=years, categories=(PUBLIC, DE_FACTO), include_sundays=False))

    subset = pairs[:NAIVE_SUBSET]
    started = time.perf_counter()
    naive_subset = naive_deadlines(subset, days_off)
    subset_seconds = time.perf_counter() - started
    if naive_subset != deadlines[:NAIVE_SUBSET]:
        print("MISMATCH: the module and the naive loop disagree", file=sys.stderr)
        return 1

    projected = subset_seconds * PAIRS / NAIVE_SUBSET
    extrapolated = projected > NAIVE_FULL_LIMIT_SECONDS
    if extrapolated:
        naive_seconds, naive_pairs_timed = projected, NAIVE_SUBSET
    else:
        started = time.perf_counter()
        naive_all = naive_deadlines(pairs, days_off)
        naive_seconds, naive_pairs_timed = time.perf_counter() - started, PAIRS
        if naive_all != deadlines:
            print("MISMATCH: the module and the naive loop disagree", file=sys.stderr)
            return 1

    result = {
        "pairs": PAIRS,
        "seconds": figure(round(seconds, 4), AIM_SECONDS, "s"),
        "seconds_runs": [round(run, 4) for run in runs],
        "table_build_seconds": round(build_seconds, 4),
        "naive_seconds": round(naive_seconds, 4),
        "naive_pairs_timed": naive_pairs_timed,
        "naive_extrapolated": extrapolated,
        "ratio": round(naive_seconds / seconds, 1),
        "seed": SEED,
        "dates": [FIRST.isoformat(), LAST.isoformat()],
        "n_range": [0, MAX_N],
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)

    naive_note = (
        f"extrapolated from {NAIVE_SUBSET:,} pairs" if extrapolated else f"all {PAIRS:,} pairs"
    )
    print(
        f"workdays: {PAIRS:,} deadlines in {seconds:.3f} s (best of {RUNS}; aim < {AIM_SECONDS} s; "
        f"table build {build_seconds:.3f} s), naive day-by-day {naive_seconds:.2f} s "
        f"({naive_note}), {naive_seconds / seconds:.1f}x faster -> {RESULTS.relative_to(ROOT)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
