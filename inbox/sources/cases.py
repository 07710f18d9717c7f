"""Cases: the notices to send and network meetings to hold of the cases the user's organisation
opened, and the follow-ups of the plans in force it coordinates (004 "Samordnare"), read from
the pending deadlines the cases keep with whose step each is (plans.deadlines.refresh_pending):
three indexed queries."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy

from plans.access import organisation_of, visible_case_ids
from plans.deadlines import COORDINATORS_STEPS
from plans.models import PendingDeadline

from . import Item, Source, by_case_organisation, register, urgency

# The opening organisation calls and holds the network meeting; the coordinator of the plan in
# force calls the follow-ups (004 "Samordnare": "kalla till nya nätverksmöten"; COORDINATORS_STEPS).
OPENERS_STEPS = ("notice", "meeting")

WHAT = {
    "notice": gettext_lazy("Case %(n)s: notice of the network meeting"),
    "meeting": gettext_lazy("Case %(n)s: network meeting"),
    "follow_up": gettext_lazy("Case %(n)s: follow-up of the plan"),
}
NEXT_STEP = {
    "notice": gettext_lazy("Send the notice"),
    "meeting": gettext_lazy("Hold the network meeting"),
    "follow_up": gettext_lazy("Call or hold the follow-up meeting"),
}


def _urgent_first(rows, limit: int):
    return list(
        rows.order_by(F("due_on").asc(nulls_first=True), "case_id", "pk").values_list(
            "case_id", "step", "due_on"
        )[: limit + 1]
    )


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    organisation = organisation_of(user)
    if organisation is None:
        return []
    # Its steps, each kind an index range (PendingDeadline.organisation): the notices and
    # meetings of the cases it opened, the follow-ups of the plans in force it coordinates.
    its = PendingDeadline.objects.filter(organisation=organisation)
    opened = its.filter(step__in=OPENERS_STEPS)
    following = list(
        its.filter(step__in=COORDINATORS_STEPS).values_list("case_id", "step", "due_on")
    )
    # Of the follow-ups, the cases the user sees: a coordinator sees a case only while the
    # consent covers its organisation. No case has the id 0: it keeps the list from being
    # empty, so that the query runs for an organisation without follow-ups too and the
    # inbox's number of queries stays the same.
    visible = visible_case_ids(user, today, among=[0, *(case_id for case_id, _, _ in following)])
    seen = {case_id for row in visible for case_id in row.values()}
    # The most urgent of both kinds in the inbox's order: only those it may show become items.
    rows = sorted(
        _urgent_first(opened, limit) + [row for row in following if row[0] in seen],
        key=lambda row: (urgency(row[2], row[2] is None, today), row[0]),
    )[: limit + 1]
    what = {step: str(text) for step, text in WHAT.items()}
    next_step = {step: str(text) for step, text in NEXT_STEP.items()}
    return [
        Item(
            source="cases",
            what=what[step] % {"n": case_id},
            next_step=next_step[step],
            url=reverse("plans:case", args=[case_id]),
            due_on=due_on,
            as_soon_as_possible=due_on is None,
            case_id=case_id,
        )
        for case_id, step, due_on in rows
        if step in WHAT
    ]


SOURCE = register(Source("cases", collect, shared=by_case_organisation))
