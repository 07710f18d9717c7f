"""Who is logged in to My pages, and whose pages they may see.

A portal session is not a staff session: it holds the keyed hash of the person's identity
number (never the number) and the date of birth it gives, and no Django user, so that no staff
right follows from it. Logging in to the portal ends any staff session in the browser, and a
browser with a staff user logged in sees no portal pages; the staff's idle and total limits
apply to it too.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.conf import settings

from accounts.middleware import SEEN_EVERY_SECONDS
from plans.identity import Identity, blind_index
from plans.models import Individual

from .models import GuardianIdentity
from .rules import access_ages

SESSION_KEY = "samverkan_portal"


@dataclass(frozen=True)
class PortalActor:
    """A family member as the audit trail names them: by the ids of the portal's own records,
    never a staff account (audit.services.record keeps `username` and no user)."""

    username: str
    is_authenticated: bool = field(default=False, init=False)


# A refusal before anyone is known: the trail says only that it came from My pages.
ANYONE = PortalActor("portal")


def actor_for_individual(individual: Individual) -> PortalActor:
    return PortalActor(f"portal:individual:{individual.pk}")


def actor_for_guardian(custody: GuardianIdentity) -> PortalActor:
    return PortalActor(f"portal:guardian:{custody.pk}")


@dataclass(frozen=True)
class Visitor:
    index: str
    # From the identity number; None for a demo login, which chooses a guardian, not a number.
    birth_date: datetime.date | None


def log_in(request, identity: Identity | None = None, *, index: str = "", born=None) -> None:
    """A new session for the person: whatever the browser held before, staff's or another
    family member's, ends."""
    request.session.flush()
    now = time.time()
    if identity is not None:
        index, born = blind_index(identity), identity.birth_date
    request.session[SESSION_KEY] = {
        "index": index,
        "born": born.isoformat() if born else "",
        "started": now,
        "seen": now,
    }


def log_out(request) -> None:
    request.session.flush()


def current(request) -> Visitor | None:
    """The portal visitor, or None: not logged in, a staff user's browser, or the session's
    time is up."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict) or not stored.get("index"):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # A staff login that kept the portal's key: the staff user does not see it.
        del request.session[SESSION_KEY]
        return None
    now = time.time()
    if (
        now - stored.get("seen", 0) > settings.SAMVERKAN_IDLE_SECONDS
        or now - stored.get("started", 0) > settings.SAMVERKAN_SESSION_SECONDS
    ):
        log_out(request)
        return None
    # Written at most once a minute, as the staff's sessions are (accounts.middleware): a page
    # read writes nothing to the session table.
    if now - stored.get("seen", 0) >= SEEN_EVERY_SECONDS:
        stored["seen"] = now
        request.session.modified = True
    born = stored.get("born")
    return Visitor(stored["index"], datetime.date.fromisoformat(born) if born else None)


@dataclass(frozen=True)
class Person:
    """One individual whose pages the visitor sees, and as whom the visitor reads them."""

    individual: Individual
    actor: PortalActor
    own: bool


@dataclass(frozen=True)
class Reach:
    people: list[Person]
    # Below the age to see their own pages.
    too_young: bool
    # The age from which the young person sees their own pages.
    own_from_age: int

    def person(self, individual_id: int) -> Person | None:
        return next((p for p in self.people if p.individual.pk == individual_id), None)


def reach_of(visitor: Visitor, today: datetime.date) -> Reach:
    """Whose pages the visitor sees on the day: their own from the county's age, and each child
    whose custody is recorded for their number and has not ended. Two queries."""
    own = Individual.objects.select_related("county").filter(identity_index=visitor.index).first()
    born = own.birth_date if own else visitor.birth_date
    # Without a record of their own, the default ages: the answer is then the same whether or
    # not the young person has a case.
    ages = access_ages(own.county if own else None)
    too_young = born is not None and not ages.sees_own(born, today)
    people = []
    if own is not None and not too_young:
        people.append(Person(own, actor_for_individual(own), True))
    custodies = GuardianIdentity.objects.filter(
        identity_index=visitor.index, custody_ends_on__gt=today
    ).select_related("guardian__individual__county")
    people += [
        Person(c.guardian.individual, actor_for_guardian(c), False)
        for c in custodies
        if c.guardian.individual_id != (own.pk if own else None)
    ]
    return Reach(people, too_young, ages.own_access_from_age)
