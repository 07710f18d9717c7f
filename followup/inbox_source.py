"""The survey on the effect goals in the inbox: for each member asked in a round still open, the
survey to answer by its last day (followup.survey). One query. Follow-up stands above the inbox,
so it registers this module with the inbox (followup.apps) rather than the inbox naming it."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy

from inbox.sources import Item, Source, person_of, register

from .survey_models import SurveyInvitation

WHAT = gettext_lazy("Survey on the effect goals %(year)s")
NEXT_STEP = gettext_lazy("Answer the survey's statements")


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    person = person_of(user)
    if person is None:
        return []
    waiting = (
        SurveyInvitation.objects.filter(person=person, answered=False, round__closes_on__gte=today)
        .select_related("round__county")
        .order_by("round__closes_on")[: limit + 1]
    )
    return [
        Item(
            source="followup",
            what=str(WHAT) % {"year": invitation.round.year},
            next_step=str(NEXT_STEP),
            url=reverse(
                "followup:survey_answer",
                args=[invitation.round.county.slug, invitation.round.year],
            ),
            due_on=invitation.round.closes_on,
        )
        for invitation in waiting
    ]


SOURCE = register(Source("followup", collect))
