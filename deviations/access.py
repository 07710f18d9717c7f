"""Who sees and who handles a deviation report.

The parties see it: the reporting organisation and the organisation reported; so do its
handlers at the level it is at, and the structure's coordinators of the county. A report linked
to a case is also seen by those who see the case (plans.access); the case itself is shown only
to them. The handlers are those the routine's level names: the unit managers of the
organisation reported, or the coordinators of its principal.
"""

from __future__ import annotations

from accounts.models import Membership
from accounts.roles import can_manage_structure
from matters.access import organisation_of
from plans.access import can_see

from .models import Deviation


def _membership(user):
    return getattr(user, "membership", None) if user.is_authenticated else None


def may_handle(user, deviation: Deviation) -> bool:
    if deviation.state == Deviation.State.CLOSED:
        return False
    membership = _membership(user)
    if membership is None:
        return False
    if deviation.handled_by == Deviation.HandledBy.UNIT:
        return (
            membership.role == Membership.Role.UNIT_MANAGER
            and membership.organisation_id == deviation.handler_organisation_id
        )
    organisation = membership.organisation
    return (
        membership.role == Membership.Role.COORDINATOR
        and organisation.county_id == deviation.county_id
        and organisation.principal == deviation.handler_principal
    )


def may_see(user, deviation: Deviation) -> bool:
    if not user.is_authenticated:
        return False
    organisation = organisation_of(user)
    if organisation is None:
        return False
    if organisation.county_id != deviation.county_id:
        return False
    if organisation.pk in (deviation.reporting_organisation_id, deviation.party_id):
        return True
    if can_manage_structure(user) or may_handle(user, deviation):
        return True
    return deviation.case_id is not None and can_see(user, deviation.case)


def may_report(user) -> bool:
    """Anyone working in a case or in the structure: a member of an organisation."""
    return organisation_of(user) is not None
