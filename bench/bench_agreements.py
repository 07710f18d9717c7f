"""Benchmark: validate every shipped agreement file, load every county, and serve the pages.

Run through `make bench` (scripts/bench.sh gives it a PostgreSQL database in DATABASE_URL).
Per file: milliseconds to validate (best of several runs, cold: the registry cache is bypassed).
Per county: milliseconds to load into an empty database and to load again (nothing changes).
Per structure page and API endpoint: SQL queries and the median server time over repeated
requests through Django's test client. Writes bench/results/agreements.json.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

from aims import figure, finish

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "agreements.json"
VALIDATE_RUNS = 5
PAGE_RUNS = 20
AIM_VALIDATE_MS = 50
AIM_LOAD_MS = 500


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def bench_validate() -> list[dict]:
    from agreements.registry import agreement_files
    from agreements.validation import validate_file

    rows = []
    for path in agreement_files():
        runs = []
        for _ in range(VALIDATE_RUNS):
            started = time.perf_counter()
            result = validate_file(path)
            runs.append(time.perf_counter() - started)
        rows.append(
            {
                "file": str(path.relative_to(ROOT)),
                "valid": result.valid,
                "validate_ms": figure(ms(min(runs)), AIM_VALIDATE_MS, "ms"),
            }
        )
    return rows


def bench_load() -> list[dict]:
    from agreements.registry import Catalogue
    from agreements.services import load_county

    catalogue = Catalogue()
    rows = []
    for county in catalogue.counties():
        started = time.perf_counter()
        load_county(county, catalogue)
        first = time.perf_counter() - started
        started = time.perf_counter()
        report = load_county(county, catalogue)
        again = time.perf_counter() - started
        rows.append(
            {
                "county": county,
                "documents": len(catalogue.for_county(county)),
                "load_ms": figure(ms(first), AIM_LOAD_MS, "ms"),
                "reload_unchanged_ms": ms(again),
                "reload_all_unchanged": not report.created and not report.updated,
            }
        )
    return rows


def page_urls(county: str) -> list[str]:
    from django.urls import reverse

    from agreements.models import Agreement

    agreement = Agreement.objects.structure_in_force(county__slug=county)
    body = agreement.bodies.order_by("id").first()
    urls = [
        reverse("structure:home"),
        reverse("structure:county", args=[county]),
        reverse("structure:body", args=[county, body.key]),
        reverse("structure:areas", args=[county]),
        reverse("structure:diagram", args=[county]),
        reverse("structure:diagram_svg", args=[county]),
        reverse("structure:documents", args=[county]),
        f"/api/counties/{county}/agreement",
        f"/api/counties/{county}/bodies",
        f"/api/counties/{county}/areas",
    ]
    versions = list(
        Agreement.objects.filter(county__slug=county, document_id=agreement.document_id)
        .order_by("version")
        .values_list("version", flat=True)
    )
    urls.append(reverse("structure:document", args=[county, agreement.document_id, versions[-1]]))
    if len(versions) > 1:
        compare = reverse("structure:compare", args=[county, agreement.document_id])
        urls.append(f"{compare}?from={versions[0]}&to={versions[-1]}")
    return urls


def bench_pages() -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agreements.registry import Catalogue

    client = Client(HTTP_HOST="localhost")
    rows = []
    seen = set()
    for county in Catalogue().counties():
        for url in page_urls(county):
            if url in seen:
                continue
            seen.add(url)
            client.get(url)  # warm caches (templates, diagram) as a running server has them
            times = []
            for _ in range(PAGE_RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
            rows.append(
                {
                    "county": county,
                    "url": url,
                    "status": response.status_code,
                    "queries": len(queries),
                    "median_ms": ms(statistics.median(times)),
                }
            )
    return rows


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    result = {
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "validate": bench_validate(),
        "load": bench_load(),
        "pages": bench_pages(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)
    for row in result["validate"]:
        print(f"validate {row['file']}: {row['validate_ms']['value']} ms (aim < {AIM_VALIDATE_MS})")
    for row in result["load"]:
        print(
            f"load {row['county']} ({row['documents']} documents) into {result['database']}: "
            f"{row['load_ms']['value']} ms, again {row['reload_unchanged_ms']} ms "
            f"(aim < {AIM_LOAD_MS})"
        )
    for row in result["pages"]:
        print(
            f"page {row['url']}: {row['status']}, {row['queries']} queries, {row['median_ms']} ms"
        )
    print(f"-> {RESULTS.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
