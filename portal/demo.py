"""My pages in the demo: each Norrbotten demo child's guardian gets a made-up identity number,
recorded on the case by the counsellor who opened it, through the same action as the page.
Saga (born 2008) has turned 18 and has no guardians in the demo; she and the other young
people from 15 log in with their own demo numbers (plans.demo)."""

from django.db import transaction

from plans.demo import DEMO_CASES
from plans.identity import blind_index, parse_identity_number
from plans.models import Individual

from .actions import do_record_guardian_identity
from .models import GuardianIdentity


def test_number(birth: str, serial: str) -> str:
    """A valid identity number (Luhn) for the day of birth YYYYMMDD: made up, for demos and
    tests."""
    digits = birth[2:] + serial
    total = 0
    for position, digit in enumerate(digits):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{birth}-{serial}{(10 - total % 10) % 10}"


def demo_guardian_number(position: int) -> str:
    """The made-up number of the guardian of the demo case at the position in DEMO_CASES."""
    return test_number(f"198{position}0115", "238")


@transaction.atomic
def ensure_demo_guardians() -> int:
    """Record the demo guardians' numbers once; returns how many were recorded."""
    recorded = 0
    for position, (_name, number, *_rest) in enumerate(DEMO_CASES):
        individual = (
            Individual.objects.filter(identity_index=blind_index(parse_identity_number(number)))
            .prefetch_related("guardians", "cases")
            .first()
        )
        if individual is None:
            continue
        case = individual.cases.order_by("opened_at").first()
        guardian = individual.guardians.order_by("pk").first()
        if case is None or guardian is None:
            continue
        if GuardianIdentity.objects.filter(guardian=guardian).exists():
            continue
        do_record_guardian_identity(
            case.opened_by,
            case,
            guardian,
            identity_number=demo_guardian_number(position),
        )
        recorded += 1
    return recorded
