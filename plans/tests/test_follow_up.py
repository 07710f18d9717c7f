"""After the plan: follow-up meetings called by the coordinator on the plan's dates, the plan
revised or the case closed with a reason (004 "Samordnare"); who decides to call, relatives,
and versions that never overwrite each other."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Membership
from audit.services import verify
from plans.compare import compare
from plans.deadlines import case_deadlines
from plans.models import Case, NetworkMeeting, PendingDeadline
from plans.rules import individual_rules
from plans.services import (
    do_call_follow_up,
    do_close_case,
    do_decide_to_call,
    do_draft_plan,
    do_establish_plan,
    do_record_consent,
    do_record_follow_up,
    do_withdraw_consent,
)
from structure.actions import ConflictError

from .test_case_steps import open_case
from .test_plan import complete

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def planned(met_case, orgs):
    case, user = met_case
    plan = do_draft_plan(user, case, based_on=0, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-12"))
    case.refresh_from_db()
    return case, user


def test_the_plans_follow_up_date_is_a_deadline(planned):
    case, _user = planned
    rules, _ = individual_rules(case.individual.county)
    follow_up = [d for d in case_deadlines(case, rules) if d.step == "follow_up"]
    assert [(d.on, d.done_on) for d in follow_up] == [(D("2026-05-20"), None)]
    assert follow_up[0].rule.source.section == "Samordnare"
    assert follow_up[0].overdue(D("2026-05-21"))


def test_follow_up_called_held_and_the_plan_revised(planned, orgs):
    case, user = planned
    meeting = do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    assert case.state == Case.State.FOLLOW_UP_CALLED and meeting.planned_for == D("2026-05-18")
    rules, _ = individual_rules(case.individual.county)
    [due] = [d for d in case_deadlines(case, rules) if d.step == "follow_up"]
    assert due.on == D("2026-05-18") and due.done_on is None
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-18"),
        attended="Elsa, Maria Lantto, Karin Holm",
        picture="Närvaron är bättre.",
        outcome=NetworkMeeting.Outcome.REVISE,
    )
    case.refresh_from_db()
    assert case.state == Case.State.REVISING
    # The revised plan sets the next follow-up date; the meeting held is kept as done. The
    # approval given to version 1 is not the approval of version 2.
    revised = complete(orgs, needs="Stöd i skolan och till familjen.")
    revised["interventions"][0]["follow_up_on"] = D("2026-09-15")
    revised["interventions"][1]["follow_up_on"] = D("2026-09-15")
    plan = do_draft_plan(user, case, based_on=1, **revised)
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, plan, on=D("2026-05-18"))
    assert any("version before" in m for m in error.value.messages)
    revised["approved_on"] = D("2026-05-18")
    plan = do_draft_plan(user, case, based_on=2, **revised)
    do_establish_plan(user, plan, on=D("2026-05-18"))
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED
    dues = [d for d in case_deadlines(case, rules) if d.step == "follow_up"]
    assert [(d.on, d.done_on) for d in dues] == [
        (D("2026-05-18"), D("2026-05-18")),
        (D("2026-09-15"), None),
    ]
    assert verify().intact


def test_the_follow_up_waits_for_the_coordinator_of_the_plan_in_force(planned, orgs):
    """Whose step a follow-up is (the inbox's) follows the plan in force: a revision naming
    another coordinator moves it there once it is established, not while it is a draft."""
    case, user = planned
    _school, social, bup = orgs.values()

    def whose():
        pending = PendingDeadline.objects.filter(case=case, step="follow_up")
        return list(pending.values_list("organisation", flat=True))

    assert whose() == [social.pk]
    do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-18"),
        attended="Alla",
        picture="Vården tar över samordningen.",
        outcome=NetworkMeeting.Outcome.REVISE,
    )
    revised = complete(orgs, coordinator_organisation=bup, approved_on=D("2026-05-18"))
    for intervention in revised["interventions"]:
        intervention["follow_up_on"] = D("2026-09-15")
    plan = do_draft_plan(user, case, based_on=1, **revised)
    assert bup.pk not in whose()
    do_establish_plan(user, plan, on=D("2026-05-18"))
    assert whose() == [bup.pk]


def test_a_follow_up_that_closes_the_case_needs_a_reason(planned):
    case, user = planned
    do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-20"))
    with pytest.raises(ValidationError) as error:
        do_record_follow_up(
            user,
            case,
            held_on=D("2026-05-20"),
            attended="Alla",
            picture="Målen är nådda.",
            outcome=NetworkMeeting.Outcome.CLOSE,
        )
    assert "reason" in error.value.message_dict
    do_record_follow_up(
        user,
        case,
        held_on=D("2026-05-20"),
        attended="Alla",
        picture="Målen är nådda.",
        outcome=NetworkMeeting.Outcome.CLOSE,
        reason="Målen i planen är nådda.",
    )
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_on == D("2026-05-20")
    rules, _ = individual_rules(case.individual.county)
    assert not [d for d in case_deadlines(case, rules) if d.done_on is None]


def test_dates_in_the_wrong_order_are_refused(planned):
    case, user = planned
    with pytest.raises(ValidationError) as error:
        do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-01"))
    assert "meeting_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        do_call_follow_up(user, case, called_on=D("2026-03-01"), meeting_on=D("2026-05-01"))
    assert "called_on" in error.value.message_dict  # before the plan was established


def test_no_follow_up_is_called_once_consent_is_withdrawn(planned):
    case, user = planned
    do_withdraw_consent(user, case.consents.get(), D("2026-04-01"))
    with pytest.raises(ValidationError):
        do_call_follow_up(user, case, called_on=D("2026-05-04"), meeting_on=D("2026-05-18"))
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED  # nothing half-done


def test_a_case_is_closed_at_any_step_with_a_reason(met_case):
    case, user = met_case
    with pytest.raises(ValidationError):
        do_close_case(user, case, on=D("2026-03-20"), reason=" ")
    do_close_case(user, case, on=D("2026-03-20"), reason="Familjen har flyttat från länet.")
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.closed_by == user
    with pytest.raises(ValidationError):
        do_close_case(user, case, on=D("2026-03-21"), reason="Igen.")


def test_two_authors_of_the_same_plan_lose_nothing(met_case, orgs):
    case, user = met_case
    do_draft_plan(user, case, based_on=0, **complete(orgs))
    other = complete(orgs, needs="Den andras text.")
    with pytest.raises(ConflictError) as error:
        do_draft_plan(user, case, based_on=0, **other)
    assert "version 1" in str(error.value)
    assert [p.number for p in case.plans.all()] == [1]
    # Saved again on what is there now, it changes the draft in place.
    do_draft_plan(user, case, based_on=1, **other)
    assert list(case.plans.values_list("number", "needs")) == [(1, "Den andras text.")]


def test_a_version_is_established_once(met_case, orgs):
    case, user = met_case
    first = do_draft_plan(user, case, based_on=0, **complete(orgs))
    do_establish_plan(user, first, on=D("2026-03-12"))
    with pytest.raises(ValidationError):
        do_establish_plan(user, first, on=D("2026-03-13"))


def test_versions_compared(met_case, orgs):
    case, user = met_case
    old = do_draft_plan(user, case, based_on=0, **complete(orgs))
    do_establish_plan(user, old, on=D("2026-03-12"))
    fields = complete(orgs, needs="Nytt behov.")
    fields["interventions"][0]["scope"] = "Sex besök"
    del fields["interventions"][1]
    fields["interventions"].append({"description": "Familjestöd", "principal": "lulea"})
    new = do_draft_plan(user, case, based_on=1, **fields)
    comparison = compare(old, new)
    assert [c.label for c in comparison.fields] == ["Needs", "Established on"]
    statuses = {i.description: i.status for i in comparison.interventions}
    assert statuses == {
        "Neuropsykiatrisk utredning": "changed",
        "Familjestöd": "added",
        "Särskilt stöd i matematik och svenska": "removed",
    }
    [scope] = comparison.interventions[0].changes
    assert (scope.before, scope.after) == ("Fyra besök", "Sex besök")
    assert compare(old, old).identical


def test_only_the_unit_manager_or_the_appointed_decides_to_call(orgs):
    school, social, _bup = orgs.values()
    User = get_user_model()
    professional = User.objects.create_user("larare", password="x" * 16)
    Membership.objects.create(user=professional, organisation=school, role="professional")
    elsewhere = User.objects.create_user("chef", password="x" * 16)
    Membership.objects.create(user=elsewhere, organisation=social, role="unit_manager")
    case = open_case(professional, school)
    do_record_consent(
        professional,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    for user in (professional, elsewhere):  # not appointed; another organisation's manager
        with pytest.raises(PermissionDenied):
            do_decide_to_call(user, case, decided_on=D("2026-03-03"))
    Membership.objects.filter(user=professional).update(decides_on_network_meetings=True)
    professional.refresh_from_db()
    do_decide_to_call(professional, case, decided_on=D("2026-03-03"))


def test_relatives_take_part_only_when_suitable_and_not_opposed(orgs):
    school, social, _bup = orgs.values()
    manager = get_user_model().objects.create_user("rektor", password="x" * 16)
    Membership.objects.create(user=manager, organisation=school, role="unit_manager")
    case = open_case(manager, school)
    do_record_consent(
        manager,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social],
    )
    with pytest.raises(ValidationError) as error:
        do_decide_to_call(manager, case, decided_on=D("2026-03-03"), relatives="Mormor")
    assert "relatives" in error.value.message_dict
    do_decide_to_call(
        manager, case, decided_on=D("2026-03-03"), relatives="Mormor", relatives_suitable=True
    )
    case.refresh_from_db()
    assert case.relatives == "Mormor"
