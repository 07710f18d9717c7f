"""By when the step a dispute is at should answer, and what comes when it has not: the day is
stored on the matter (matters.actions counts it when the dispute reaches a step); the time is
the path's own where its document states one, else the county's setting for matters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from matters import actions as matter_actions
from matters import flow
from workdays.calendar import working_days_left

from .models import Dispute


@dataclass(frozen=True)
class Answer:
    place: str
    due_on: datetime.date
    working_days_left: int | None
    working_days: int
    # The path's document states the time (and `source` its section); else the county's.
    stated: bool
    source: str
    # The path's next step, where the dispute goes when this one cannot resolve it; None at
    # the last step, which resolves it.
    next_place: str | None

    @property
    def overdue(self) -> bool:
        return self.working_days_left is not None and self.working_days_left < 0


def answer_of(dispute: Dispute, agreement, today: datetime.date) -> Answer | None:
    """The open dispute's answer time at its present step; None once it is resolved, or for a
    dispute stored without a day or whose path the documents in force no longer state."""
    matter = dispute.matter
    if dispute.state != Dispute.State.OPEN or matter.answer_due is None:
        return None
    path = matter_actions.dispute_path_of(matter)
    if path is None:
        return None
    time = matter_actions.answer_time(path, matter.county)
    steps = path.path.steps
    following = matter.dispute_step + 1
    next_place = None
    if following < len(steps):
        place = flow.step_place(agreement, steps[following], matter.body, matter.instance)
        next_place = place.name if place else steps[following]
    return Answer(
        place=flow.place_name(agreement, matter.body, matter.instance),
        due_on=matter.answer_due,
        working_days_left=working_days_left(today, matter.answer_due),
        working_days=time.working_days,
        stated=time.stated,
        source=path.path.source.section if time.stated else "",
        next_place=next_place,
    )
