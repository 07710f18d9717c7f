"""The start the benches on the 200,000-case set share: Django on DATABASE_URL's database
(PostgreSQL, as scripts/bench.sh gives one fresh), migrated, Norrbotten's agreement loaded, and
its cases built as bench_cases.py builds them, with whatever rows a bench adds in the same
transaction; then the statistics read anew."""

import datetime
import os
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_cases import (
    Progress,
    build_cases,
    build_individuals,
    build_organisations,
    build_users,
)

ROOT = Path(__file__).resolve().parent.parent


def start_django(**environ: str) -> None:
    """Django set up from the project's settings, after the environment given."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()


@dataclass
class Built:
    county: object
    today: datetime.date
    rng: random.Random
    organisations: list
    users: dict
    sizes: dict
    progress: Progress


def build_set(more: Callable | None = None) -> Built:
    """The migrated database with Norrbotten's cases; `more(cursor, built)`, within the same
    transaction, builds the bench's own rows beside them and returns their sizes."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from agreements.models import County
    from agreements.services import load_county

    assert connection.vendor == "postgresql", "the bench copies rows in bulk: PostgreSQL only"
    progress = Progress()
    call_command("migrate", verbosity=0)
    load_county("norrbotten")
    county = County.objects.get(slug="norrbotten")
    today = timezone.localdate()
    # One seed for every bench, so that each builds the same set.
    rng = random.Random(2027)
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own, for COPY
        organisations = build_organisations(county)
        users = build_users(organisations)
        build_individuals(cursor, county, rng, today)
        sizes = build_cases(cursor, organisations, users, rng, today)
        built = Built(county, today, rng, organisations, users, sizes, progress)
        if more is not None:
            sizes.update(more(cursor, built))
    return built


def analyze() -> None:
    """The planner's statistics read anew, once every row the bench times is built."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
