"""Who reads and who records a case's placements: those who may see the case read them (every
read audited); steps are taken by the organisations that act on the case (plans.access.can_act)
and by those taking part in it, never under an emergency access, which only reads. The health
examination is recorded by the primary care unit asked to do it."""

from __future__ import annotations

from plans.access import Basis, can_act, organisation_of

from .models import HealthExamination
from .rules import taking_part


def may_act(user, case, basis: Basis | None) -> bool:
    if basis is None or basis == Basis.EMERGENCY:
        return False
    organisation = organisation_of(user)
    if organisation is None:
        return False
    return can_act(user, case) or organisation.pk in taking_part(case)


def may_examine(user, examination: HealthExamination | None, basis: Basis | None) -> bool:
    """The unit asked to examine records the examination."""
    if examination is None or basis is None or basis == Basis.EMERGENCY:
        return False
    organisation = organisation_of(user)
    return organisation is not None and organisation.pk == examination.organisation_id
