"""The SIP: what it must hold before it is established (the law's four points, Norrbus' rules),
and its versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from plans.models import Case
from plans.services import (
    do_draft_plan,
    do_establish_plan,
)

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def english():
    # The assertions read the English messages; the Swedish ones are the translator's.
    with translation.override("en"):
        yield


def complete(orgs, **changes):
    school, social, bup = orgs.values()
    fields = {
        "needs": "Stöd i skolan, utredning av neuropsykiatriska svårigheter, stöd till familjen.",
        "measures_by_others": "Inga.",
        "overall_responsibility": "lulea",
        "coordinator_name": "Karin Holm",
        "coordinator_organisation": social,
        "approved_by": "Maria Lantto (vårdnadshavare)",
        "approved_on": D("2026-03-12"),
        "approved_how": "at_meeting",
        "interventions": [
            {
                "description": "Neuropsykiatrisk utredning",
                "principal": "region-norrbotten",
                "organisation": bup,
                "scope": "Fyra besök",
                "performer": "BUP Luleå",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": D("2026-05-20"),
            },
            {
                "description": "Särskilt stöd i matematik och svenska",
                "principal": "lulea",
                "organisation": school,
                "scope": "Tre lektioner i veckan",
                "performer": "Speciallärare",
                "follow_up": "Åtgärdsprogrammet utvärderas",
                "follow_up_on": D("2026-05-20"),
            },
        ],
    }
    fields.update(changes)
    return fields


def test_a_complete_plan_is_established(met_case, orgs):
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-12"))
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED and plan.established_on == D("2026-03-12")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"needs": ""}, "point 1"),
        ({"measures_by_others": ""}, "point 3"),
        ({"overall_responsibility": ""}, "point 4"),
        ({"approved_by": ""}, "approval"),
        ({"coordinator_name": ""}, "coordinator"),
    ],
)
def test_the_page_says_what_is_missing(met_case, orgs, change, says):
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs, **change))
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, plan, on=D("2026-03-12"))
    assert any(says in message for message in error.value.messages)
    case.refresh_from_db()
    assert case.state == Case.State.MET


def test_a_school_coordinator_needs_a_plan_owner_from_social_services_or_health_care(
    met_case, orgs
):
    # 004 "Planansvarig": "I de fall samordnare utses utanför socialtjänsten eller hälso- och
    # sjukvården måste också särskild planansvarig utses."
    school, social, _bup = orgs.values()
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs, coordinator_organisation=school))
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, plan, on=D("2026-03-12"))
    assert any("plan owner" in m for m in error.value.messages)
    fixed = do_draft_plan(
        user,
        case,
        **complete(
            orgs,
            coordinator_organisation=school,
            plan_owner_name="Sara Berg",
            plan_owner_organisation=social,
            # The changed draft is approved anew: the approval holds for what it was given to.
            approved_on=D("2026-03-13"),
        ),
    )
    do_establish_plan(user, fixed, on=D("2026-03-13"))
    assert [p.number for p in case.plans.all()] == [1]  # the draft was changed in place


def test_an_intervention_lacking_its_follow_up_is_named(met_case, orgs):
    case, user = met_case
    fields = complete(orgs)
    fields["interventions"][0]["follow_up_on"] = None
    plan = do_draft_plan(user, case, **fields)
    with pytest.raises(ValidationError) as error:
        do_establish_plan(user, plan, on=D("2026-03-12"))
    assert any("Neuropsykiatrisk utredning" in m for m in error.value.messages)
