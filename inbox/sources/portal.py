"""My pages: the consents a young person or a guardian withdrew there, waiting until someone of
the organisation leading the case takes note on the case page (portal.queries.waiting_for, one
indexed query). Due the day it was withdrawn: the family acted without staff."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy

from portal.queries import waiting_for

from . import Item, Source, by_case_organisation, register

WHAT = gettext_lazy("Case %(n)s: consent withdrawn on My pages")
NEXT_STEP = gettext_lazy("Take note of the withdrawal")


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    return [
        Item(
            source="portal",
            what=str(WHAT) % {"n": case_id},
            next_step=str(NEXT_STEP),
            url=reverse("plans:case", args=[case_id]) + "#portal-guardians",
            due_on=withdrawn_on,
            case_id=case_id,
        )
        for case_id, withdrawn_on in waiting_for(user, today).values_list(
            "case_id", "withdrawn_on"
        )[: limit + 1]
    ]


SOURCE = register(Source("portal", collect, shared=by_case_organisation))
