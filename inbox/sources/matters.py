"""The structure's matters: a principal's decision on a recommendation, waiting for someone of
that principal who sits in the structure, due on the date the body set; and the open matters
at a body whose meetings the person runs, to be prepared or handled (a dispute by the day its
step should answer). Three queries."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from matters.models import Decision, Matter
from meetings.access import RUNNING_OFFICES
from structure.models import OfficeTerm

from . import Item, Source, person_of, register

WHAT = {
    "decide": gettext_lazy("Matter %(n)s: %(principal)s's decision on the recommendation"),
    "handle": gettext_lazy("Matter %(n)s waits at your body"),
}
NEXT_STEP = {
    "decide": gettext_lazy("Record your principal's decision"),
    "handle": gettext_lazy("Prepare or handle the matter"),
    "answer": gettext_lazy("Resolve the dispute or escalate it to the path's next step"),
}
HANDLED_STATES = (Matter.State.OPEN, Matter.State.PREPARATION)


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    person = person_of(user)
    if person is None:
        return []
    organisation = person.organisation
    decisions = list(
        Decision.objects.filter(
            outcome=Decision.Outcome.PENDING,
            principal=organisation.principal,
            matter__county_id=organisation.county_id,
            matter__state=Matter.State.PRINCIPALS,
        )
        .select_related("matter__county")
        .order_by(F("matter__decisions_due").asc(nulls_last=True), "pk")[: limit + 1]
    )
    items = [
        Item(
            source="matters",
            what=str(WHAT["decide"]) % {"n": d.matter_id, "principal": d.principal_name},
            next_step=str(NEXT_STEP["decide"]),
            url=reverse("matters:decide", args=[d.matter.county.slug, d.matter_id, d.principal]),
            due_on=d.matter.decisions_due,
        )
        for d in decisions
    ]
    places = list(
        OfficeTerm.objects.on(today)
        .filter(person=person, role__in=[role.value for role in RUNNING_OFFICES])
        .values_list("county_id", "body", "instance")
        .distinct()
    )
    if places:
        at_bodies = reduce(
            or_, (Q(county_id=c, body=b, instance=i) for c, b, i in places), Q(pk__in=[])
        )
        waiting = list(
            Matter.objects.filter(at_bodies, state__in=HANDLED_STATES)
            .select_related("county")
            .order_by(F("answer_due").asc(nulls_last=True), "raised_on", "pk")[: limit + 1]
        )
        items += [
            Item(
                source="matters",
                what=str(WHAT["handle"]) % {"n": matter.pk},
                next_step=str(
                    NEXT_STEP["answer" if matter.kind == Matter.Kind.DISPUTE else "handle"]
                ),
                url=reverse("matters:matter", args=[matter.county.slug, matter.pk]),
                # A dispute's step answers by its day; other matters have none.
                due_on=matter.answer_due,
            )
            for matter in waiting
        ]
    return items


SOURCE = register(Source("matters", collect))
