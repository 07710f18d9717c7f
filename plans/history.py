"""A case's history: every change to the case and to the rows that belong to it (consents, plan
versions, network meetings), who made it, from which organisation, and when.

Only changes are listed. Reads and refused attempts stay with the log review, where the auditor
reviews them (HSLF-FS 2016:40), and with the individual's extract, where the family learns who
has read their data (PDL 8 kap 5 §): a read is logged on every look at a case, so listing them
here would bury the few changes a worker and a family follow a case by, and would make every
worker a reviewer of colleagues' reads. Events on the individual (their registration, an
emergency access) are left out too: they concern every case of the individual, some of them
perhaps another organisation's, and the extract shows them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast

from audit.models import Action, AuditEvent

from .models import Case

CHANGES = (Action.CREATE, Action.UPDATE, Action.END, Action.DELETE)


def _case_rows() -> list:
    """The individual level's audited models (those naming whose data a row holds, for the
    trail) whose rows belong to one case: consents, plan versions, meetings. Interventions are
    recorded within their plan version's event."""
    return [
        model
        for model in apps.get_app_config("plans").get_models()
        if hasattr(model, "audit_individual_id")
        and any(field.name == "case" and field.many_to_one for field in model._meta.fields)
    ]


def _of_case(case: Case) -> Q:
    """Events on the case and on its rows. The rows' ids are read first, in one query, so that
    the events are found through the index on (object_type, object_id): a subquery inside the
    OR would have PostgreSQL read the whole trail."""
    parts = [
        model.objects.filter(case=case)
        .order_by()
        .values_list(Value(model._meta.label_lower), Cast("pk", CharField()))
        for model in _case_rows()
    ]
    keys: dict[str, list[str]] = {}
    for object_type, object_id in parts[0].union(*parts[1:], all=True):
        keys.setdefault(object_type, []).append(object_id)
    condition = Q(object_type=Case._meta.label_lower, object_id=str(case.pk))
    for object_type, ids in keys.items():
        condition |= Q(object_type=object_type, object_id__in=ids)
    return condition


def case_history(case: Case) -> QuerySet[AuditEvent]:
    """The case's changes, newest first (ids follow the chain, so the order of writing); to be
    sliced into pages."""
    return (
        AuditEvent.objects.filter(_of_case(case), action__in=CHANGES)
        .select_related("actor")
        .order_by("-id")
    )


@dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    who: str
    organisation: str
    text: str
    reason: str
    emergency: bool


def entries(events) -> list[Entry]:
    """The events as the page shows them, each sentence in the active language (`event.text`:
    an unknown code or parameters that do not fit still give something readable)."""
    return [
        Entry(
            at=event.at,
            who=who(event),
            organisation=event.organisation_name,
            text=event.text,
            reason=event.reason,
            emergency=event.emergency,
        )
        for event in events
    ]


def who(event: AuditEvent) -> str:
    """The person's full name with the user name as recorded; the recorded name alone when the
    account has none or is gone, "–" for an event without a person."""
    full_name = event.actor.get_full_name() if event.actor else ""
    if full_name and full_name != event.actor_name:
        return f"{full_name} ({event.actor_name})" if event.actor_name else full_name
    return full_name or event.actor_name or "–"
