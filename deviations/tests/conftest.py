"""Fixtures of the deviation tests: Norrbotten loaded, Luleå's school and social services,
BUP of the region, their unit managers, the region's coordinator, the structure's coordinator,
and a case opened by the school with social services and BUP taking part."""

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
TODAY = D("2026-03-16")


def user_of(organisation, name, role=Membership.Role.PROFESSIONAL):
    user = get_user_model().objects.create_user(name, password="x" * 16, email=f"{name}@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def norrbotten(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def orgs(norrbotten):
    keys = {
        "school": "lulea-barn-och-utbildning",
        "social": "lulea-socialtjansten",
        "bup": "region-norrbotten-barn-och-ungdomspsykiatri",
        "kiruna": "kiruna-socialtjansten",
        "association": "norrbottens-kommuner-social-valfard-och-utbildning",
    }
    return {
        name: Organisation.objects.get(county=norrbotten, key=key) for name, key in keys.items()
    }


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
    made = open_case(people["reporter"], orgs["school"])
    do_record_consent(
        people["reporter"],
        made,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"], orgs["bup"]],
    )
    do_decide_to_call(
        people["reporter"],
        made,
        decided_on=D("2026-03-03"),
        participants=[orgs["social"], orgs["bup"]],
    )
    return made
