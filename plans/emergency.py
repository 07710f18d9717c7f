"""Emergency access ("nödåtkomst", PDL 4 kap): a professional who must see an individual's
cases outside participation states why; the access ends by itself and stays flagged for the log
review until an auditor has looked at it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.services import record

from . import events, identity
from .models import EmergencyAccess, Individual

MAY_USE = {Membership.Role.PROFESSIONAL, Membership.Role.UNIT_MANAGER}


def may_use_emergency_access(user) -> bool:
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership is not None and membership.role in MAY_USE


def do_open_emergency_access(actor, *, identity_number: str, reason: str) -> EmergencyAccess:
    """Opens access to every case about the individual for a limited time; the attempt is
    logged even when no individual has the number (outside a transaction that the refusal
    would roll back)."""
    if not may_use_emergency_access(actor):
        raise PermissionDenied
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Write why you need emergency access.")})
    found = identity.parse_identity_number(identity_number)
    individual = Individual.objects.filter(identity_index=identity.blind_index(found)).first()
    if individual is None:
        record(
            actor, events.EMERGENCY_NOT_FOUND, Individual(), reason=reason.strip(), emergency=True
        )
        raise ValidationError(
            {"identity_number": _("No case here concerns anyone with that number.")}
        )
    with transaction.atomic():
        return _open(actor, individual, reason)


def _open(actor, individual: Individual, reason: str) -> EmergencyAccess:
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        user=actor,
        organisation=actor.membership.organisation,
        individual=individual,
        reason=reason.strip(),
        started_at=now,
        ends_at=now + datetime.timedelta(hours=settings.SAMVERKAN_EMERGENCY_ACCESS_HOURS),
    )
    record(actor, events.EMERGENCY_OPENED, access, reason=access.reason, emergency=True)
    return access


@transaction.atomic
def do_review_emergency_access(actor, access: EmergencyAccess, *, note: str) -> EmergencyAccess:
    """An auditor's review of one emergency access; it no longer waits for review."""
    if access.reviewed_at is not None:
        raise ValidationError(_("The emergency access has already been reviewed."))
    access.reviewed_at = timezone.now()
    access.reviewed_by = actor
    access.review_note = note.strip()
    access.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    record(actor, events.EMERGENCY_REVIEWED, access, reason=access.review_note)
    return access
