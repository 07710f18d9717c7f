"""Every open deadline of an organisation's cases, most urgent first: overdue, then by date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .access import visible_cases
from .deadlines import Due, case_deadlines
from .models import Case
from .rules import individual_rules


@dataclass(frozen=True)
class OpenDeadline:
    case: Case
    due: Due
    working_days_left: int | None

    @property
    def overdue_by(self) -> int:
        """Working days past the deadline; 0 when it has not passed."""
        left = self.working_days_left
        return -left if left is not None and left < 0 else 0


def open_deadlines(user, today: datetime.date | None = None) -> list[OpenDeadline]:
    today = today or timezone.localdate()
    cases = (
        visible_cases(user, today)
        .exclude(state=Case.State.CLOSED)
        .select_related("individual__county")
    )
    rules_by_county = {}
    found = []
    for case in cases:
        county = case.individual.county
        if county.pk not in rules_by_county:
            rules_by_county[county.pk] = individual_rules(county)[0]
        for due in case_deadlines(case, rules_by_county[county.pk]):
            if due.done_on is None:
                found.append(OpenDeadline(case, due, due.working_days_left(today)))
    # As soon as possible (acute) first, then overdue and nearest.
    return sorted(found, key=lambda d: (d.due.on is not None, d.due.on or today, d.case.pk))
