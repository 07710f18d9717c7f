"""The placements' deadlines in the organisation's worklist (plans.worklist_sources): each
cost allocation and health examination the organisation waits for, as the inbox reads them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from plans.listed import case_title

from .queries import waiting_for


def rows(user, today):
    steps = {
        "cost_allocation": _("Cost allocation"),
        "health_examination": _("Health examination"),
    }
    return [
        (case_title(row.case_id), steps[row.kind], row.due_on, row.url)
        for row in waiting_for(user, today)
    ]
