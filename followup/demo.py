"""Demo figures for the follow-up page: forty earlier cases of Luleå's school in Norrbotten, over
the past year, made through the same services as the pages, so that every indicator of the
individual level shows a figure above the small-number threshold rather than "fewer than 5".
Some notices and meetings come late and some plans are not followed up on their day, so the
shares are not all 100 %. Invented people; identity numbers are made with a valid check digit
in the serial numbers the other demo cases use.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from plans import services
from plans.access import keep_visibility
from plans.models import Case, NetworkMeeting
from structure.models import Organisation

DEMO_CASES = 40
FIRST_NAMES = "Elin Ida Tuva Stina Lova Olle Melker Sixten Tage Ivar".split()
LAST_NAMES = "Lundberg Pekkari Kuoksu Öhman Blind Wikström Marainen Lindbäck".split()
# Serial numbers of the demo's identity numbers (plans.demo uses 238x and 239x).
SERIAL = "237"
ATTENDED = "Vårdnadshavare, kurator, socialsekreterare och distriktssköterska"


def _luhn(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 - position % 2)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def _identity_number(born: datetime.date) -> str:
    digits = f"{born:%y%m%d}{SERIAL}"
    return f"{born:%Y%m%d}-{SERIAL}{_luhn(digits)}"


@transaction.atomic
def ensure_demo_followup() -> int:
    """Create the follow-up's demo cases once, after plans.demo's; returns how many."""
    User = get_user_model()
    counsellor = User.objects.filter(username="kurator").first()
    manager = User.objects.filter(username="rektor").first()
    coordinator = User.objects.filter(username="socialsekreterare").first()
    if None in (counsellor, manager, coordinator):
        return 0
    if Case.objects.filter(concern__startswith=CONCERN).exists():
        return 0
    school = Organisation.objects.get(key="lulea-barn-och-utbildning")
    social = Organisation.objects.get(key="lulea-socialtjansten")
    region = Organisation.objects.get(key="region-norrbotten-narsjukvard")
    rng = random.Random(13)
    today = timezone.localdate()
    for n in range(DEMO_CASES):
        start = today - datetime.timedelta(days=rng.randint(120, 360))
        born = datetime.date(rng.randint(2009, 2018), rng.randint(1, 12), rng.randint(1, 28))
        _demo_case(n, rng, start, born, counsellor, manager, coordinator, school, social, region)
    return DEMO_CASES


CONCERN = "Uppföljningens demo: "


def _demo_case(n, rng, start, born, counsellor, manager, coordinator, school, social, region):
    def day(offset: int) -> datetime.date:
        return start + datetime.timedelta(days=offset)

    name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}"
    case = services.do_open_case(
        counsellor,
        organisation=school,
        identity_number=_identity_number(born),
        name=name,
        concern=f"{CONCERN}oro för frånvaro och sömn; behov av stöd från flera aktörer.",
        acute=n % 10 == 0,
        guardians=(f"Vårdnadshavare till {name.split()[0]}",),
        name_conflict_checked=True,
    )
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    )
    case.refresh_from_db()
    keep_visibility(case)
    services.do_record_consent(
        counsellor,
        case,
        given_by=f"Vårdnadshavare till {name.split()[0]}",
        given_how="writing",
        given_on=start,
        organisations=[social, region],
    )
    services.do_decide_to_call(manager, case, decided_on=day(1), participants=[social, region])
    # Mostly within five working days of the consent, now and then later.
    notice = 1 + rng.choice([1, 1, 2, 2, 3, 4, 9])
    services.do_send_notice(counsellor, case, sent_on=day(notice))
    held = notice + rng.choice([5, 7, 8, 10, 12, 20])
    services.do_record_meeting(counsellor, case, held_on=day(held), attended=ATTENDED)
    follow_up_on = day(held + 60)
    plan = services.do_draft_plan(
        counsellor,
        case,
        based_on=0,
        needs="Stöd i skolan och utredning av sömnsvårigheter.",
        measures_by_others="Inga.",
        overall_responsibility="lulea",
        coordinator_name="Sara Berg",
        coordinator_organisation=social,
        approved_by=f"Vårdnadshavare till {name.split()[0]}",
        approved_on=day(held),
        approved_how="at_meeting",
        interventions=[
            {
                "description": "Särskilt stöd i skolan",
                "principal": "lulea",
                "organisation": school,
                "scope": "Tre lektioner i veckan",
                "performer": "Speciallärare",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": follow_up_on,
            },
            {
                "description": "Utredning av sömnsvårigheter",
                "principal": "region-norrbotten",
                "organisation": region,
                "scope": "Två besök",
                "performer": "Hälsocentralen",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": follow_up_on,
            },
        ],
    )
    services.do_establish_plan(counsellor, plan, on=day(held))
    today = timezone.localdate()
    # Most plans are followed up on their day, some a week or two late.
    follow_up = held + 60 + rng.choice([0, 0, -3, 0, 7, 14])
    if day(follow_up) < today:
        services.do_call_follow_up(
            coordinator, case, called_on=day(follow_up - 14), meeting_on=day(follow_up)
        )
        case.refresh_from_db()
        services.do_record_follow_up(
            coordinator,
            case,
            held_on=day(follow_up),
            attended=ATTENDED,
            picture="Närvaron har ökat och sömnen är bättre.",
            outcome=NetworkMeeting.Outcome.CONTINUE,
        )
