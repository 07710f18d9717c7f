"""Benchmark: the compliance engine at national scale.

21 synthetic counties (structure.synthetic) with about 1,500 bodies and body instances and
25,000 appointments with history, in the database of DATABASE_URL (scripts/bench.sh gives a
fresh PostgreSQL database). Times `evaluate` for every county, reports how the total grows from
one county to 21, and the SQL queries of the compliance page for a small and a large county.
Writes bench/results/compliance.json.
"""

import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from aims import figure, finish

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "compliance.json"
COUNTIES = 21
GENERATIONS = 4
RUNS = 3
AIM_SECONDS = 1.0
ON = datetime.date(2027, 6, 1)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from structure.compliance import evaluate
    from structure.models import Appointment
    from structure.synthetic import create_synthetic_county, populate_history

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counties = []
    for number in range(1, COUNTIES + 1):
        county = create_synthetic_county(number)
        populate_history(county, generations=GENERATIONS, first_year=2015)
        counties.append(county)
    build_seconds = time.perf_counter() - started
    instances = sum(
        len(c.agreements.get().document.instances_of(b))
        for c in counties
        for b in c.agreements.get().document.bodies
    )
    appointments = Appointment.objects.filter(county__in=counties).count()

    per_county = []
    for county in counties:
        runs = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            report = evaluate(county.slug, on=ON)
            runs.append(time.perf_counter() - t0)
        per_county.append(min(runs))
    growth = {str(n): round(sum(per_county[:n]), 4) for n in (1, 5, 10, 15, 21)}
    total = sum(per_county)

    user = get_user_model().objects.create_superuser("bench", password="bench-" * 4)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    queries = {}
    for county in (counties[0], counties[-1]):
        url = f"/{county.slug}/efterlevnad/"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            page = time.perf_counter() - t0
        queries[county.slug] = {
            "status": response.status_code,
            "queries": len(captured),
            "ms": round(page * 1000, 1),
        }

    result = {
        "database": connection.vendor,
        "counties": COUNTIES,
        "bodies_and_instances": instances,
        "appointments": appointments,
        "build_seconds": round(build_seconds, 2),
        "evaluate_all_seconds": figure(round(total, 4), AIM_SECONDS, "s"),
        "evaluate_median_county_ms": round(statistics.median(per_county) * 1000, 1),
        "growth_seconds_by_counties": growth,
        "findings_last_county": len(report.findings),
        "compliance_page": queries,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)
    print(
        f"compliance: {COUNTIES} counties, {instances} bodies and instances, {appointments} "
        f"appointments; evaluate all in {total:.3f} s (aim < {AIM_SECONDS} s); growth "
        f"{growth}; page queries {queries} -> {RESULTS.relative_to(ROOT)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
