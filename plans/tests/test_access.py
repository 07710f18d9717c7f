"""Who sees a case: the opening organisation; participants while consent covers them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts.models import Membership
from plans.access import can_see, visible_cases
from plans.services import do_decide_to_call, do_record_consent, do_withdraw_consent
from plans.worklist import open_deadlines
from structure.models import Organisation

from .test_case_steps import open_case

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def member(username, organisation, role=None):
    role = role or Membership.Role.PROFESSIONAL
    user = get_user_model().objects.create_user(username, password="x" * 16)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    get = lambda key: Organisation.objects.get(county=county, key=key)  # noqa: E731
    return {
        "school": get("lulea-barn-och-utbildning"),
        "social": get("lulea-socialtjansten"),
        "bup": get("region-norrbotten-barn-och-ungdomspsykiatri"),
        "kalix": get("kalix-socialtjansten"),
    }


@pytest.fixture
def people(orgs):
    # The school's user is its unit manager: they open the cases and decide to call.
    return {
        name: member(name, org, Membership.Role.UNIT_MANAGER if name == "school" else None)
        for name, org in orgs.items()
    }


def test_until_consent_only_the_opening_organisation_sees(orgs, people):
    case = open_case(people["school"], orgs["school"])
    assert can_see(people["school"], case)
    assert not any(can_see(people[n], case) for n in ("social", "bup", "kalix"))


def test_participants_see_while_the_consent_covers_them(orgs, people):
    case = open_case(people["school"], orgs["school"])
    consent = do_record_consent(
        people["school"],
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"], orgs["bup"]],
    )
    do_decide_to_call(
        people["school"],
        case,
        decided_on=D("2026-03-03"),
        participants=[orgs["social"], orgs["bup"]],
    )
    on = D("2026-03-04")
    assert can_see(people["social"], case, on) and can_see(people["bup"], case, on)
    assert not can_see(people["kalix"], case, on)  # not taking part
    do_withdraw_consent(people["school"], consent, D("2026-03-05"))
    later = D("2026-03-06")
    assert not can_see(people["social"], case, later) and not can_see(people["bup"], case, later)
    assert can_see(people["school"], case, later)  # the opening organisation keeps its record


def test_a_participant_outside_the_consent_is_refused(orgs, people):
    case = open_case(people["school"], orgs["school"])
    do_record_consent(
        people["school"],
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"]],
    )
    with pytest.raises(ValidationError) as error:
        do_decide_to_call(
            people["school"], case, decided_on=D("2026-03-03"), participants=[orgs["bup"]]
        )
    assert "participants" in error.value.message_dict


def test_a_user_without_an_organisation_sees_nothing(orgs, people):
    open_case(people["school"], orgs["school"])
    loner = get_user_model().objects.create_user("utan", password="x" * 16)
    assert list(visible_cases(loner)) == []


def test_open_deadlines_most_urgent_first(orgs, people):
    calm = open_case(people["school"], orgs["school"])
    do_record_consent(
        people["school"],
        calm,
        given_by="M",
        given_how="writing",
        given_on=D("2026-03-10"),
        organisations=[orgs["social"]],
    )
    # A young adult (18 to 20, within Norrbus's target group): no guardians.
    late = open_case(
        people["school"],
        orgs["school"],
        identity_number="20071212-1219",
        name="Nils Holm",
        guardians=(),
    )
    do_record_consent(
        people["school"],
        late,
        given_by="N",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"]],
    )
    acute = open_case(
        people["school"],
        orgs["school"],
        identity_number="20141063-2390",
        name="Aino Palo",
        acute=True,
        guardians=(),
    )
    do_record_consent(
        people["school"],
        acute,
        given_by="A",
        given_how="orally",
        given_on=D("2026-03-09"),
        organisations=[orgs["social"]],
    )
    do_decide_to_call(people["school"], acute, decided_on=D("2026-03-09"))
    listed = open_deadlines(people["school"], today=D("2026-03-11"))
    assert [(d.case_id, d.step_code) for d in listed] == [
        (acute.pk, "meeting"),  # as soon as possible
        (late.pk, "notice"),  # due 9 March: overdue
        (acute.pk, "notice"),
        (calm.pk, "notice"),
    ]
    assert listed[1].working_days_left == -2
    assert open_deadlines(people["kalix"], today=D("2026-03-11")) == []
