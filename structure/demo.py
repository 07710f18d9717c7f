"""The demo counties' live structures: each populated as its agreement asks, then with a few
departures on purpose, so that the compliance page shows what the engine catches (an error, a
warning, advice) beside what holds.

- Norrbotten (001): Östra Norrbotten's social services chief left with no one appointed (four of
  five, geographic spread broken); a substitute from another area than the member; the
  länsstyrgrupp's secretary's term ran out.
- Västerbotten (002): Vindeln's representative in Samrådet left with no one appointed; this
  year's vice chair comes from the same principal as the chair; Skellefteå's representative's
  appointment ends within a month with no successor.
- Västernorrland (003): Ånge's school chief left the länsledning with no one appointed; the
  presidium's two municipal chairs come from the same municipality, which the agreement only
  advises against; the HSN chair's appointment ends within a month with no successor.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from .generator import populate
from .models import Appointment, OfficeTerm, Organisation

DEMO_COUNTY = "norrbotten"
DEMO_COUNTIES = ("norrbotten", "vasterbotten", "vasternorrland")
LSG = "lansstyrgrupp"
SAMRAD = "samrad-vard-omsorg"
LANSLEDNING = "lansledning"
PRESIDIUM = "presidium"
HALSAM = "halsam"


def ensure_demo_structures() -> list[str]:
    """Every demo county's live structure, built once; returns the counties built now."""
    return [county for county in DEMO_COUNTIES if ensure_demo_structure(county)]


@transaction.atomic
def ensure_demo_structure(county: str = DEMO_COUNTY) -> bool:
    """Build one demo county's live structure once; returns False when it is already there."""
    if Organisation.objects.filter(county__slug=county, is_demo=True).exists():
        return False
    today = timezone.localdate()
    populate(county, datetime.date(today.year - 2, 1, 1), seed=2026)
    DEPARTURES[county](today)
    return True


def _members(county: str, body: str):
    return Appointment.objects.filter(
        county__slug=county, body=body, role=Appointment.Role.MEMBER
    ).select_related("organisation")


def _leaves(appointment: Appointment | None, on: datetime.date) -> None:
    """The member (and their substitutes) leave on the day."""
    if appointment is None:
        return
    appointment.ends = on
    appointment.save(update_fields=["ends"])
    Appointment.objects.filter(substitute_for=appointment).update(ends=on)


def _norrbotten(today: datetime.date) -> None:
    members = _members("norrbotten", LSG)
    # Östra Norrbotten's social services chief left in the spring and no one has been appointed:
    # four of five, and geographic spread broken (001 "Representanter länsstyrgruppen").
    _leaves(
        members.filter(seat="social-chiefs", organisation__principal__in=_ostra()).first(),
        today - datetime.timedelta(days=60),
    )
    # A substitute for an education chief comes from another area than the member.
    substitute = Appointment.objects.filter(
        county__slug="norrbotten",
        body=LSG,
        seat="education-chiefs",
        role=Appointment.Role.SUBSTITUTE,
    ).first()
    elsewhere = Organisation.objects.filter(
        county__slug="norrbotten", principal="kiruna", sector="school"
    ).first()
    if substitute and elsewhere and substitute.organisation.principal in _not_norra():
        substitute.organisation = elsewhere
        substitute.save(update_fields=["organisation"])
    # The secretary's term ran out at the turn of the year and no successor is recorded.
    OfficeTerm.objects.filter(
        county__slug="norrbotten", body=LSG, role="secretary", ends__isnull=True
    ).delete()


def _vasterbotten(today: datetime.date) -> None:
    members = _members("vasterbotten", SAMRAD)
    # Vindeln's representative left and no one has been appointed (002 "5.1.3 Representation":
    # one representative per municipality).
    _leaves(
        members.filter(organisation__principal="vindeln").first(),
        today - datetime.timedelta(days=30),
    )
    # This year's vice chair comes from the chair's own principal, where the agreement gives
    # the office to the other one (002 "5.1.3 Representation").
    terms = OfficeTerm.objects.filter(county__slug="vasterbotten", body=SAMRAD, ends__isnull=True)
    chair = terms.filter(role="chair").first()
    vice = terms.filter(role="vice_chair").first()
    same_side = members.filter(organisation__principal=chair.principal).first() if chair else None
    if vice and same_side:
        vice.person = same_side.person
        vice.principal = chair.principal
        vice.save(update_fields=["person", "principal"])
    # Skellefteå's representative leaves at the end of next month; no successor yet.
    _leaves(
        members.filter(organisation__principal="skelleftea").first(),
        today + datetime.timedelta(days=30),
    )


def _vasternorrland(today: datetime.date) -> None:
    # Ånge's school chief left the länsledning and no one has been appointed (003
    # "Länsledning": one school chief per municipality).
    _leaves(
        _members("vasternorrland", LANSLEDNING)
        .filter(seat="school-chiefs", organisation__principal="ange")
        .first(),
        today - datetime.timedelta(days=45),
    )
    # The school presidium chose a chair from the social presidium chair's own municipality:
    # the agreement recommends different municipalities (003 "Politisk samverkan inom HälSam"),
    # so this is advice, not an error.
    presidium = _members("vasternorrland", PRESIDIUM)
    social = presidium.filter(seat="social-presidium-chair").first()
    school = presidium.filter(seat="school-presidium-chair").first()
    if social and school:
        school.organisation = social.organisation
        school.save(update_fields=["organisation"])
        school.person.organisation = school.organisation
        school.person.save(update_fields=["organisation"])
    # The HSN chair's appointment ends at the end of next month; no successor yet.
    _leaves(
        _members("vasternorrland", HALSAM).filter(seat="hsn-chair").first(),
        today + datetime.timedelta(days=30),
    )


DEPARTURES = {
    "norrbotten": _norrbotten,
    "vasterbotten": _vasterbotten,
    "vasternorrland": _vasternorrland,
}


def _ostra() -> list[str]:
    return ["haparanda", "kalix", "overkalix", "overtornea"]


def _not_norra() -> set[str]:
    return {"boden", "lulea", "arjeplog", "arvidsjaur", "pitea", "alvsbyn", *_ostra()}
