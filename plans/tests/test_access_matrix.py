"""The access matrix: every role × the user's organisation's part in the case × the consent's
state, against every page and API endpoint that reaches a case. The case is revealed only where
the rule allows it (plans.access): to the opening organisation always; to an organisation taking
part only while a consent in force covers it. Everywhere else the answer is 404 or 403 without
the individual's name, nothing changes, and a 404 is logged as refused."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership
from audit.models import AuditEvent
from plans.models import Case
from plans.services import do_decide_to_call, do_open_case, do_record_consent, do_withdraw_consent
from structure.models import Organisation

from .test_case_pages import verified_login

NAME = "Elsa Lantto"
SHARED_WITH = ["lulea-socialtjansten", "region-norrbotten-barn-och-ungdomspsykiatri"]

# The user's organisation by its part in the case: the case is opened by the school, social
# services take part, the consent names child psychiatry too, and Kalix has nothing to do with it.
PARTICIPATION = {
    "opening": "lulea-barn-och-utbildning",
    "taking-part": "lulea-socialtjansten",
    "named-in-consent": "region-norrbotten-barn-och-ungdomspsykiatri",
    "neither": "kalix-socialtjansten",
}
ROLES = [*Membership.Role.values, "no-membership"]
CONSENT = ["none", "in-force", "withdrawn"]


def allowed(role: str, participation: str, consent: str) -> bool:
    # Only roles that work with individuals reach cases: not the coordinator of the structure,
    # the auditor or the administrator (accounts.roles.works_with_individuals).
    if role not in (Membership.Role.PROFESSIONAL, Membership.Role.UNIT_MANAGER):
        return False
    return participation == "opening" or (participation == "taking-part" and consent == "in-force")


@dataclass(frozen=True)
class Endpoint:
    """One address that reaches a case (`{pk}` in `url`). `data` builds a POST from the case as
    it is now and today; `json` sends it as JSON (the API) rather than as a form (the pages).
    `acts`: the address takes a step, and answers 403 to those who only see the case."""

    method: str
    url: str
    data: Callable[[Case, datetime.date], dict] | None = None
    json: bool = False
    acts: bool = False
    # The list reveals a case by listing it, not by a name.
    lists: bool = False
    # Reaches something inside the case (a plan, a consent) the matrix's case may lack: 404 is
    # then a fair answer to those who may see the case.
    missing_ok: bool = False

    def call(self, client, case: Case, today: datetime.date):
        consent = case.consents.order_by("pk").first()
        url = self.url.format(pk=case.pk, consent=consent.pk if consent else 0)
        if self.method == "get":
            return client.get(url)
        data = self.data(case, today) if self.data else {}
        if self.json:
            return client.post(url, data, content_type="application/json")
        return client.post(url, data)

    def reveals(self, response, case: Case) -> bool:
        if self.lists and self.json:
            return response.status_code == 200 and case.pk in {c["id"] for c in response.json()}
        if self.lists:
            return f'href="/arenden/{case.pk}/"' in response.content.decode()
        return response.status_code not in (403, 404) or NAME in response.content.decode()


def _day(field):
    return lambda case, today: {"version": case.version, field: today.isoformat()}


# Every address that reaches a case; a new page or endpoint on cases belongs here.
ENDPOINTS = {
    "page": Endpoint("get", "/arenden/{pk}/"),
    "page-step": Endpoint("post", "/arenden/{pk}/steg/", _day("day"), acts=True),
    "page-list": Endpoint("get", "/arenden/lista/", lists=True),
    "page-plan-edit": Endpoint("get", "/arenden/{pk}/plan/", acts=True),
    "page-plan": Endpoint("get", "/arenden/{pk}/plan/1/", missing_ok=True),
    "page-compare": Endpoint("get", "/arenden/{pk}/plan/jamfor/", missing_ok=True),
    "page-establish": Endpoint(
        "post", "/arenden/{pk}/plan/1/", _day("established_on"), acts=True, missing_ok=True
    ),
    "page-withdraw": Endpoint(
        "post",
        "/arenden/{pk}/samtycke/{consent}/aterkalla/",
        lambda case, today: {**_day("withdrawn_on")(case, today), "confirmed": "1"},
        acts=True,
        missing_ok=True,
    ),
    "page-close": Endpoint(
        "post",
        "/arenden/{pk}/avsluta/",
        lambda case, today: {
            "version": case.version,
            "closed_on": today,
            "reason": "Flyttat.",
            "confirmed": "1",
        },
        acts=True,
    ),
    "api-list": Endpoint("get", "/api/cases", json=True, lists=True),
    "api-case": Endpoint("get", "/api/cases/{pk}"),
    "api-consents": Endpoint(
        "post",
        "/api/cases/{pk}/consents",
        lambda case, today: {
            "version": case.version,
            "given_by": "Maria Lantto",
            "given_how": "orally",
            "given_on": today.isoformat(),
            "organisations": SHARED_WITH,
        },
        json=True,
        acts=True,
    ),
    "api-decision": Endpoint(
        "post", "/api/cases/{pk}/decision", _day("decided_on"), json=True, acts=True
    ),
    "api-notice": Endpoint("post", "/api/cases/{pk}/notice", _day("sent_on"), json=True, acts=True),
    "api-meeting": Endpoint(
        "post", "/api/cases/{pk}/meeting", _day("held_on"), json=True, acts=True
    ),
    "api-plans": Endpoint(
        "post", "/api/cases/{pk}/plans", lambda case, today: {"based_on": 0}, json=True, acts=True
    ),
    "api-establish": Endpoint(
        "post",
        "/api/cases/{pk}/plans/1/establish",
        lambda case, today: {"established_on": today.isoformat()},
        json=True,
        acts=True,
        missing_ok=True,
    ),
    "api-follow-up": Endpoint(
        "post",
        "/api/cases/{pk}/follow-up",
        lambda case, today: {
            "version": case.version,
            "called_on": today.isoformat(),
            "meeting_on": today.isoformat(),
        },
        json=True,
        acts=True,
    ),
    "api-follow-up-held": Endpoint(
        "post",
        "/api/cases/{pk}/follow-up/held",
        lambda case, today: {
            "version": case.version,
            "held_on": today.isoformat(),
            "attended": "Alla",
            "picture": "Bra.",
            "outcome": "continue",
        },
        json=True,
        acts=True,
    ),
    "api-withdrawal": Endpoint(
        "post",
        "/api/cases/{pk}/consents/{consent}/withdrawal",
        _day("withdrawn_on"),
        json=True,
        acts=True,
        missing_ok=True,
    ),
    "api-closing": Endpoint(
        "post",
        "/api/cases/{pk}/closing",
        lambda case, today: {
            "version": case.version,
            "closed_on": today.isoformat(),
            "reason": "Flyttat.",
        },
        json=True,
        acts=True,
    ),
}


@dataclass
class World:
    organisations: dict[str, Organisation]
    opener: object
    users: dict[tuple[str, str], object]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The county, its organisations and a user per role and organisation, built once for the
    module in a transaction rolled back after its last test. Each test runs in a savepoint
    inside it, so what a test does is undone as usual."""
    from structure.tests.builders import loaded_county

    with django_db_blocker.unblock(), transaction.atomic():
        county = loaded_county("norrbotten")
        organisations = {
            part: Organisation.objects.get(county=county, key=key)
            for part, key in PARTICIPATION.items()
        }
        make = get_user_model().objects.create_user
        loner = make("utan-organisation")
        users = {}
        for part, organisation in organisations.items():
            users["no-membership", part] = loner
            for role in Membership.Role.values:
                users[role, part] = make(f"{role}-{part}")
                Membership.objects.create(
                    user=users[role, part], organisation=organisation, role=role
                )
        opener = make("opener")
        Membership.objects.create(
            user=opener, organisation=organisations["opening"], role="unit_manager"
        )
        yield World(organisations, opener, users)
        transaction.set_rollback(True)


def build_case(world: World, consent: str, today: datetime.date) -> Case:
    """A case opened by the school, social services taking part, in the consent state asked."""
    school, social, bup = (world.organisations[p] for p in PARTICIPATION if p != "neither")
    case = do_open_case(
        world.opener,
        organisation=school,
        identity_number="20140312-2391",
        name=NAME,
        concern="Hög frånvaro, oro hemma.",
    )
    if consent == "none":
        # Taking part without any consent: no service gets a case there, the rule must hold still.
        case.participants.add(social)
    else:
        given = do_record_consent(
            world.opener,
            case,
            given_by="Maria Lantto",
            given_how="writing",
            given_on=today,
            organisations=[social, bup],
        )
        do_decide_to_call(world.opener, case, decided_on=today, participants=[social])
        if consent == "withdrawn":
            do_withdraw_consent(world.opener, given, today)
    return case


def state_of(case: Case) -> tuple:
    case = Case.objects.get(pk=case.pk)
    return (case.state, case.version, case.consents.count(), case.plans.count())


@pytest.mark.django_db
@pytest.mark.parametrize("consent", CONSENT)
@pytest.mark.parametrize("participation", PARTICIPATION)
@pytest.mark.parametrize("role", ROLES)
def test_a_case_is_revealed_only_where_the_rule_allows(client, world, role, participation, consent):
    today = timezone.localdate()
    case = build_case(world, consent, today)
    verified_login(client, world.users[role, participation])
    may = allowed(role, participation, consent)
    for name, endpoint in ENDPOINTS.items():
        before = state_of(case)
        refused = AuditEvent.objects.filter(action="refused").count()
        response = endpoint.call(client, Case.objects.get(pk=case.pk), today)
        if may:
            # Reads show the case; a step may be refused for the role, the organisation or the
            # case's state, but never as if the case were not there.
            if endpoint.missing_ok and response.status_code == 404:
                continue
            if endpoint.acts:
                assert response.status_code != 404, name
            else:
                assert endpoint.reveals(response, case), name
            continue
        assert not endpoint.reveals(response, case), (name, response.status_code)
        assert state_of(case) == before, name
        if response.status_code == 404:
            assert AuditEvent.objects.filter(action="refused").count() == refused + 1, name
