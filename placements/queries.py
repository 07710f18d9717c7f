"""What waits for a person in the placements, for the inbox: read from the due days stored on
the rows (placements.rules applied them once), by indexed look-ups, two queries in all."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from plans.access import organisation_of, seen_case_ids
from plans.models import Case

from .models import HealthExamination, Placement


@dataclass(frozen=True)
class Waiting:
    """One thing waiting: `kind` "cost_allocation" or "health_examination", the case it
    belongs to, the day it is due by and the page where it is done. No personal data."""

    kind: str
    case_id: int
    due_on: datetime.date
    url: str


def waiting_for(user, today: datetime.date) -> list[Waiting]:
    """What waits for the user's organisation, nearest due first:
    - the cost allocation of each placement not yet allocated, in the cases the organisation
      opened or takes part in under a consent in force (not under an emergency access), due by
      `Placement.cost_allocation_due_on` (index `placement_cost_waiting`);
    - each health examination asked of the organisation and not yet recorded, due by
      `HealthExamination.due_on` (index `examination_waiting`).
    Closed cases wait for nothing. Two queries, however many cases there are."""
    organisation = organisation_of(user)
    if organisation is None:
        return []
    waiting = Placement.objects.filter(
        cost_allocation_agreed_on__isnull=True, case_id__in=seen_case_ids(organisation, today)
    ).exclude(case__state=Case.State.CLOSED)
    rows = [
        Waiting(
            "cost_allocation",
            case_id,
            due_on,
            reverse("placements:cost_allocation", args=[pk]),
        )
        for pk, case_id, due_on in waiting.values_list("pk", "case_id", "cost_allocation_due_on")
    ]
    examinations = (
        HealthExamination.objects.filter(organisation=organisation, examined_on__isnull=True)
        .exclude(placement__case__state=Case.State.CLOSED)
        .values_list("placement_id", "placement__case_id", "due_on")
    )
    rows += [
        Waiting(
            "health_examination",
            case_id,
            due_on,
            reverse("placements:record_examination", args=[placement_id]),
        )
        for placement_id, case_id, due_on in examinations
    ]
    return sorted(rows, key=lambda row: (row.due_on, row.case_id))
