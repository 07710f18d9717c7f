"""The individual's extract (PDL 8 kap 5 §): who has read the individual's data, and when.

The individual is entitled to know which unit read their data and when; the region and the
municipalities are public bodies, so the reader's name is given too. The individual is found by
the blind index of the identity number, which is never shown, logged or put in a URL: the CSV
download carries a short-lived signed reference to the individual instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action, AuditEvent
from plans import identity
from plans.models import Individual

from .actors import describe
from .review import case_numbers, csv_lines

SALT = "logreview.extract"
TOKEN_SECONDS = 15 * 60


def find_individual(identity_number: str) -> Individual | None:
    """The individual with the number, or None; a ValidationError if it is no valid number."""
    parsed = identity.parse_identity_number(identity_number)
    return Individual.objects.filter(identity_index=identity.blind_index(parsed)).first()


@dataclass(frozen=True)
class Read:
    at: datetime.datetime
    organisation: str
    # The reader's full name, or the user name or code as logged (a family member on My pages
    # is `portal:…`); `who` says it in the reader's language.
    name: str
    case: int | None
    summary: str
    emergency: bool

    @property
    def who(self) -> str:
        return describe(self.name)


def reads(individual: Individual) -> list[Read]:
    """Every read of the individual's data, newest first, emergency reads flagged."""
    events = list(
        AuditEvent.objects.filter(individual_id=individual.pk, action=Action.READ)
        .select_related("actor")
        .order_by("-id")
    )
    numbers = case_numbers(events)
    return [
        Read(
            at=timezone.localtime(event.at),
            organisation=event.organisation_name,
            name=(event.actor.get_full_name() if event.actor else "") or event.actor_name,
            case=numbers.get(event.id),
            summary=event.text,
            emergency=event.emergency,
        )
        for event in events
    ]


def token_for(individual: Individual) -> str:
    return signing.dumps(individual.pk, salt=SALT)


def individual_from_token(token: str) -> Individual | None:
    """The individual a recent extract was shown for; None if the token is forged or old."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return None
    return Individual.objects.filter(pk=pk).first()


def extract_csv(found: list[Read]) -> Iterator[str]:
    yes = _("yes")
    header = [_("When"), _("Organisation"), _("Name"), _("Case"), _("What"), _("Emergency access")]
    lines = (
        [
            f"{read.at:%Y-%m-%d %H:%M:%S}",
            read.organisation,
            read.who,
            read.case,
            read.summary,
            yes if read.emergency else "",
        ]
        for read in found
    )
    return csv_lines(header, lines)
