"""Benchmark: a person's inbox and the daily reminder run, with the 200,000-case set.

Builds, in the database of DATABASE_URL (scripts/bench.sh gives a fresh PostgreSQL database),
Norrbotten's cases and who sees them as bench_cases.py does (without its audit trail), with
PEOPLE_PER_ORGANISATION users of each organisation, each with a work address. Then measures, as
a logged-in user past the second factor, the inbox page (/inkorg/) of a worker of the
organisation with a hundredth of the cases and of one with a handful: median and p95 server time
and the number of queries, which must not grow with the organisation. Last, times the daily
reminder run (inbox.tasks.send_reminders) over every person, on a working day, mail queued
through the outbox. Writes bench/results/inbox.json.

SAMVERKAN_BENCH_SCALE (default 1) scales the cases down for a quick trial run.
"""

import datetime
import os
import platform
import sys
import time
from pathlib import Path

from aims import figure, finish, holds
from base import analyze, build_set, start_django
from bench_cases import (
    CASES,
    LARGE_ORGANISATION,
    SCALE,
    SMALL_ORGANISATION,
    build_pending_deadlines,
    build_visibility,
    measure,
    verified_client,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "inbox.json"
PEOPLE_PER_ORGANISATION = 5  # the bench user of bench_cases and four colleagues
AIM_INBOX_MS = 50  # bench_cases.measure holds each page to the same 50 ms
AIM_REMINDERS_SECONDS = 60


def add_colleagues(organisations) -> int:
    """Colleagues of each organisation's bench user, and an address for everyone."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from accounts.models import Membership

    User = get_user_model()
    unusable = make_password(None)
    User.objects.bulk_create(
        User(username=f"bench-{o.key}-{n}", password=unusable)
        for o in organisations
        for n in range(2, PEOPLE_PER_ORGANISATION + 1)
    )
    colleagues = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    Membership.objects.bulk_create(
        Membership(user=colleagues[f"bench-{o.key}-{n}"], organisation=o, role="professional")
        for o in organisations
        for n in range(2, PEOPLE_PER_ORGANISATION + 1)
    )
    people = User.objects.filter(username__startswith="bench-")
    for user in people:
        user.email = f"{user.username}@bench.example.se"
    User.objects.bulk_update(people, ["email"], batch_size=1000)
    return people.count()


def next_working_day(day: datetime.date) -> datetime.date:
    from workdays.calendar import is_working_day

    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def with_colleagues(cursor, built) -> dict:
    """The deadlines waiting, who sees each case, and colleagues in every organisation: what
    the inbox and the pages read."""
    return {
        "pending_deadlines": build_pending_deadlines(cursor, built.county),
        "visibility_rows": build_visibility(cursor),
        "people": add_colleagues(built.organisations),
    }


def main() -> int:
    start_django()
    from django.conf import settings
    from django.db import connection, transaction

    from inbox.queries import inbox_for
    from inbox.tasks import send_reminders
    from outbox.models import Mail

    # Reminders are queued, not sent: the run is timed, not a mail server.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    built = build_set(with_colleagues)
    analyze()
    organisations, users, today, sizes, progress = (
        built.organisations,
        built.users,
        built.today,
        built.sizes,
        built.progress,
    )
    progress(f"built: {sizes}")

    by_key = {o.key: o for o in organisations}
    pages = {}
    for key in (LARGE_ORGANISATION, SMALL_ORGANISATION):
        user = users[by_key[key].pk]
        found = inbox_for(user, today)
        pages[key] = {
            "items": found.count,
            "overdue": len(found.overdue),
            "inbox": measure(verified_client(user), "/inkorg/"),
        }
        progress(
            f"{key}: {found.count} items, inbox {pages[key]['inbox']['median_ms']['value']} ms, "
            f"{pages[key]['inbox']['queries']} queries"
        )
    queries_constant = (
        pages[LARGE_ORGANISATION]["inbox"]["queries"]
        == pages[SMALL_ORGANISATION]["inbox"]["queries"]
    )

    day = next_working_day(today)
    started = time.perf_counter()
    with transaction.atomic():
        queued = send_reminders(day)
    run_seconds = time.perf_counter() - started
    progress(f"reminders for {day}: {queued} queued in {run_seconds:.1f} s")
    result = {
        "database": connection.vendor,
        "sizes": {"organisations": len(organisations), **sizes},
        "pages": pages,
        "queries_constant": holds(
            queries_constant, "the same number of queries for the largest and a small organisation"
        ),
        "reminders": {
            "day": day.isoformat(),
            "people": sizes["people"],
            "queued": queued,
            "recorded_in_outbox": Mail.objects.filter(kind="inbox.reminder").count(),
            "seconds": figure(round(run_seconds, 1), AIM_REMINDERS_SECONDS, "s"),
        },
        "scale": SCALE,
        "cases": CASES,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)
    print(
        f"inbox: {CASES} cases; inbox {pages[LARGE_ORGANISATION]['inbox']['median_ms']['value']} ms"
        f" (aim < {AIM_INBOX_MS} ms), queries constant: {queries_constant}; reminders "
        f"{run_seconds:.1f} s (aim < {AIM_REMINDERS_SECONDS} s) -> {RESULTS.relative_to(ROOT)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
