"""What the dispute pages and the inbox read, each in a constant number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from plans.access import organisation_of

from .models import Dispute, Statement


def waiting_for(user, today: datetime.date) -> QuerySet[Dispute]:
    """The open disputes that wait for the user's organisation to state its side, oldest
    first. The guideline sets no time to answer: a row's `raised_on` is the day it has waited
    from (`today` is accepted for the inbox's contract). One query, on the index (respondent,
    state)."""
    organisation = organisation_of(user)
    if organisation is None:
        return Dispute.objects.none()
    stated = Statement.objects.filter(dispute=OuterRef("pk"), organisation=organisation)
    return (
        Dispute.objects.filter(respondent=organisation, state=Dispute.State.OPEN)
        .exclude(Exists(stated))
        .select_related("raised_by")
        .order_by("raised_on", "pk")
    )


def of_case(case) -> QuerySet[Dispute]:
    return case.disputes.select_related("raised_by", "respondent", "matter").order_by(
        "-raised_on", "-pk"
    )
