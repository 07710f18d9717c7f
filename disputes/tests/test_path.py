"""A dispute on responsibility or cost in a case: raised by a party, stated by each side, up
Norrbus' path one step at a time (kommungrupp, the area's group, the länsstyrgrupp) as a matter
of the structure that holds no personal data, and resolved with its outcome recorded back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from disputes import actions, queries
from disputes.models import Dispute
from matters.models import Handling
from outbox.models import Mail
from placements.actions import do_record_placement
from placements.models import CostAllocation

from .conftest import D

pytestmark = pytest.mark.django_db
RAISED_ON = D("2026-03-16")
STATEMENT = "Skolskjutsen under behandlingen är en del av vården och bekostas av regionen."


def _raise(people, orgs, case, subject="cost", on=RAISED_ON):
    return actions.do_raise_dispute(
        people["social"], case, subject=subject, respondent=orgs["bup"], statement=STATEMENT, on=on
    )


def test_raised_at_the_municipal_level_as_a_matter_without_personal_data(people, orgs, case):
    dispute = _raise(people, orgs, case)
    matter = dispute.matter
    assert (matter.kind, matter.body, matter.instance) == ("dispute", "kommungrupp", "lulea")
    assert (matter.dispute_document, matter.dispute_step) == ("norrbus", 0)
    text = matter.title + matter.question + "".join(h.text for h in matter.handlings.all())
    for personal in ("Elsa", "Lantto", "20140312", STATEMENT[:20], str(case.pk)):
        assert personal not in text
    [mail] = Mail.objects.filter(kind="disputes.statement_awaited")
    assert mail.recipient == "bup-chef@example.se"
    assert "Lantto" not in str(mail.params)
    assert AuditEvent.objects.get(code="disputes.raised").individual_id == case.individual_id
    assert [d.pk for d in queries.waiting_for(people["bup"], D("2026-03-16"))] == [dispute.pk]
    assert list(queries.waiting_for(people["social"], D("2026-03-16"))) == []


def test_only_a_party_of_the_case_raises_and_only_with_another_party(people, orgs, case):
    with pytest.raises(PermissionDenied):
        actions.do_raise_dispute(
            people["kiruna"], case, subject="cost", respondent=orgs["bup"], statement="x"
        )
    with pytest.raises(ValidationError) as refused:
        actions.do_raise_dispute(
            people["social"], case, subject="cost", respondent=orgs["kiruna"], statement=" "
        )
    assert set(refused.value.message_dict) == {"respondent", "statement"}
    with pytest.raises(ValidationError) as refused:
        actions.do_raise_dispute(
            people["social"], case, subject="weather", respondent=orgs["social"], statement="x"
        )
    assert set(refused.value.message_dict) == {"subject", "respondent"}


def test_each_side_states_once_and_the_body_waits_for_both(people, orgs, case):
    dispute = _raise(people, orgs, case)
    coordinator = people["coordinator"]
    with pytest.raises(ValidationError, match="Both sides|Båda parter"):
        actions.do_escalate_dispute(coordinator, dispute, to_step=1, text="x")
    with pytest.raises(PermissionDenied):
        actions.do_state_side(people["kiruna"], dispute, text="x")
    with pytest.raises(ValidationError):
        actions.do_state_side(people["social"], dispute, text="Igen")
    actions.do_state_side(
        people["bup"], dispute, text="Resor är kommunens ansvar.", on=D("2026-03-17")
    )
    assert list(queries.waiting_for(people["bup"], D("2026-03-17"))) == []
    assert dispute.statements.count() == 2


def test_climbs_one_step_at_a_time_a_skipped_step_is_refused(people, orgs, case):
    dispute = _raise(people, orgs, case)
    actions.do_state_side(
        people["bup"], dispute, text="Resor är kommunens ansvar.", on=D("2026-03-17")
    )
    coordinator = people["coordinator"]
    with pytest.raises(PermissionDenied):
        actions.do_escalate_dispute(people["social"], dispute, to_step=1, text="x")
    with pytest.raises(ValidationError) as refused:
        actions.do_escalate_dispute(coordinator, dispute, to_step=2, text="Till länsstyrgruppen")
    assert "to_step" in refused.value.message_dict
    dispute = actions.do_escalate_dispute(
        coordinator, dispute, to_step=1, text="Ingen enighet i kommungruppen.", on=D("2026-03-20")
    )
    assert (dispute.matter.body, dispute.matter.instance) == ("lansdelsgrupp", "boden-lulea")
    dispute = actions.do_escalate_dispute(
        coordinator, dispute, to_step=2, text="Ingen enighet i länsdelen.", on=D("2026-04-10")
    )
    assert (dispute.matter.body, dispute.matter.dispute_step) == ("lansstyrgrupp", 2)
    with pytest.raises(ValidationError):
        actions.do_escalate_dispute(coordinator, dispute, to_step=3, text="Vidare")
    escalations = dispute.matter.handlings.filter(outcome=Handling.Outcome.ESCALATED)
    assert [(h.on, h.text) for h in escalations.order_by("pk")] == [
        (D("2026-03-20"), "Ingen enighet i kommungruppen."),
        (D("2026-04-10"), "Ingen enighet i länsdelen."),
    ]


def test_resolved_on_cost_the_shares_kept_and_the_matter_closed(people, orgs, case):
    dispute = _raise(people, orgs, case)
    actions.do_state_side(
        people["bup"], dispute, text="Resor är kommunens ansvar.", on=D("2026-03-17")
    )
    coordinator = people["coordinator"]
    for shares in (
        [],
        [{"principal": "lulea", "percent": 60}, {"principal": "region-norrbotten", "percent": 30}],
        [{"principal": "kiruna", "percent": 100}],
    ):
        with pytest.raises(ValidationError) as refused:
            actions.do_resolve_dispute(coordinator, dispute, outcome="Delas.", shares=shares)
        assert "shares" in refused.value.message_dict
    dispute = actions.do_resolve_dispute(
        coordinator,
        dispute,
        outcome="Kostnaden delas lika.",
        shares=[
            {"principal": "lulea", "percent": 50},
            {"principal": "region-norrbotten", "percent": 50},
        ],
        on=D("2026-03-25"),
    )
    assert dispute.state == Dispute.State.RESOLVED
    assert sorted(dispute.shares.values_list("principal", "percent")) == [
        ("lulea", 50),
        ("region-norrbotten", 50),
    ]
    assert dispute.matter.state == "closed"
    assert "delas" not in dispute.matter.handlings.last().text
    with pytest.raises(ValidationError):
        actions.do_resolve_dispute(
            coordinator, dispute, outcome="Igen", responsible_principal="lulea"
        )


def test_resolved_on_responsibility_names_a_principal_of_the_case(people, orgs, case):
    dispute = _raise(people, orgs, case, subject="responsibility")
    actions.do_state_side(
        people["bup"], dispute, text="Insatsen är socialtjänstens.", on=D("2026-03-17")
    )
    with pytest.raises(ValidationError) as refused:
        actions.do_resolve_dispute(
            people["coordinator"], dispute, outcome="Kiruna", responsible_principal="kiruna"
        )
    assert "responsible_principal" in refused.value.message_dict
    dispute = actions.do_resolve_dispute(
        people["coordinator"],
        dispute,
        outcome="Regionen ansvarar för insatsen.",
        responsible_principal="region-norrbotten",
        on=D("2026-03-18"),
    )
    assert dispute.responsible_principal == "region-norrbotten"


def test_a_cost_outcome_becomes_the_placement_s_cost_allocation(people, orgs, case):
    placement = do_record_placement(
        people["social"],
        case,
        kind="family_home",
        compulsory=False,
        acute=True,
        decided_on=D("2026-03-10"),
        deciding_organisation=orgs["social"],
        starts_on=D("2026-03-10"),
    )
    dispute = _raise(people, orgs, case)
    actions.do_state_side(people["bup"], dispute, text="Kommunens kostnad.", on=D("2026-03-17"))
    dispute = actions.do_resolve_dispute(
        people["coordinator"],
        dispute,
        outcome="Regionen bär 70 procent.",
        shares=[
            {"principal": "lulea", "percent": 30},
            {"principal": "region-norrbotten", "percent": 70},
        ],
        on=D("2026-03-18"),
    )
    [allocation] = CostAllocation.objects.filter(placement=placement)
    assert (allocation.basis, allocation.agreed_on) == ("dispute", D("2026-03-18"))
    assert sorted(allocation.shares.values_list("principal", "percent")) == [
        ("lulea", 30),
        ("region-norrbotten", 70),
    ]
    assert dispute.allocation_number == allocation.number
