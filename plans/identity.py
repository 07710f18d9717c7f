"""Personal identity and coordination numbers: validated, encrypted at rest, found by exact match.

The number itself is stored only encrypted (Fernet: AES and an HMAC). Finding an individual by
number uses a keyed hash of the canonical form (a "blind index"), so the database holds no
plaintext index that could be read or brute-forced without the key. Both keys derive from
SAMVERKAN_FIELD_KEY (settings.FIELD_ENCRYPTION_KEY); the number never reaches a log, a URL or
an error message.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
from dataclasses import dataclass
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from personnummer import personnummer

from inputs import rules


@dataclass(frozen=True)
class Identity:
    canonical: str  # twelve digits, YYYYMMDDNNNC
    birth_date: datetime.date
    coordination_number: bool

    def __repr__(self) -> str:
        # Never the number itself, not even in a traceback's locals.
        return f"Identity(birth_date={self.birth_date}, coordination={self.coordination_number})"


def parse_identity_number(text: str) -> Identity:
    """A Swedish personal identity or coordination number, or a ValidationError saying why."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError(_("Give a personal identity number."), code="required")
    try:
        number = personnummer.Personnummer(cleaned)
    except personnummer.PersonnummerException:
        raise ValidationError(
            _(
                "That is not a valid personal identity or coordination number. Write it as "
                "YYYYMMDD-NNNN."
            ),
            code="invalid",
        ) from None
    birth_date = number.get_date()
    if rules.BIRTH.problem(birth_date) is not None:
        raise ValidationError(
            _(
                "The number gives a date of birth that cannot be right (before 1900 or in the "
                "future): check it."
            ),
            code="birth_date",
        )
    return Identity(
        canonical=number.format(True),
        birth_date=birth_date,
        coordination_number=number.is_coordination_number(),
    )


@cache
def _keys(secret: str) -> tuple[Fernet, bytes]:
    master = hashlib.sha256(secret.encode()).digest()
    encryption = hmac.new(master, b"samverkan:encryption", hashlib.sha256).digest()
    index = hmac.new(master, b"samverkan:blind-index", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(encryption)), index


def encrypt(identity: Identity) -> str:
    fernet, _ = _keys(settings.FIELD_ENCRYPTION_KEY)
    return fernet.encrypt(identity.canonical.encode()).decode()


def decrypt(token: str) -> str:
    fernet, _ = _keys(settings.FIELD_ENCRYPTION_KEY)
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ValueError("the stored identity number cannot be decrypted with this key") from error


def blind_index(identity: Identity) -> str:
    _, key = _keys(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(key, identity.canonical.encode(), hashlib.sha256).hexdigest()


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


class NameConflict(ValidationError):
    """The name typed for a number differs from the one the platform already holds for it: the
    user checks the number before a case is opened on someone else's record."""


def same_name(first: str, second: str) -> bool:
    """Equal but for case and spacing: "anna  svensson" is the name "Anna Svensson"."""
    return " ".join(first.casefold().split()) == " ".join(second.casefold().split())
