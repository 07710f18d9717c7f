"""The deviation reports' deadlines in the organisation's worklist (plans.worklist_sources):
each report the user handles, due to be acknowledged and then closed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Deviation
from .queries import waiting_for


def rows(user, today):
    steps = {
        Deviation.State.REPORTED: _("Acknowledge the report"),
        Deviation.State.ACKNOWLEDGED: _("Investigate, record the measures and close it"),
    }
    return [
        (
            _("Deviation report %(n)s about %(party)s")
            % {"n": deviation.pk, "party": deviation.party.name},
            steps[deviation.state],
            deviation.due_on,
            reverse("deviations:deviation", args=[deviation.pk]),
        )
        for deviation in waiting_for(user, today)
        if deviation.state in steps
    ]
