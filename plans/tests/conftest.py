"""Fixtures shared by the individual level's tests: Norrbotten's school, social services and BUP,
and a case whose network meeting has been held."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Membership
from plans.services import do_decide_to_call, do_record_consent, do_record_meeting, do_send_notice
from structure.models import Organisation

from .test_case_steps import open_case

D = datetime.date.fromisoformat


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    return {
        key: Organisation.objects.get(county=county, key=key)
        for key in (
            "lulea-barn-och-utbildning",
            "lulea-socialtjansten",
            "region-norrbotten-barn-och-ungdomspsykiatri",
        )
    }


@pytest.fixture
def met_case(orgs):
    school, social, bup = orgs.values()
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=user, organisation=school, role="unit_manager")
    case = open_case(user, school)
    do_record_consent(
        user,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[social, bup],
    )
    do_decide_to_call(user, case, decided_on=D("2026-03-03"), participants=[social, bup])
    do_send_notice(user, case, sent_on=D("2026-03-04"))
    do_record_meeting(user, case, held_on=D("2026-03-12"))
    return case, user
