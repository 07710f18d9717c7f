"""A dispute follows the agreement's path and only one step at a time: Norrbus' "Oenighet vid
tillämpning av riktlinjer" (kommungrupp, then the area's group, then the länsstyrgrupp)."""

import pytest
from django.core.exceptions import ValidationError

from matters import actions, flow
from matters.models import Handling, Matter

pytestmark = pytest.mark.django_db


def test_norrbus_dispute_path_is_read_from_the_guideline(coordinator, lulea):
    [path] = [
        p
        for p in flow.dispute_paths(actions.county_documents(lulea.county_id))
        if p.document == "norrbus"
    ]
    assert path.path.steps == ["kommungrupp", "lansdelsgrupp", "lansstyrgrupp"]
    assert path.path.source.section == "Oenighet vid tillämpning av riktlinjer"


def test_a_dispute_climbs_one_step_at_a_time_and_stops_at_the_last(coordinator, lulea):
    matter = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(
            title="Kostnad för skolskjuts vid behandling",
            question="Vem bär kostnaden för skolskjuts under BUP-behandling?",
            body="kommungrupp",
            instance="lulea",
            kind=Matter.Kind.DISPUTE,
            dispute="norrbus:0",
        ),
    )
    assert matter.dispute_step == 0
    matter = actions.do_escalate_matter(coordinator, matter, text="Ingen enighet i kommungruppen.")
    assert (matter.body, matter.instance, matter.dispute_step) == (
        "lansdelsgrupp",
        "boden-lulea",
        1,
    )
    matter = actions.do_escalate_matter(coordinator, matter)
    assert (matter.body, matter.instance, matter.dispute_step) == ("lansstyrgrupp", "", 2)
    with pytest.raises(ValidationError, match="last step|sista steget"):
        actions.do_escalate_matter(coordinator, matter)
    escalations = matter.handlings.filter(outcome=Handling.Outcome.ESCALATED).order_by("pk")
    assert [(h.body, h.target_body) for h in escalations] == [
        ("kommungrupp", "lansdelsgrupp"),
        ("lansdelsgrupp", "lansstyrgrupp"),
    ]


def test_a_dispute_needs_its_path_and_a_question_is_not_escalated(coordinator, lulea):
    raised = actions.Raised(
        title="Tvist",
        question="Om ansvar",
        body="kommungrupp",
        instance="lulea",
        kind=Matter.Kind.DISPUTE,
        dispute="norrbus:7",
    )
    with pytest.raises(ValidationError) as refused:
        actions.do_raise_matter(coordinator, organisation=lulea, raised=raised)
    assert "dispute" in refused.value.message_dict
    question = actions.do_raise_matter(
        coordinator,
        organisation=lulea,
        raised=actions.Raised(
            title="Fråga", question="Om ansvar", body="kommungrupp", instance="lulea"
        ),
    )
    with pytest.raises(ValidationError):
        actions.do_escalate_matter(coordinator, question)
