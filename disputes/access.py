"""Who sees a dispute: those who see its case (plans.access), and the body handling its matter
with the structure's coordinators (matters.access); the case itself only the former."""

from __future__ import annotations

from matters import access as matter_access
from plans.access import can_see

from .models import Dispute


def may_see(user, dispute: Dispute) -> bool:
    if not user.is_authenticated:
        return False
    return can_see(user, dispute.case) or matter_access.may_handle(user, dispute.matter)


def may_state(user, dispute: Dispute) -> bool:
    organisation = matter_access.organisation_of(user)
    return (
        dispute.state == Dispute.State.OPEN
        and organisation is not None
        and organisation.pk in (dispute.raised_by_id, dispute.respondent_id)
        and not dispute.statements.filter(organisation=organisation).exists()
    )
