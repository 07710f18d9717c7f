"""A case's deadlines in Swedish working days, from the rules of the county's guideline.

Norrbus (004 "Arbetsmodell för samverkan"): the notice within five working days of consent;
the meeting within ten working days, as soon as possible when acute. Which step each deadline
runs from is the county's file's `counted_from` (Norrbotten reads the ten days from the decision
to call, an interpretation its file marks as such).
Once the plan is established, its follow-up dates (004 "Samordnare": the coordinator sees that
the follow-up happens as the plan decided).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements import schema
from workdays.calendar import OutOfRangeError, add_working_days, working_days_left

from .models import Case, NetworkMeeting, PendingDeadline


class TimeLeft:
    """How far a listed deadline is: `working_days_left`, negative once it has passed, None
    when it is not dated (or lies past the calendar's years). Worded here rather than in a
    template: a page lists many."""

    working_days_left: int | None

    @property
    def overdue_by(self) -> int:
        """Working days past the deadline; 0 when it has not passed."""
        left = self.working_days_left
        return -left if left is not None and left < 0 else 0

    @property
    def overdue(self) -> str:
        """How long overdue, worded ("3 working days overdue"); "" when it is not."""
        days = self.overdue_by
        if not days:
            return ""
        return ngettext("%(n)s working day overdue", "%(n)s working days overdue", days) % {
            "n": days
        }

    @property
    def time_left(self) -> str:
        """How far, worded ("3 working days left") or how long overdue; "" when it is not
        dated."""
        if self.overdue_by or self.working_days_left is None:
            return self.overdue
        return ngettext(
            "%(n)s working day left", "%(n)s working days left", self.working_days_left
        ) % {"n": self.working_days_left}


@dataclass(frozen=True)
class Due:
    step: str  # "notice", "meeting" or "follow_up"
    on: datetime.date | None  # None: as soon as possible
    done_on: datetime.date | None
    rule: schema.Sourced

    @property
    def label(self) -> str:
        return STEP_LABELS[self.step]

    @property
    def as_soon_as_possible(self) -> bool:
        return self.on is None

    def working_days_left(self, today: datetime.date) -> int | None:
        """Working days from today to the deadline; negative when it has passed."""
        if self.on is None or self.done_on is not None:
            return None
        return working_days_left(today, self.on)

    def overdue(self, today: datetime.date) -> bool:
        if self.done_on is not None:
            return self.on is not None and self.done_on > self.on
        return self.on is not None and today > self.on


def case_deadlines(case: Case, rules: schema.IndividualLevel) -> list[Due]:
    """The deadlines that have started to run for the case."""
    meeting_rules = rules.network_meeting
    # Each deadline runs from the step its rule names (`counted_from`): Norrbus leaves the
    # meeting's event open, and the county's file says which step it counts from.
    steps = {
        schema.DeadlineStart.CONSENT: case.consent_on,
        schema.DeadlineStart.DECISION_TO_CALL: case.decided_on,
        schema.DeadlineStart.NOTICE: case.notice_sent_on,
    }
    due = []
    for step, rule, done_on in (
        ("notice", meeting_rules.notice, case.notice_sent_on),
        ("meeting", meeting_rules.meeting, case.meeting_on),
    ):
        start = steps[rule.counted_from]
        if start is not None:
            due.append(Due(step, _deadline(start, rule, case.acute), done_on, rule))
    if rules.coordinator is not None:
        due.extend(_follow_ups(case, rules.coordinator))
    return due


def _follow_ups(case: Case, rule: schema.CoordinatorRules) -> list[Due]:
    """Follow-up meetings held or called, then the plan's next follow-up date not yet met."""
    if case.state not in FOLLOWING_UP:
        return []
    meetings = [m for m in case.meetings.all() if m.kind == NetworkMeeting.Kind.FOLLOW_UP]
    due = [Due("follow_up", m.planned_for, m.held_on, rule) for m in meetings]
    if case.state == Case.State.FOLLOW_UP_CALLED:
        return due
    plans = [p for p in case.plans.all() if p.established_on is not None]
    if not plans:
        return due
    in_force = max(plans, key=lambda p: p.number)
    held = [m.held_on for m in meetings if m.held_on is not None]
    since = max([in_force.established_on, *held])
    pending = sorted(
        i.follow_up_on
        for i in in_force.interventions.all()
        if i.follow_up_on is not None and i.follow_up_on > since
    )
    if pending:
        due.append(Due("follow_up", pending[0], None, rule))
    return due


STEP_LABELS = {
    "notice": _("Notice"),
    "meeting": _("Network meeting"),
    "follow_up": _("Follow-up"),
}
FOLLOWING_UP = {
    Case.State.PLANNED,
    Case.State.FOLLOW_UP_CALLED,
    Case.State.FOLLOWED_UP,
    # The plan in force is followed up while its revision is written.
    Case.State.REVISING,
}


def _deadline(start: datetime.date, rule: schema.Deadline, acute: bool) -> datetime.date | None:
    try:
        return _working_days_after(start, rule, acute)
    except OutOfRangeError:
        # A step dated beyond the working-day calendar (stored before dates were bounded):
        # the deadline cannot be counted, so the step's own day stands for it and the case
        # still shows, with that day in view.
        return start


def _working_days_after(
    start: datetime.date, rule: schema.Deadline, acute: bool
) -> datetime.date | None:
    if acute:
        if rule.acute == "as_soon_as_possible":
            return None
        if rule.acute_working_days is not None:
            return add_working_days(start, rule.acute_working_days)
    if rule.working_days is None:
        return None
    return add_working_days(start, rule.working_days)


def pending(case: Case, rules: schema.IndividualLevel) -> list[Due]:
    """The case's deadlines not yet met; none once it is closed."""
    if case.state == Case.State.CLOSED:
        return []
    return [due for due in case_deadlines(case, rules) if due.done_on is None]


# The steps the coordinator of the plan in force takes (004 "Samordnare": "kalla till nya
# nätverksmöten"); the opening organisation takes the others.
COORDINATORS_STEPS = ("follow_up",)


def pending_rows(
    case: Case, rules: schema.IndividualLevel
) -> tuple[list[Due], list[tuple[str, datetime.date | None, int | None]]]:
    """The case's pending deadlines, and each as the row kept of it: step, day and whose step
    it is (PendingDeadline.organisation)."""
    dues = pending(case, rules)
    coordinator = None
    if any(due.step in COORDINATORS_STEPS for due in dues):
        established = [p for p in case.plans.all() if p.established_on is not None]
        if established:
            coordinator = max(established, key=lambda p: p.number).coordinator_organisation_id
    return dues, [
        (
            due.step,
            due.on,
            coordinator if due.step in COORDINATORS_STEPS else case.opening_organisation_id,
        )
        for due in dues
    ]


def refresh_pending(case: Case, rules: schema.IndividualLevel, model=PendingDeadline) -> None:
    """Keep the case's pending deadlines in step with the case, after each change of it.
    `model`: a migration passes its historical model."""
    dues, rows = pending_rows(case, rules)
    model.objects.filter(case_id=case.pk).delete()
    model.objects.bulk_create(
        model(case_id=case.pk, step=step, due_on=due_on, organisation_id=organisation)
        for step, due_on, organisation in rows
    )
    case.next_due_on, case.due_as_soon_as_possible = in_brief(dues)
    type(case).objects.filter(pk=case.pk).update(
        next_due_on=case.next_due_on, due_as_soon_as_possible=case.due_as_soon_as_possible
    )


def in_brief(dues: list[Due]) -> tuple[datetime.date | None, bool]:
    """The nearest dated deadline of those pending, and whether one is as soon as possible."""
    dated = [due.on for due in dues if due.on is not None]
    return min(dated, default=None), len(dated) < len(dues)
