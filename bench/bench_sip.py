"""Benchmark: the SIP's two exports at county scale.

Builds, in the database of DATABASE_URL (scripts/bench.sh gives a fresh PostgreSQL database), the
200,000-case set of bench_cases.py (Norrbotten's organisations, the cases with their individuals,
consents, participants, meetings, plans, interventions and pending deadlines), without its audit
trail: an export reads no audit rows and appends one event, which costs the same on a short chain
as on a long one. Then, as a logged-in user past the second factor, downloads an established plan
as a PDF and reads it as a FHIR bundle, for a case of the organisation with a hundredth of the
cases and one of an organisation with a handful: median and p95 server time, and the queries, which
must not grow with the organisation. The bundle is validated by `fhir.resources` (R4B) when it is
installed. Writes bench/results/sip.json.

SAMVERKAN_BENCH_SCALE (default 1) scales the cases down for a quick trial run.
"""

import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import bench_cases
from aims import figure, finish, holds, page_queries
from base import analyze, build_set, start_django

RESULTS = Path(__file__).resolve().parent / "results" / "sip.json"
PDF_RUNS = 10
FHIR_RUNS = 30
AIM_PDF_SECONDS = 1.0
AIM_FHIR_MS = 100.0


def timed(client, url: str, runs: int) -> tuple[list[float], object, int]:
    """Server times of `runs` requests after a warm-up, the last answer, and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return times, response, page_queries(captured)


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[18]


def pdf_pages(content: bytes) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(io.BytesIO(content)).pages)


def bundle_valid(body: dict) -> bool | None:
    try:
        from fhir.resources.R4B.bundle import Bundle
    except ImportError:
        return None
    Bundle.model_validate(body)
    return True


def measure(client, case: int) -> dict:
    times, response, queries = timed(client, f"/arenden/{case}/plan/1/pdf/", PDF_RUNS)
    pdf = {
        "url": f"/arenden/{case}/plan/1/pdf/",
        "runs": PDF_RUNS,
        "median_s": figure(round(statistics.median(times), 3), AIM_PDF_SECONDS, "s"),
        "p95_s": round(p95(times), 3),
        "queries": queries,
        "bytes": len(response.content),
        "pages": pdf_pages(response.content),
    }
    times, response, queries = timed(client, f"/api/cases/{case}/plan/fhir", FHIR_RUNS)
    body = response.json()
    fhir = {
        "url": f"/api/cases/{case}/plan/fhir",
        "runs": FHIR_RUNS,
        "median_ms": figure(bench_cases.ms(statistics.median(times)), AIM_FHIR_MS, "ms"),
        "p95_ms": bench_cases.ms(p95(times)),
        "queries": queries,
        "entries": len(body["entry"]),
        "validated_by_fhir_resources": bundle_valid(body),
    }
    return {"case": case, "pdf": pdf, "fhir": fhir}


def main() -> int:
    start_django()
    from django.db import connection

    from plans.models import Case

    built = build_set(
        lambda cursor, built: {
            "pending_deadlines": bench_cases.build_pending_deadlines(cursor, built.county)
        }
    )
    analyze()
    organisations, users, sizes, progress = (
        built.organisations,
        built.users,
        built.sizes,
        built.progress,
    )
    progress(f"{bench_cases.CASES} cases built and analysed; measuring the exports")

    by_key = {o.key: o for o in organisations}
    established = (
        Case.objects.filter(plans__number=1, plans__established_on__isnull=False)
        .exclude(state=Case.State.CLOSED)
        .order_by("-pk")
        .values_list("pk", flat=True)
    )
    rows = {}
    for key in (bench_cases.LARGE_ORGANISATION, bench_cases.SMALL_ORGANISATION):
        organisation = by_key[key]
        case = established.filter(opening_organisation=organisation).first()
        client = bench_cases.verified_client(users[organisation.pk])
        row = {
            "cases_opened": Case.objects.filter(opening_organisation=organisation).count(),
            **measure(client, case),
        }
        rows[key] = row
        print(
            f"{key}: case {case}; PDF {row['pdf']['median_s']['value']} s "
            f"(p95 {row['pdf']['p95_s']}), {row['pdf']['queries']} queries; FHIR "
            f"{row['fhir']['median_ms']['value']} ms (p95 {row['fhir']['p95_ms']}), "
            f"{row['fhir']['queries']} queries, {row['fhir']['entries']} entries",
            flush=True,
        )
    large, small = rows[bench_cases.LARGE_ORGANISATION], rows[bench_cases.SMALL_ORGANISATION]
    result = {
        "database": connection.vendor,
        "sizes": {"organisations": len(organisations), **sizes},
        "exports": rows,
        "queries_constant": holds(
            all(large[kind]["queries"] == small[kind]["queries"] for kind in ("pdf", "fhir")),
            "the same number of queries for the largest and a small organisation",
        ),
        "bundle_valid": holds(
            large["fhir"]["validated_by_fhir_resources"] is not False,
            "the bundle is valid FHIR R4B (fhir.resources)",
        ),
        "scale": bench_cases.SCALE,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    return finish(result, RESULTS)


if __name__ == "__main__":
    sys.exit(main())
