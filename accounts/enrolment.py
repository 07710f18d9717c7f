"""Enrolment codes: a user without a confirmed authenticator sets one up only with a one-time
code an administrator issued, besides the password, so that a stolen password alone never
enrols the thief's own authenticator (issue 10, item 1).

A code is shown once, to whoever issues it, and kept only as a keyed hash with an expiry; using
it, or issuing a new one, ends it."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record

from . import events
from .models import EnrolmentCode

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied by hand is typed as it was meant.
ALPHABET = "3469ACDEFGHJKMNPQRTUVWXY"
LENGTH = 10


def _digest(code: str) -> str:
    return salted_hmac("accounts.enrolment", code, algorithm="sha256").hexdigest()


def normalise(typed: str) -> str:
    """What the user typed, as the code was issued: capitals, no spaces or dashes."""
    return "".join(typed.split()).replace("-", "").upper()


@transaction.atomic
def do_issue_enrolment_code(actor, user) -> str:
    """A new code for the user, replacing any earlier one; the code itself is returned once and
    never stored."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    expires = timezone.now() + timedelta(hours=settings.SAMVERKAN_ENROLMENT_CODE_HOURS)
    EnrolmentCode.objects.update_or_create(
        user=user, defaults={"digest": _digest(code), "expires_at": expires}
    )
    record(
        actor,
        events.ENROLMENT_CODE_ISSUED,
        user,
        {"user": user.username, "hours": settings.SAMVERKAN_ENROLMENT_CODE_HOURS},
    )
    return code


def do_use_enrolment_code(user, typed: str) -> bool:
    """True, and the code ended, if `typed` is the user's current code; otherwise the failed use
    is recorded and False. The user's unconfirmed devices go with a used code, so that the
    secret shown next is new."""
    with transaction.atomic():
        stored = EnrolmentCode.objects.select_for_update().filter(user=user).first()
        valid = (
            stored is not None
            and stored.expires_at > timezone.now()
            and constant_time_compare(stored.digest, _digest(normalise(typed)))
        )
        if valid:
            stored.delete()
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            record(user, events.ENROLMENT_CODE_USED, user, {"user": user.username})
            return True
    now = timezone.now()
    if stored is None:
        reason = "none"
    elif stored.expires_at <= now:
        reason = "expired"
    else:
        reason = "wrong"
    record(user, events.ENROLMENT_CODE_REFUSED, user, {"user": user.username, "reason": reason})
    return False
