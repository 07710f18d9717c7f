"""Who may read a county's follow-up (its effect goals, survey results and annual report) and
who runs it. The figures are aggregates without personal data, but they are the county's
internal basis for its follow-up: its coordinators, chairs and auditors read them."""

from __future__ import annotations

from accounts.models import Membership
from accounts.roles import CHAIR_GROUP, COORDINATOR_GROUP, can_manage_structure
from agreements.models import County


def _in_county(user, county: County) -> bool:
    membership = getattr(user, "membership", None)
    return membership is not None and membership.organisation.county_id == county.pk


def is_county_coordinator(user, county: County) -> bool:
    """A coordinator of the county: in the structure's coordinators' group (as meetings.access
    counts one; an administrator of any county), or working as collaboration coordinator for
    one of the county's organisations."""
    if not user.is_authenticated:
        return False
    if can_manage_structure(user):
        return (
            user.is_superuser
            or getattr(user, "membership", None) is None
            or _in_county(user, county)
        )
    return _in_county(user, county) and user.membership.role == Membership.Role.COORDINATOR


def may_read_follow_up(user, county: County) -> bool:
    if not user.is_authenticated:
        return False
    if is_county_coordinator(user, county):
        return True
    if not _in_county(user, county):
        return False
    if user.membership.role in (Membership.Role.COORDINATOR, Membership.Role.AUDITOR):
        return True
    return user.groups.filter(name__in=[COORDINATOR_GROUP, CHAIR_GROUP]).exists()
