"""Fixtures of the dispute tests: Norrbotten loaded, a case opened by Luleå's school with
social services and BUP taking part, their unit managers, and the structure's coordinator who
handles the dispute's matter at each step."""

import datetime

import pytest
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP
from plans.tests.individual import consented_case, norrbotten_organisations, user_of

D = datetime.date.fromisoformat


@pytest.fixture
def orgs(db):
    return norrbotten_organisations("school", "social", "bup", "kiruna", "association")


@pytest.fixture
def people(orgs):
    coordinator = user_of(orgs["association"], "samordnare", Membership.Role.COORDINATOR)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return {
        "school": user_of(orgs["school"], "rektor", Membership.Role.UNIT_MANAGER),
        "social": user_of(orgs["social"], "socialchef", Membership.Role.UNIT_MANAGER),
        "bup": user_of(orgs["bup"], "bup-chef", Membership.Role.UNIT_MANAGER),
        "kiruna": user_of(orgs["kiruna"], "kiruna-chef", Membership.Role.UNIT_MANAGER),
        "coordinator": coordinator,
    }


@pytest.fixture
def case(orgs, people):
    return consented_case(
        people["school"],
        orgs["school"],
        [orgs["social"], orgs["bup"]],
        D("2026-03-02"),
        D("2026-03-03"),
    )
