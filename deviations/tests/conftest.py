"""Fixtures of the deviation tests: Norrbotten loaded, Luleå's school and social services,
BUP of the region, their unit managers, the region's coordinator, the structure's coordinator,
and a case opened by the school with social services and BUP taking part."""

import datetime

import pytest
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP
from plans.tests.individual import consented_case, norrbotten_organisations, user_of

D = datetime.date.fromisoformat
TODAY = D("2026-03-16")


@pytest.fixture
def norrbotten(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def orgs(norrbotten):
    return norrbotten_organisations("school", "social", "bup", "kiruna", "association")


@pytest.fixture
def people(orgs):
    coordinator = user_of(orgs["association"], "samordnare", Membership.Role.COORDINATOR)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    region_coordinator = user_of(orgs["bup"], "regionsamordnare", Membership.Role.COORDINATOR)
    return {
        "reporter": user_of(orgs["school"], "kurator", Membership.Role.UNIT_MANAGER),
        "bup_chief": user_of(orgs["bup"], "bup-chef", Membership.Role.UNIT_MANAGER),
        "bup_staff": user_of(orgs["bup"], "bup-kurator"),
        "social_chief": user_of(orgs["social"], "socialchef", Membership.Role.UNIT_MANAGER),
        "kiruna": user_of(orgs["kiruna"], "kiruna-handlaggare"),
        "region_coordinator": region_coordinator,
        "coordinator": coordinator,
    }


@pytest.fixture
def case(orgs, people):
    return consented_case(
        people["reporter"],
        orgs["school"],
        [orgs["social"], orgs["bup"]],
        D("2026-03-02"),
        D("2026-03-03"),
    )
