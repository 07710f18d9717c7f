"""The health endpoint for monitoring (/halsa/): whether this installation can serve and work.

It answers without a login, so it says only yes or no per part and counts that tell nothing
about anyone: the database answers, every migration is applied, the background worker keeps
its queue short (no task ready to run waiting longer than SAMVERKAN_HEALTH_QUEUE_SECONDS), and
the audit trail's anchor is there and signed under this installation's key. 200 when all hold,
503 otherwise, so that a monitor needs to read only the status.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Migrations are not unapplied under a running process: once all are applied, the graph (read
# from every app's files, the slowest part of the check) is not read again by this process.
_migrations_applied = False


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def migrations() -> dict:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        _migrations_applied = unapplied == 0
        return {"ok": _migrations_applied, "unapplied": unapplied}
    return {"ok": True, "unapplied": 0}


def worker() -> dict:
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waited = 0 if oldest is None else int((timezone.now() - oldest).total_seconds())
    return {
        "ok": waited <= settings.SAMVERKAN_HEALTH_QUEUE_SECONDS,
        "ready_tasks": ready.count(),
        "oldest_ready_seconds": waited,
    }


def audit_anchor() -> dict:
    from audit import anchor

    if anchor.path() is None:
        # Only the tests run without one: production settings refuse to start without it.
        return {"ok": True, "configured": False}
    try:
        found = anchor.read()
    except anchor.AnchorUnreadable:
        return {"ok": False, "configured": True, "readable": False}
    if found is None:
        # A fresh installation has no event yet, and so no anchor; with events, one is missing.
        from audit.models import AuditEvent

        present = not AuditEvent.objects.exists()
        return {"ok": present, "configured": True, "readable": present}
    return {"ok": found.signed, "configured": True, "readable": True, "signed": found.signed}


CHECKS = {
    "database": database,
    "migrations": migrations,
    "worker": worker,
    "audit_anchor": audit_anchor,
}


@never_cache
@require_safe
def health(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except DatabaseError:
            # The reason stays in the server's own view of things: it may name hosts or users.
            results[name] = {"ok": False}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results},
        status=200 if healthy else 503,
    )
