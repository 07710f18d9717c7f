"""The demo county's live structure: Norrbotten, populated as the agreement asks, with a few
breaches on purpose so that the compliance page shows both what holds and what does not."""

import datetime

from django.db import transaction
from django.utils import timezone

from .generator import populate
from .models import Appointment, OfficeTerm, Organisation

DEMO_COUNTY = "norrbotten"
LSG = "lansstyrgrupp"


@transaction.atomic
def ensure_demo_structure(county: str = DEMO_COUNTY) -> bool:
    """Build the demo's live structure once; returns False when it is already there."""
    if Organisation.objects.filter(county__slug=county, is_demo=True).exists():
        return False
    today = timezone.localdate()
    populate(county, datetime.date(today.year - 2, 1, 1), seed=2026)
    _break_a_few_rules(today)
    return True


def _break_a_few_rules(today: datetime.date) -> None:
    members = Appointment.objects.filter(body=LSG, role=Appointment.Role.MEMBER)
    # Östra Norrbotten's social services chief left in the spring and no one has been appointed:
    # four of five, and geographic spread broken (001 "Representanter länsstyrgruppen").
    leaving = members.filter(seat="social-chiefs", organisation__principal__in=_ostra()).first()
    if leaving:
        leaving.ends = today - datetime.timedelta(days=60)
        leaving.save(update_fields=["ends"])
        Appointment.objects.filter(substitute_for=leaving).update(ends=leaving.ends)
    # A substitute for an education chief comes from another area than the member.
    substitute = Appointment.objects.filter(
        body=LSG, seat="education-chiefs", role=Appointment.Role.SUBSTITUTE
    ).first()
    elsewhere = Organisation.objects.filter(principal="kiruna", sector="school").first()
    if substitute and elsewhere and substitute.organisation.principal in _not_norra():
        substitute.organisation = elsewhere
        substitute.save(update_fields=["organisation"])
    # The secretary's term ran out at the turn of the year and no successor is recorded.
    OfficeTerm.objects.filter(body=LSG, role="secretary", ends__isnull=True).delete()


def _ostra() -> list[str]:
    return ["haparanda", "kalix", "overkalix", "overtornea"]


def _not_norra() -> set[str]:
    return {"boden", "lulea", "arjeplog", "arvidsjaur", "pitea", "alvsbyn", *_ostra()}
