"""Benchmark: `samverkan backup` and `samverkan restore` of the 200,000-case set.

Builds, in the database of DATABASE_URL (scripts/bench.sh gives a fresh PostgreSQL database),
Norrbotten's 200,000 cases with their rows and the audit trail of 5,000,000 events, as
bench_cases.py does. Then times the backup (pg_dump through the encryption) into a file, and the
restore of that file, as an operator runs it (`samverkan restore`, a process of its own), into an
empty database made for it and dropped after, including the `audit verify` the restore ends
with; and retention's dry run over the set. The issue sets no aim for these: the figures are
reported, and the run fails only when the restored database is not the one backed up or its
chain does not verify. Writes bench/results/backup.json.

SAMVERKAN_BENCH_SCALE (default 1) scales the cases and audit rows down for a quick trial run;
SAMVERKAN_BENCH_AUDIT_ROWS sets the audit trail's rows alone (its 5,000,000 take most of the
build), for a run on a busy machine; the result says which were built.
"""

import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_cases
from aims import finish, holds
from base import analyze, build_set, start_django
from bench_cases import (
    CASES,
    SCALE,
    build_audit,
    build_pending_deadlines,
    build_visibility,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "backup.json"
BACKUP_KEY = "the bench's own backup passphrase, never a real one"
COUNTED = ("plans_case", "plans_individual", "audit_auditevent", "plans_casevisibility")


def counts(cursor) -> dict[str, int]:
    found = {}
    for table in COUNTED:
        cursor.execute(f"SELECT count(*) FROM {table}")
        found[table] = cursor.fetchone()[0]
    return found


def with_audit(cursor, built) -> dict:
    """The deadlines waiting, who sees each case, and the audit trail: what a backup carries
    beside the cases."""
    return {
        "pending_deadlines": build_pending_deadlines(cursor, built.county),
        "visibility_rows": build_visibility(cursor),
        "audit_events": build_audit(
            cursor, built.organisations, built.users, built.rng, built.today, built.progress
        ),
    }


def main() -> int:
    start_django(SAMVERKAN_BACKUP_KEY=BACKUP_KEY)
    import psycopg
    from django.conf import settings
    from django.db import connection

    from samverkan import retention
    from samverkan.backup import backup

    if os.environ.get("SAMVERKAN_BENCH_AUDIT_ROWS"):
        bench_cases.AUDIT_ROWS = int(os.environ["SAMVERKAN_BENCH_AUDIT_ROWS"])
    built = build_set(with_audit)
    analyze()
    today, sizes, progress = built.today, built.sizes, built.progress
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]
        before = counts(cursor)
    progress(f"built: {sizes}; {database_bytes / 2**20:.0f} MiB")
    # Retention's daily look over the county, as its dry run lists it: reported, no aim.
    started = time.perf_counter()
    listed = retention.run(today, dry_run=True)
    retention_seconds = time.perf_counter() - started
    progress(f"retention dry run {retention_seconds:.1f} s")

    database = settings.DATABASES["default"]
    restored = f"{database['NAME']}_restored"
    server = {
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
    }
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "samverkan.backup"
        started = time.perf_counter()
        backup(path)
        backup_seconds = time.perf_counter() - started
        backup_bytes = path.stat().st_size
        progress(f"backup {backup_seconds:.1f} s, {backup_bytes / 2**20:.0f} MiB")

        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
            admin.execute(f'CREATE DATABASE "{restored}"')
        try:
            url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{restored}"
            started = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "samverkan.cli", "restore", str(path)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url, "SAMVERKAN_LANGUAGE": "en"},
                check=False,
            )
            restore_seconds = time.perf_counter() - started
            progress(f"restore and verify {restore_seconds:.1f} s: {run.stdout.strip()}")
            if run.returncode != 0:
                print(run.stderr, file=sys.stderr)
            with psycopg.connect(dbname=restored, **server) as reader:
                after = counts(reader.cursor())
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')

    result = {
        "database": connection.vendor,
        "sizes": sizes,
        "database_mib": round(database_bytes / 2**20),
        "backup": {
            "seconds": round(backup_seconds, 1),
            "file_mib": round(backup_bytes / 2**20),
            "database_mib_per_second": round(database_bytes / 2**20 / backup_seconds, 1),
        },
        # The restore as the operator runs it: the file authenticated whole, then pg_restore,
        # then `audit verify` over the restored chain.
        "restore": {
            "seconds_with_verify": round(restore_seconds, 1),
            "restored": holds(run.returncode == 0, "the restore succeeds and the chain verifies"),
            "same_rows": holds(after == before, "the restored database has every row"),
        },
        "retention_dry_run": {
            "seconds": round(retention_seconds, 1),
            "cases_expired": sum(county.cases for county in listed.counties),
            "cases_kept": sum(len(county.kept) for county in listed.counties),
        },
        "counts": before,
        "measured_on": datetime.date.today().isoformat(),
        "scale": SCALE,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    status = finish(result, RESULTS)
    print(
        f"backup: {CASES} cases, {sizes['audit_events']} audit events; backup "
        f"{backup_seconds:.1f} s ({backup_bytes / 2**20:.0f} MiB), restore with verify "
        f"{restore_seconds:.1f} s -> {RESULTS.relative_to(ROOT)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
