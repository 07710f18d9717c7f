"""Who may see a case: the opening organisation, and an organisation taking part while the
consent covers it and is not withdrawn (004, and PDL's rules on access by participation)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Case


def organisation_of(user):
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organisation if membership else None


def visible_cases(user, on: datetime.date | None = None) -> QuerySet[Case]:
    """The cases the user's organisation may see on the day; none without an organisation."""
    organisation = organisation_of(user)
    if organisation is None:
        return Case.objects.none()
    on = on or timezone.localdate()
    covered = Q(
        participants=organisation,
        consents__organisations=organisation,
        consents__given_on__lte=on,
    ) & (Q(consents__withdrawn_on__isnull=True) | Q(consents__withdrawn_on__gt=on))
    return Case.objects.filter(Q(opening_organisation=organisation) | covered).distinct()


def can_see(user, case: Case, on: datetime.date | None = None) -> bool:
    return visible_cases(user, on).filter(pk=case.pk).exists()
