"""Who may do what with a matter or a governing document.

A member of a body (a live appointment or office of the person whose account the user is)
handles the body's matters; the structure's coordinators handle any. A principal's decision is
recorded by someone of that principal's organisation, or a coordinator. Anyone of the county's
organisations raises a matter.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_manage_structure
from structure.models import Appointment, OfficeTerm, Organisation

from .models import Matter


def organisation_of(user) -> Organisation | None:
    """The organisation the user works for: their membership's, else their person's."""
    if not user.is_authenticated:
        return None
    for path in ("membership", "person"):
        try:
            return getattr(user, path).organisation
        except (AttributeError, ObjectDoesNotExist):
            continue
    return None


def sits_in(
    user, county_id: int, body: str, instance: str, on: datetime.date | None = None
) -> bool:
    if not user.is_authenticated:
        return False
    on = on or timezone.localdate()
    where = {"county_id": county_id, "body": body, "instance": instance, "person__user": user}
    return (
        Appointment.objects.filter(**where).on(on).exists()
        or OfficeTerm.objects.filter(**where).on(on).exists()
    )


def may_raise(user, county_id: int) -> bool:
    if can_manage_structure(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation.county_id == county_id


def may_handle(user, matter: Matter) -> bool:
    return can_manage_structure(user) or sits_in(
        user, matter.county_id, matter.body, matter.instance
    )


def may_decide(user, matter: Matter, principal: str) -> bool:
    if can_manage_structure(user):
        return True
    organisation = organisation_of(user)
    return (
        organisation is not None
        and organisation.county_id == matter.county_id
        and organisation.principal == principal
    )


def may_keep_register(user) -> bool:
    return can_manage_structure(user)


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You may not do this with the matter."))
