"""Disputes on responsibility or cost: those where the user's organisation is the other party
and has not yet stated its side (disputes.queries.waiting_for, one query), due by the day the
dispute's present step should answer (stored on its matter)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy

from disputes.queries import waiting_for

from . import Item, Source, by_case_organisation, register

WHAT = gettext_lazy("Case %(n)s: dispute raised by %(party)s on %(day)s")
NEXT_STEP = gettext_lazy("State your organisation's side")


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    return [
        Item(
            source="disputes",
            what=str(WHAT)
            % {
                "n": dispute.case_id,
                "party": dispute.raised_by.name,
                "day": dispute.raised_on.isoformat(),
            },
            next_step=str(NEXT_STEP),
            url=reverse("disputes:dispute", args=[dispute.pk]),
            due_on=dispute.matter.answer_due,
            case_id=dispute.case_id,
        )
        for dispute in waiting_for(user, today)[: limit + 1]
    ]


SOURCE = register(Source("disputes", collect, shared=by_case_organisation))
