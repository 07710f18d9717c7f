"""Placements: the cost allocations to agree (before a planned placement, within ten working
days of an acute one's decision) and the health examinations to record, read through
placements.queries.waiting_for (two indexed queries)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy

from placements.queries import waiting_for

from . import Item, Source, by_case_organisation, register

WHAT = {
    "cost_allocation": gettext_lazy("Case %(n)s: cost allocation of the placement"),
    "health_examination": gettext_lazy("Case %(n)s: health examination before the placement"),
}
NEXT_STEP = {
    "cost_allocation": gettext_lazy("Record the principals' shares"),
    "health_examination": gettext_lazy("Record the health examination"),
}


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    return [
        Item(
            source="placements",
            what=str(WHAT[row.kind]) % {"n": row.case_id},
            next_step=str(NEXT_STEP[row.kind]),
            url=row.url,
            due_on=row.due_on,
            case_id=row.case_id,
        )
        for row in waiting_for(user, today)[: limit + 1]
        if row.kind in WHAT
    ]


SOURCE = register(Source("placements", collect, shared=by_case_organisation))
