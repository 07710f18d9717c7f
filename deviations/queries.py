"""What the deviation pages and the inbox read, each in a constant number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from accounts.models import Membership
from accounts.roles import can_manage_structure
from matters.access import organisation_of

from .models import Deviation


def waiting_for(user, today: datetime.date) -> QuerySet[Deviation]:
    """The open deviation reports the user handles at the level they are at, most urgent first:
    for a unit manager those reported about their organisation, for a coordinator those passed
    to their principal. Each row's `due_on` is the date it waits for (to be acknowledged, then
    to be closed); `today` is the day the caller compares it with. One query, on the indexes
    (handler_organisation, due_on) and (county, handler_principal, due_on)."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    found = Deviation.objects.none()
    if membership is not None and membership.role == Membership.Role.UNIT_MANAGER:
        found = Deviation.objects.filter(
            handler_organisation_id=membership.organisation_id,
            handled_by=Deviation.HandledBy.UNIT,
            due_on__isnull=False,
        )
    elif membership is not None and membership.role == Membership.Role.COORDINATOR:
        organisation = membership.organisation
        found = Deviation.objects.filter(
            county_id=organisation.county_id,
            handler_principal=organisation.principal,
            handled_by=Deviation.HandledBy.PRINCIPAL,
            due_on__isnull=False,
        )
    return found.select_related("party").order_by("due_on", "pk")


def structure_level(user, county_id: int) -> QuerySet[Deviation]:
    """The county's deviations reported without a case that the user sees: all of them for the
    structure's coordinators, else those of their organisation as reporter or party and those
    at its principal's level."""
    found = Deviation.objects.filter(county_id=county_id, case__isnull=True)
    if not can_manage_structure(user):
        organisation = organisation_of(user)
        if organisation is None or organisation.county_id != county_id:
            return Deviation.objects.none()
        found = found.filter(
            Q(reporting_organisation=organisation)
            | Q(party=organisation)
            | Q(handler_principal=organisation.principal, handled_by=Deviation.HandledBy.PRINCIPAL)
        )
    return found.select_related("party", "reporting_organisation").order_by("-reported_on", "-pk")


def of_case(case) -> QuerySet[Deviation]:
    return case.deviations.select_related("party", "reporting_organisation").order_by(
        "-reported_on", "-pk"
    )
