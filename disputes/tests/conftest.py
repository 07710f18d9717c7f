"""Fixtures of the dispute tests: Norrbotten loaded, a case opened by Luleå's school with
social services and BUP taking part, their unit managers, and the structure's coordinator who
handles the dispute's matter at each step."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP
from plans.services import do_decide_to_call, do_record_consent
from plans.tests.test_case_steps import open_case
from structure.models import Organisation

D = datetime.date.fromisoformat


def user_of(organisation, name, role=Membership.Role.UNIT_MANAGER):
    user = get_user_model().objects.create_user(name, password="x" * 16, email=f"{name}@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    keys = {
        "school": "lulea-barn-och-utbildning",
        "social": "lulea-socialtjansten",
        "bup": "region-norrbotten-barn-och-ungdomspsykiatri",
        "kiruna": "kiruna-socialtjansten",
        "association": "norrbottens-kommuner-social-valfard-och-utbildning",
    }
    return {name: Organisation.objects.get(county=county, key=key) for name, key in keys.items()}


@pytest.fixture
def people(orgs):
    coordinator = user_of(orgs["association"], "samordnare", Membership.Role.COORDINATOR)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return {
        "school": user_of(orgs["school"], "rektor"),
        "social": user_of(orgs["social"], "socialchef"),
        "bup": user_of(orgs["bup"], "bup-chef"),
        "kiruna": user_of(orgs["kiruna"], "kiruna-chef"),
        "coordinator": coordinator,
    }


@pytest.fixture
def case(orgs, people):
    made = open_case(people["school"], orgs["school"])
    do_record_consent(
        people["school"],
        made,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"], orgs["bup"]],
    )
    do_decide_to_call(
        people["school"],
        made,
        decided_on=D("2026-03-03"),
        participants=[orgs["social"], orgs["bup"]],
    )
    return made
