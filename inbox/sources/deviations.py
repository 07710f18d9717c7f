"""Deviation reports: those the user handles at their level, to acknowledge and then to
investigate and close, each by the day the routine gives (deviations.queries.waiting_for, one
query). A report is named by its number: what happened is read on its page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy

from deviations.models import Deviation
from deviations.queries import waiting_for

from . import Item, Source, register

WHAT = gettext_lazy("Deviation report %(n)s about %(party)s")
NEXT_STEP = {
    Deviation.State.REPORTED: gettext_lazy("Acknowledge the report"),
    Deviation.State.ACKNOWLEDGED: gettext_lazy("Investigate, record the measures and close it"),
}


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    return [
        Item(
            source="deviations",
            what=str(WHAT) % {"n": deviation.pk, "party": deviation.party.name},
            next_step=str(NEXT_STEP[deviation.state]),
            url=reverse("deviations:deviation", args=[deviation.pk]),
            due_on=deviation.due_on,
        )
        for deviation in waiting_for(user, today)[: limit + 1]
        if deviation.state in NEXT_STEP
    ]


SOURCE = register(Source("deviations", collect))
