"""A worker's start page, "Mina ärenden": every open case their organisation opened or takes
part in, with the next step, who has it and when it is due, overdue first.

One query for a page of cases, then one each for their organisations, pending deadlines and
plans, however many cases there are.
The list shows no names: a name is read on the case page, where the read is logged."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.db.models import F, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workdays.calendar import working_days_left

from .access import organisation_of, own_open_cases_seen
from .deadlines import STEP_LABELS, TimeLeft
from .listed import case_title, opened_line
from .models import Case, PendingDeadline, Plan
from .steps import next_step

State = Case.State

# Who takes the next step: the opening organisation until a plan is established, then the
# coordinator's organisation ("kalla till nya nätverksmöten", 004 "Samordnare"); the decision
# to call is the opening organisation's unit manager's, or the one they appoint (004
# "Samordnad planering – nätverksmöte").
OPENING, MANAGER, COORDINATOR = "opening", "manager", "coordinator"
HOLDER_ROLES = {
    OPENING: _("the organisation that opened the case"),
    MANAGER: _("the unit manager, or the one they appoint"),
    COORDINATOR: _("the plan's coordinator"),
}

# Whose the next step is, by the state the case is in (the step itself is named by
# plans.steps.next_step, as on the case page).
HOLDERS = {
    State.CONSENTED: MANAGER,
    State.PLANNED: COORDINATOR,
    State.FOLLOW_UP_CALLED: COORDINATOR,
    State.FOLLOWED_UP: COORDINATOR,
    State.REVISING: COORDINATOR,
}

# The user's organisation's part in the case.
ROLES = {
    "opened_by_you": _("You opened it"),
    "opened": _("Your organisation opened it"),
    "coordinator": _("Your organisation coordinates the plan"),
    "taking_part": _("Your organisation takes part"),
}


@dataclass(frozen=True)
class PendingDue(TimeLeft):
    label: str
    on: datetime.date | None  # None: as soon as possible
    working_days_left: int | None  # negative: overdue


@dataclass(frozen=True)
class MyCase:
    case: Case
    role: str
    next_step: str
    holder: str  # the organisation's name
    holder_role: str
    holder_is_mine: bool
    deadlines: list[PendingDue]

    @property
    def overdue_by(self) -> int:
        """Working days the most overdue deadline has passed; 0 when none has."""
        return max((due.overdue_by for due in self.deadlines), default=0)

    @property
    def title(self) -> str:
        return case_title(self.case.pk)

    @property
    def opened(self) -> str:
        return opened_line(self.case.opened_at, self.case.opening_organisation.name)


def my_open_cases(user, today: datetime.date | None = None) -> QuerySet:
    """The open cases the user's organisation opened or takes part in and that the user may
    see today, overdue first, then as soon as possible, then the nearest deadline, then those
    without a deadline running, as tuples that begin with the case's id; to be sliced and
    passed to `rows_of`.

    Read from the organisation's visibility rows, which carry the deadlines in brief that each
    case keeps (plans.deadlines.in_brief): one index range, where no case's deadlines, plans
    or consents are read to choose or order the list."""
    today = today or timezone.localdate()
    branches = own_open_cases_seen(user, today)
    if branches is None:
        return Case.objects.none().values_list("pk", flat=True)
    order_keys = {
        "urgency": models.Case(
            When(next_due_on__lt=today, then=Value(0)),
            When(due_as_soon_as_possible=True, then=Value(1)),
            When(next_due_on__isnull=False, then=Value(2)),
            default=Value(3),
            output_field=models.IntegerField(),
        ),
        # The same order of undated cases on both databases (their NULLs sort apart).
        "due_order": Coalesce("next_due_on", Value(datetime.date.max)),
    }
    seen, emergency = branches
    # Only the ids and what orders them.
    return (
        seen.order_by()
        .annotate(**order_keys)
        .values_list("case_id", "urgency", "due_order", "opened_at")
        .union(
            emergency.order_by()
            .annotate(**order_keys)
            .values_list("pk", "urgency", "due_order", "opened_at")
        )
        .order_by("urgency", "due_order", "opened_at", "case_id")
    )


def _plans_in_brief(plans: list[tuple]) -> tuple[int | None, tuple[int, str] | None]:
    """The number of the draft being written, and the coordinator (id, name) of the plan in
    force, from the case's plans as (number, established on, coordinator's id and name)."""
    plans = sorted(plans, reverse=True)
    draft = next((number for number, established_on, *_ in plans if established_on is None), None)
    in_force = next((plan for plan in plans if plan[1] is not None), None)
    coordinator = in_force[2:] if in_force is not None and in_force[2] is not None else None
    return draft, coordinator


def _next_step(case: Case, draft_number: int | None) -> tuple[str, str]:
    """The next step as the case page names it, without its full stop, and whose it is."""
    draft = Plan(number=draft_number) if draft_number is not None else None
    step = next_step(case, draft)
    title = step.title.rstrip(".") if step is not None else case.get_state_display()
    return title, HOLDERS.get(case.state, OPENING)


def _due(step: str, due_on: datetime.date | None, today: datetime.date) -> PendingDue:
    left = None if due_on is None else working_days_left(today, due_on)
    return PendingDue(STEP_LABELS.get(step, step), due_on, left)


def rows_of(user, page, today: datetime.date | None = None) -> list[MyCase]:
    """The start page's rows for a slice of `my_open_cases`, in its order. The deadlines and
    plans are read as plain values, grouped here: a page reads them for fifty cases."""
    today = today or timezone.localdate()
    organisation = organisation_of(user)
    ids = [row[0] for row in page]
    found = Case.objects.filter(pk__in=ids).select_related("opening_organisation").in_bulk()
    deadlines, plans = defaultdict(list), defaultdict(list)
    for case_id, step, due_on in (
        PendingDeadline.objects.filter(case_id__in=ids)
        .order_by(F("due_on").asc(nulls_first=True), "pk")
        .values_list("case_id", "step", "due_on")
    ):
        deadlines[case_id].append(_due(step, due_on, today))
    for case_id, *plan in Plan.objects.filter(case_id__in=ids).values_list(
        "case_id",
        "number",
        "established_on",
        "coordinator_organisation_id",
        "coordinator_organisation__name",
    ):
        plans[case_id].append(tuple(plan))
    rows = []
    for case in (found[pk] for pk in ids):
        draft_number, coordinator = _plans_in_brief(plans[case.pk])
        step, holder_role = _next_step(case, draft_number)
        if holder_role == COORDINATOR and coordinator is not None:
            holder_id, holder = coordinator
        else:
            holder_id, holder = case.opening_organisation_id, case.opening_organisation.name
            holder_role = MANAGER if holder_role == MANAGER else OPENING
        if case.opening_organisation_id == organisation.pk:
            role = "opened_by_you" if case.opened_by_id == user.pk else "opened"
        elif coordinator is not None and coordinator[0] == organisation.pk:
            role = "coordinator"
        else:
            role = "taking_part"
        rows.append(
            MyCase(
                case=case,
                role=str(ROLES[role]),
                next_step=str(step),
                holder=holder,
                holder_role=str(HOLDER_ROLES[holder_role]),
                holder_is_mine=holder_id == organisation.pk,
                deadlines=deadlines[case.pk],
            )
        )
    return rows
