"""Cases: the notices to send and network meetings to hold of the cases the user's organisation
opened, and the follow-ups of the plans in force it coordinates (004 "Samordnare"), read from
the pending deadlines the cases keep (plans.deadlines.refresh_pending): three indexed queries."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy

from plans.access import organisation_of, visible_case_ids
from plans.models import CaseVisibility, PendingDeadline, Plan

from . import Item, Source, by_case_organisation, register, urgency

# The opening organisation calls and holds the network meeting; the coordinator of the plan in
# force calls the follow-ups (004 "Samordnare": "kalla till nya nätverksmöten").
OPENERS_STEPS = ("notice", "meeting")
COORDINATORS_STEPS = ("follow_up",)

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


def _in_force_coordinated_by(organisation, among):
    """The cases `among` whose plan in force (the latest established) names the organisation
    as coordinator. Asked only of the plans of cases among them: whether a later plan exists is
    one index probe a plan, and most plans an organisation has coordinated are of cases with
    no follow-up due (on the 200,000-case set, 1,388 plans for Luleå, 104 with one due)."""
    later = Plan.objects.filter(
        case_id=OuterRef("case_id"), established_on__isnull=False, number__gt=OuterRef("number")
    )
    return (
        Plan.objects.filter(
            coordinator_organisation=organisation,
            established_on__isnull=False,
            case_id__in=among.values("case_id"),
        )
        .filter(~Exists(later))
        .values("case_id")
    )


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
    # The cases it opened are its visibility rows without a first day (plans.CaseVisibility:
    # one taking part sees a case from a consent's day): an index-only range, where the cases
    # themselves would be read row by row.
    opened = PendingDeadline.objects.filter(
        step__in=OPENERS_STEPS,
        case_id__in=CaseVisibility.objects.filter(
            organisation=organisation, visible_from__isnull=True
        ).values("case_id"),
    )
    # The follow-ups of the plans it coordinates first, read once (a database would read the
    # plans again for each branch of the visibility's union); then which of those cases the
    # user sees: a coordinator sees a case only while the consent covers its organisation.
    due = PendingDeadline.objects.filter(step__in=COORDINATORS_STEPS)
    following = list(
        due.filter(case_id__in=_in_force_coordinated_by(organisation, among=due)).values_list(
            "case_id", "step", "due_on"
        )
    )
    # No case has the id 0: it keeps the list from being empty, so that the query runs for an
    # organisation without follow-ups too and the inbox's number of queries stays the same.
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
