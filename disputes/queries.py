"""What the dispute pages and the inbox read, each in a constant number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from plans.access import organisation_of

from .models import Dispute, Statement


def waiting_for(user, today: datetime.date) -> QuerySet[Dispute]:
    """The open disputes that wait for the user's organisation to state its side, the one
    whose step must answer first first: the side states before the step answers, by the day
    stored on the matter (`today` is accepted for the inbox's contract). One query, on the
    index (respondent, state)."""
    organisation = organisation_of(user)
    if organisation is None:
        return Dispute.objects.none()
    stated = Statement.objects.filter(dispute=OuterRef("pk"), organisation=organisation)
    return (
        Dispute.objects.filter(respondent=organisation, state=Dispute.State.OPEN)
        .exclude(Exists(stated))
        .select_related("raised_by", "matter")
        .order_by(F("matter__answer_due").asc(nulls_last=True), "raised_on", "pk")
    )


def open_of(user) -> QuerySet[Dispute]:
    """The open disputes the user's organisation is a side of, with the day their step should
    answer by, the first due first (the worklist's rows). One query."""
    organisation = organisation_of(user)
    if organisation is None:
        return Dispute.objects.none()
    return (
        Dispute.objects.filter(
            Q(raised_by=organisation) | Q(respondent=organisation),
            state=Dispute.State.OPEN,
            matter__answer_due__isnull=False,
        )
        .select_related("matter")
        .order_by("matter__answer_due", "pk")
    )


def of_case(case) -> QuerySet[Dispute]:
    return case.disputes.select_related("raised_by", "respondent", "matter__county").order_by(
        "-raised_on", "-pk"
    )
