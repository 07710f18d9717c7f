"""Retention (gallring): removing, once a day, what has outlived the period the law or the county
sets for it (`agreements.retention`), and saying what was kept and why.

Cases are removed an individual at a time: an individual whose cases are all closed, the last
closed before the county's cut-off, with nothing recorded about them in the audit trail since,
is removed with every case and every row recorded under those cases, in every app (found through
the foreign keys that point at a case or an individual, so that an app's new table is not left
behind). An app that needs a case kept longer says so in its own `retention.py` with
`case_holds(case_ids) -> {case_id: reason}` (an open dispute, an open deviation); such an
individual is kept, and the reason listed. The audit trail's oldest events are removed behind a
signed checkpoint (`audit.services.remove_before`), so that the chain still verifies.

Each removal is one transaction that records one audit event with codes and counts only.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.db import models, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from agreements.models import County
from agreements.retention import RecordKind, cutoff
from audit import services as audit
from audit.models import Action, AuditEvent
from audit.services import Target
from plans.models import Case, Individual

from .events import RETENTION_CASES_REMOVED
from .models import LastEntry

# Why an expired individual is kept: reasons of this module; the apps' own in their modules.
OPEN_CASE = "open_case"
LATER_ENTRY = "later_entry"
BATCH = 5_000


@dataclass
class CountyRetention:
    county: str
    cutoff: datetime.date
    individuals: list[int] = field(default_factory=list)
    cases: int = 0
    # Case → why it is kept although its individual's period has passed.
    kept: dict[int, str] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)


@dataclass
class Retention:
    day: datetime.date
    dry_run: bool
    counties: list[CountyRetention] = field(default_factory=list)
    audit_cutoff: datetime.date | None = None
    audit_events: int = 0


def case_holds() -> list:
    """Every installed app's `retention.case_holds`, imported on the first call."""
    found = []
    for config in apps.get_app_configs():
        if config.name == __name__.rpartition(".")[0]:
            continue
        if module_has_submodule(config.module, "retention"):
            module = import_module(f"{config.name}.retention")
            if hasattr(module, "case_holds"):
                found.append(module.case_holds)
    return found


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def expired_in(county: County, day: datetime.date) -> CountyRetention:
    """What the county's period lets go on the day, and what is kept although expired."""
    limit = cutoff(RecordKind.CASE, day, county.slug)
    outcome = CountyRetention(county.slug, limit)
    per_individual = (
        Case.objects.filter(individual__county=county)
        .values("individual_id")
        .annotate(
            last_closed=Max("closed_on"),
            still_open=Count("id", filter=~Q(state=Case.State.CLOSED)),
        )
        .filter(last_closed__lt=limit)
    )
    candidates = set()
    held_open = set()
    for row in per_individual:
        (held_open if row["still_open"] else candidates).add(row["individual_id"])
    later = _with_later_entries(candidates, _start_of(limit))
    cases_of = defaultdict(list)
    concerned = sorted(candidates | held_open)
    for start in range(0, len(concerned), BATCH):
        for case_id, individual_id in Case.objects.filter(
            individual_id__in=concerned[start : start + BATCH]
        ).values_list("id", "individual_id"):
            cases_of[individual_id].append(case_id)
    for individual_id in held_open:
        for case_id in cases_of[individual_id]:
            outcome.kept[case_id] = OPEN_CASE
    for individual_id in later:
        for case_id in cases_of[individual_id]:
            outcome.kept[case_id] = LATER_ENTRY
    remaining = candidates - later
    case_ids = {case_id for individual in remaining for case_id in cases_of[individual]}
    held = {}
    ordered = sorted(case_ids)
    for holds in case_holds():
        for start in range(0, len(ordered), BATCH):
            held.update(holds(ordered[start : start + BATCH]))
    held_individuals = {
        individual for individual in remaining if any(c in held for c in cases_of[individual])
    }
    for individual_id in held_individuals:
        for case_id in cases_of[individual_id]:
            outcome.kept[case_id] = held.get(case_id, OPEN_CASE)
    outcome.individuals = sorted(remaining - held_individuals)
    outcome.cases = sum(len(cases_of[individual]) for individual in outcome.individuals)
    return outcome


def _with_later_entries(individuals: set[int], since: datetime.datetime) -> set[int]:
    """Those of the individuals about whom something was recorded (not only read) since: in the
    audit trail, or in what was kept of the part retention removed."""
    later = set()
    ordered = sorted(individuals)
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start : start + BATCH]
        later.update(
            AuditEvent.objects.filter(individual_id__in=batch, at__gte=since)
            .exclude(action=Action.READ)
            .values_list("individual_id", flat=True)
            .distinct()
        )
        later.update(
            LastEntry.objects.filter(individual_id__in=batch, at__gte=since).values_list(
                "individual_id", flat=True
            )
        )
    return later


def keep_last_entries(before: datetime.datetime) -> int:
    """Before the audit events recorded before the moment are removed: the last entry about each
    individual among them, for the individuals still there."""
    latest = (
        AuditEvent.objects.filter(at__lt=before, individual_id__isnull=False)
        .exclude(action=Action.READ)
        .values("individual_id")
        .annotate(last=Max("at"))
    )
    existing = set(Individual.objects.values_list("id", flat=True))
    kept = dict(LastEntry.objects.values_list("individual_id", "at"))
    rows = [
        LastEntry(individual_id=row["individual_id"], at=row["last"])
        for row in latest
        if row["individual_id"] in existing
        and (row["individual_id"] not in kept or kept[row["individual_id"]] < row["last"])
    ]
    LastEntry.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["individual"], update_fields=["at"]
    )
    return len(rows)


def _purge(queryset: models.QuerySet, counts: Counter, path: tuple = ()) -> None:
    """Delete the rows and, first, every row that points at them and would stop or follow their
    deletion, in whatever app it lives."""
    model = queryset.model
    for relation in model._meta.related_objects:
        if relation.many_to_many or relation.on_delete not in (
            models.CASCADE,
            models.PROTECT,
            models.RESTRICT,
        ):
            continue
        related = relation.related_model
        if related in path or related is model:
            continue
        _purge(
            related._base_manager.filter(**{f"{relation.field.name}__in": queryset.values("pk")}),
            counts,
            (*path, model),
        )
    _, per_model = queryset.delete()
    counts.update(per_model)


@transaction.atomic
def do_remove_expired_cases(county: County, day: datetime.date) -> CountyRetention:
    """Remove the county's expired individuals and everything recorded under their cases; one
    audit event with the counts."""
    outcome = expired_in(county, day)
    if not outcome.individuals:
        return outcome
    counts = Counter()
    for start in range(0, len(outcome.individuals), BATCH):
        ids = outcome.individuals[start : start + BATCH]
        _purge(Case.objects.filter(individual_id__in=ids), counts)
        _purge(Individual.objects.filter(id__in=ids), counts)
    outcome.removed = dict(sorted(counts.items()))
    audit.record(
        None,
        RETENTION_CASES_REMOVED,
        Target("agreements.county", county.slug),
        {
            "individuals": len(outcome.individuals),
            "cases": outcome.cases,
            "before": outcome.cutoff.isoformat(),
            "kept": len(outcome.kept),
            "rows": outcome.removed,
        },
    )
    return outcome


def run(day: datetime.date, *, dry_run: bool = False) -> Retention:
    """The day's retention over every county and the audit trail; with `dry_run`, what would go
    and what is kept, nothing changed."""
    outcome = Retention(day, dry_run)
    for county in County.objects.order_by("slug"):
        outcome.counties.append(
            expired_in(county, day) if dry_run else do_remove_expired_cases(county, day)
        )
    outcome.audit_cutoff = cutoff(RecordKind.AUDIT_EVENT, day)
    moment = _start_of(outcome.audit_cutoff)
    if dry_run:
        outcome.audit_events = audit.remove_before(moment, dry_run=True)
        return outcome
    with transaction.atomic():
        keep_last_entries(moment)
        outcome.audit_events = audit.remove_before(moment)
    return outcome
