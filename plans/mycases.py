"""A worker's start page, "Mina ärenden": every open case their organisation opened or takes
part in, with the next step, who has it and when it is due, overdue first.

One query for a page of cases (what the next step is and who has it are read in the same
statement as subqueries) and one for their pending deadlines, however many cases there are.
The list shows no names: a name is read on the case page, where the read is logged."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workdays.calendar import working_days_left

from .access import organisation_of, visible_case_ids
from .deadlines import STEP_LABELS
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
class PendingDue:
    label: str
    on: datetime.date | None  # None: as soon as possible
    working_days_left: int | None  # negative: overdue

    @property
    def overdue_by(self) -> int:
        left = self.working_days_left
        return -left if left is not None and left < 0 else 0


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


def my_open_cases(user, today: datetime.date | None = None) -> QuerySet[Case]:
    """The open cases the user's organisation opened or takes part in and that the user may
    see today, overdue first, then as soon as possible, then the nearest deadline, then those
    without a deadline running; to be sliced and passed to `rows_of`."""
    today = today or timezone.localdate()
    organisation = organisation_of(user)
    if organisation is None:
        return Case.objects.none()
    # Two indexed look-ups joined, where one query with the two ORed across the participants'
    # join reads every case there is.
    open_cases = Case.objects.exclude(state=State.CLOSED).order_by()
    mine = (
        open_cases.filter(opening_organisation=organisation)
        .values("pk")
        .union(open_cases.filter(participants=organisation).values("pk"))
    )
    pending = PendingDeadline.objects.filter(case=OuterRef("pk"))
    in_force = Plan.objects.filter(case=OuterRef("pk"), established_on__isnull=False).order_by(
        "-number"
    )
    return (
        Case.objects.filter(pk__in=visible_case_ids(user, today, among=mine))
        .select_related("opening_organisation")
        .annotate(
            first_due=Subquery(
                pending.filter(due_on__isnull=False).order_by("due_on").values("due_on")[:1]
            ),
            asap=Exists(pending.filter(due_on__isnull=True)),
            draft_number=Subquery(
                Plan.objects.filter(case=OuterRef("pk"), established_on__isnull=True)
                .order_by("-number")
                .values("number")[:1]
            ),
            coordinator_id=Subquery(in_force.values("coordinator_organisation_id")[:1]),
            coordinator_name=Subquery(in_force.values("coordinator_organisation__name")[:1]),
            urgency=models.Case(
                When(first_due__lt=today, then=Value(0)),
                When(asap=True, then=Value(1)),
                When(first_due__isnull=False, then=Value(2)),
                default=Value(3),
                output_field=models.IntegerField(),
            ),
        )
        .prefetch_related(
            Prefetch(
                "pending_deadlines",
                queryset=PendingDeadline.objects.order_by(F("due_on").asc(nulls_first=True), "pk"),
            )
        )
        .order_by("urgency", F("first_due").asc(nulls_last=True), "opened_at", "pk")
    )


def _next_step(case: Case) -> tuple[str, str]:
    """The next step as the case page names it, without its full stop, and whose it is."""
    draft = Plan(number=case.draft_number) if case.draft_number is not None else None
    step = next_step(case, draft)
    title = step.title.rstrip(".") if step is not None else case.get_state_display()
    return title, HOLDERS.get(case.state, OPENING)


def _due(row: PendingDeadline, today: datetime.date) -> PendingDue:
    left = None if row.due_on is None else working_days_left(today, row.due_on)
    return PendingDue(STEP_LABELS.get(row.step, row.step), row.due_on, left)


def rows_of(user, cases, today: datetime.date | None = None) -> list[MyCase]:
    """The start page's rows for a slice of `my_open_cases`."""
    today = today or timezone.localdate()
    organisation = organisation_of(user)
    rows = []
    for case in cases:
        step, holder_role = _next_step(case)
        if holder_role == COORDINATOR and case.coordinator_id is not None:
            holder_id, holder = case.coordinator_id, case.coordinator_name
        else:
            holder_id, holder = case.opening_organisation_id, case.opening_organisation.name
            holder_role = MANAGER if holder_role == MANAGER else OPENING
        if case.opening_organisation_id == organisation.pk:
            role = "opened_by_you" if case.opened_by_id == user.pk else "opened"
        elif case.coordinator_id == organisation.pk:
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
                deadlines=[_due(row, today) for row in case.pending_deadlines.all()],
            )
        )
    return rows
