"""Demo cases in Norrbotten, one in each step from a first concern to a closed case, made through
the same services as the pages (so their history and audit trail are real). Invented people;
identity numbers are valid test numbers, never real ones.

The school counsellor (`kurator`) opens the cases and the school's unit manager (`rektor`)
decides to call; the coordinator the meetings name is `socialsekreterare` of social services,
who calls and records the follow-ups.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership
from agreements.models import County
from structure.models import Organisation

from . import identity, services
from .access import keep_visibility
from .models import Case, Consent, Guardian, NetworkMeeting
from .rules import consent_rules, speaks_as_child

# (name, identity number, acute, how far the case has come, days since it was opened)
DEMO_CASES = [
    ("Elsa Lantto", "20140312-2391", False, "planned", 40),
    ("Vidar Keskitalo", "20110707-2397", False, "met", 20),
    ("Alva Nordin", "20160229-2383", True, "called", 4),
    ("Hugo Sandberg", "20090918-2396", False, "consented", 3),
    ("Maja Rova", "20120501-2386", False, "opened", 1),
    ("Liam Björk", "20150815-2384", False, "notified", 6),
    ("Ella Nyström", "20100404-2386", False, "follow_up_called", 90),
    ("Noah Lindberg", "20130921-2387", False, "followed_up", 120),
    ("Ebba Holmqvist", "20121010-2388", False, "revising", 110),
    ("Saga Marklund", "20081130-2389", False, "closed", 200),
]
# A consent given for a limited time, by the day after the start it holds to: Noah's ends within
# the county's reminder, so the inbox shows it.
LIMITED_CONSENT = {"Noah Lindberg": 140}
STEPS = [
    "opened",
    "consented",
    "called",
    "notified",
    "met",
    "planned",
    "follow_up_called",
    "followed_up",
    "revising",
    "closed",
]
ATTENDED = "{first}, vårdnadshavare, kurator, socialsekreterare och distriktssköterska"


def _plan_fields(first, school, social, region, start, complete=True):
    fields = {
        "needs": "Stöd i skolan, samtalsstöd och utredning av sömnsvårigheter.",
        "measures_by_others": "Inga.",
        "overall_responsibility": "lulea",
        "coordinator_name": "Sara Berg",
        "coordinator_organisation": social,
        "approved_by": f"Vårdnadshavare till {first}",
        "approved_on": start + datetime.timedelta(days=8),
        "approved_how": "at_meeting",
        "interventions": [
            {
                "description": "Särskilt stöd i skolan",
                "principal": "lulea",
                "organisation": school,
                "scope": "Tre lektioner i veckan",
                "performer": "Speciallärare",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": start + datetime.timedelta(days=60),
            },
            {
                "description": "Utredning av sömnsvårigheter",
                "principal": "region-norrbotten",
                "organisation": region,
                "scope": "Två besök",
                "performer": "Hälsocentralen",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": start + datetime.timedelta(days=60),
            },
        ],
        "no_further_action": [
            {
                "organisation": Organisation.objects.get(
                    key="region-norrbotten-barn-och-ungdomspsykiatri"
                ),
                "statement": "BUP bedömer att ingen egen utredning behövs nu; "
                "hälsocentralen utreder sömnen.",
            }
        ],
    }
    if not complete:
        # A draft from the meeting: the approval and the performers are still to come.
        fields.update(approved_by="", approved_on=None, approved_how="")
        for item in fields["interventions"]:
            item["performer"] = ""
    return fields


@transaction.atomic
def ensure_demo_cases() -> int:
    """Create the demo cases once; returns how many were created."""
    User = get_user_model()
    counsellor = User.objects.filter(username="kurator").first()
    manager = User.objects.filter(username="rektor").first()
    coordinator = User.objects.filter(username="socialsekreterare").first()
    if None in (counsellor, manager, coordinator) or Case.objects.exists():
        return 0
    school = Organisation.objects.get(key="lulea-barn-och-utbildning")
    social = Organisation.objects.get(key="lulea-socialtjansten")
    region = Organisation.objects.get(key="region-norrbotten-narsjukvard")
    today = timezone.localdate()
    rules = consent_rules(school.county)
    created = 0
    for name, number, acute, reached, age in DEMO_CASES:
        first = name.split()[0]
        start = today - datetime.timedelta(days=age)

        def day(n, start=start):
            return start + datetime.timedelta(days=n)

        case = services.do_open_case(
            counsellor,
            organisation=school,
            identity_number=number,
            name=name,
            concern="Hög frånvaro och oro för hemsituationen; behov av stöd från flera aktörer.",
            acute=acute,
            # Guardians only while they speak for the individual: a demo child grows up.
            guardians=(f"Vårdnadshavare till {first}",)
            if speaks_as_child(rules, identity.parse_identity_number(number).birth_date, today)
            else (),
        )
        Case.objects.filter(pk=case.pk).update(
            opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
        )
        case.refresh_from_db()
        # The lists read the opening day from the visibility rows.
        keep_visibility(case)
        created += 1
        goal = STEPS.index(reached)
        if goal >= 1:
            services.do_record_consent(
                counsellor,
                case,
                given_by=f"Vårdnadshavare till {first}",
                given_how="writing",
                given_on=start,
                valid_until=day(LIMITED_CONSENT[name]) if name in LIMITED_CONSENT else None,
                organisations=[social, region],
                child_view="Vill ha hjälp och vill vara med på mötet.",
            )
        if goal >= 2:
            services.do_decide_to_call(
                manager,
                case,
                decided_on=day(1),
                participants=[social, region],
                relatives="Mormor" if first == "Elsa" else "",
                relatives_suitable=first == "Elsa",
            )
        if goal >= 3:
            services.do_send_notice(counsellor, case, sent_on=day(2))
        if goal >= 4:
            services.do_record_meeting(
                counsellor,
                case,
                held_on=day(8),
                attended=ATTENDED.format(first=first),
                picture=f"{first} trivs med kompisarna men orkar inte hela skoldagar och sover "
                "dåligt. Familjen vill ha stöd och är med i planeringen.",
            )
            plan = services.do_draft_plan(
                counsellor,
                case,
                based_on=0,
                **_plan_fields(first, school, social, region, start, complete=goal >= 5),
            )
        if goal >= 5:
            services.do_establish_plan(counsellor, plan, on=day(8))
        if goal >= 6:
            services.do_call_follow_up(coordinator, case, called_on=day(50), meeting_on=day(60))
            case.refresh_from_db()
        if goal >= 7:
            closing = reached == "closed"
            outcome = {
                "closed": NetworkMeeting.Outcome.CLOSE,
                "revising": NetworkMeeting.Outcome.REVISE,
            }.get(reached, NetworkMeeting.Outcome.CONTINUE)
            services.do_record_follow_up(
                coordinator,
                case,
                held_on=day(60),
                attended=ATTENDED.format(first=first),
                picture="Närvaron har ökat och sömnen är bättre efter hälsocentralens besök.",
                outcome=outcome,
                reason="Målen i planen är nådda; familjen och skolan klarar sig utan SIP."
                if closing
                else "",
            )
            case.refresh_from_db()
        if reached == "revising":
            # The follow-up decided to revise the plan: a second version, a draft that waits for
            # the guardians' approval of it before it can be established.
            fields = _plan_fields(first, school, social, region, day(60), complete=False)
            fields["interventions"][1].update(
                scope="Ett uppföljande besök", performer="Hälsocentralen"
            )
            fields["interventions"][0]["performer"] = "Speciallärare"
            services.do_draft_plan(coordinator, case, based_on=1, **fields)
    return created


# An adult in Västerbotten who consents himself, and an elderly woman in Västernorrland whose
# god man consents: each county's own rules (its file's `individual` section) decide who may,
# and their deadlines run "as soon as possible" from the consent.
# (county, opening organisation (principal, sector, name), region's organisation, user, name,
# identity number, the representative or "", how far the case comes)
ADULT_DEMO_CASES = [
    (
        "vasterbotten",
        ("umea", "social_services", "Socialtjänsten, Umeå kommun"),
        ("region-vasterbotten", "health_care", "Hälso- och sjukvården, Region Västerbotten"),
        "socialsekreterare-vasterbotten",
        "Anders Lundmark",
        "19780614-2381",
        "",
        "planned",
    ),
    (
        "vasternorrland",
        ("sundsvall", "social_services", "Socialförvaltningen/motsvarande, Sundsvalls kommun"),
        (
            "region-vasternorrland",
            "health_care",
            "Hälso- och sjukvården (områdena), Region Västernorrland",
        ),
        "socialsekreterare-vasternorrland",
        "Gunhild Sjöberg",
        "19380219-2389",
        "Per Sjöberg",
        "met",
    ),
]


def _demo_organisation(county: str, principal: str, sector: str, name: str) -> Organisation:
    """The county's unit for the sector: the one its structure has, or a demo one named as the
    structure's generator names it (Västerbotten's seats sit in no social services unit)."""
    found = Organisation.objects.filter(
        county__slug=county, principal=principal, sector=sector
    ).first()
    if found is not None:
        return found
    return Organisation.objects.create(
        county=County.objects.get(slug=county),
        key=f"{principal}-{sector}".replace("_", "-"),
        name=name,
        principal=principal,
        sector=sector,
        is_demo=True,
    )


@transaction.atomic
def ensure_adult_demo_cases() -> int:
    """Create the adults' demo cases once, where their county's structure is built and their
    user exists; returns how many were created."""
    User = get_user_model()
    created = 0
    for (
        county,
        opening,
        regional,
        username,
        name,
        number,
        representative,
        reached,
    ) in ADULT_DEMO_CASES:
        user = User.objects.filter(username=username).first()
        built = Organisation.objects.filter(county__slug=county, is_demo=True).exists()
        if user is None or not built or Case.objects.filter(name_as_given=name).exists():
            continue
        social = _demo_organisation(county, *opening)
        region = _demo_organisation(county, *regional)
        # The unit manager decides to call; in the demo the same user takes every step.
        Membership.objects.update_or_create(
            user=user,
            defaults={"organisation": social, "role": Membership.Role.UNIT_MANAGER},
        )
        user.refresh_from_db()
        _adult_demo_case(user, social, region, name, number, representative, reached)
        created += 1
    return created


def _adult_demo_case(user, social, region, name, number, representative, reached):
    first = name.split()[0]
    start = timezone.localdate() - datetime.timedelta(days=20)

    def day(n):
        return start + datetime.timedelta(days=n)

    case = services.do_open_case(
        user,
        organisation=social,
        identity_number=number,
        name=name,
        concern=f"{first} behöver stöd i vardagen och vård från regionen; insatserna behöver "
        "samordnas.",
        representative=representative,
        representative_kind=Guardian.Kind.TRUSTEE,
    )
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    )
    case.refresh_from_db()
    keep_visibility(case)
    by_representative = bool(representative)
    services.do_record_consent(
        user,
        case,
        given_by=representative or name,
        given_as=(
            Consent.GivenAs.LEGAL_REPRESENTATIVE
            if by_representative
            else Consent.GivenAs.INDIVIDUAL
        ),
        given_how="writing",
        given_on=day(1),
        organisations=[region],
        child_view="Vill bo kvar hemma och ha samma personal." if by_representative else "",
    )
    services.do_decide_to_call(user, case, decided_on=day(2), participants=[region])
    services.do_send_notice(user, case, sent_on=day(3))
    services.do_record_meeting(
        user,
        case,
        held_on=day(8),
        attended=f"{first}, "
        + (f"{representative} (god man), " if representative else "")
        + "socialsekreterare och distriktssköterska",
        picture=f"{first} klarar mycket själv men behöver hjälp med mediciner och måltider.",
    )
    planned = reached == "planned"
    plan = services.do_draft_plan(
        user,
        case,
        based_on=0,
        needs="Hjälp med mediciner och måltider; uppföljning av hälsan.",
        measures_by_others="Inga.",
        overall_responsibility=social.principal,
        coordinator_name="Lina Öhman",
        coordinator_organisation=social,
        approved_by=(representative or name) if planned else "",
        approved_on=day(8) if planned else None,
        approved_how="on_paper" if planned else "",
        interventions=[
            {
                "description": "Hemtjänst med stöd vid måltider",
                "principal": social.principal,
                "organisation": social,
                "scope": "Två besök om dagen",
                "performer": "Hemtjänsten",
                "follow_up": "Nytt SIP-möte",
                "follow_up_on": day(90),
            },
            {
                "description": "Läkemedelsgenomgång",
                "principal": region.principal,
                "organisation": region,
                "scope": "Ett besök",
                "performer": "Hälsocentralen",
                "follow_up": "Nytt SIP-möte",
                "follow_up_on": day(90),
            },
        ],
    )
    if planned:
        services.do_establish_plan(user, plan, on=day(8))
