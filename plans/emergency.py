"""Emergency access ("nödåtkomst", PDL 4 kap): a professional who must see an individual's
cases outside participation states why; the access ends by itself and stays flagged for the log
review until an auditor has looked at it. A person opens at most a few a day
(settings.SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import works_with_individuals
from audit.services import record

from . import events, identity
from .models import EmergencyAccess, Individual

# A reason an auditor can review: a few words of the person's own, not a letter or a row of
# one key (PDL 4 kap: access outside participation only for a need that is stated).
REASON_MIN_LENGTH = 20
REASON_MIN_WORDS = 3
REASON_MIN_LETTERS = 6


def may_use_emergency_access(user) -> bool:
    return works_with_individuals(user)


def reason_problem(reason: str) -> str | None:
    """Why the reason is not one an auditor can review, or None when it is."""
    text = " ".join(reason.split())
    words = [word for word in text.split(" ") if any(c.isalpha() for c in word)]
    letters = {c.casefold() for c in text if c.isalpha()}
    if (
        len(text) < REASON_MIN_LENGTH
        or len(words) < REASON_MIN_WORDS
        or len(letters) < REASON_MIN_LETTERS
    ):
        return _(
            "Write what has happened and why it cannot wait for consent, in a few words of "
            "your own (at least %(n)s characters). An auditor reviews the reason."
        ) % {"n": REASON_MIN_LENGTH}
    return None


def accesses_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return EmergencyAccess.objects.filter(user=user, started_at__gte=start).count()


@transaction.atomic
def do_open_emergency_access(actor, *, identity_number: str, reason: str) -> EmergencyAccess:
    """Opens access to every case about the individual for a limited time. Everything that can
    refuse the access is checked before the number is looked up, and an access is opened and
    logged whether or not anyone has the number, so that the answer never tells whether a
    number has cases before the access is logged (it then opens none)."""
    if not may_use_emergency_access(actor):
        raise PermissionDenied
    problem = reason_problem(reason)
    if problem:
        raise ValidationError({"reason": problem})
    # The user's row locked, so that accesses opened at the same moment are counted in turn.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    limit = settings.SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY
    if accesses_today(actor) >= limit:
        raise ValidationError(
            ngettext(
                "You have already opened %(n)s emergency access today, as many as one person "
                "may in a day. Turn to your manager if the individual's needs cannot wait.",
                "You have already opened %(n)s emergency accesses today, as many as one person "
                "may in a day. Turn to your manager if the individual's needs cannot wait.",
                limit,
            )
            % {"n": limit},
            code="limit",
        )
    found = identity.parse_identity_number(identity_number)
    individual = Individual.objects.filter(identity_index=identity.blind_index(found)).first()
    return _open(actor, individual, reason)


def _open(actor, individual: Individual | None, reason: str) -> EmergencyAccess:
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
