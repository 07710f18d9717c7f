"""Builders for the placements' tests: a Norrbotten case opened by the school, with Luleå's
social services, the region's närsjukvård (its primary care) and BUP taking part under the
guardians' consent, and a user of each."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Membership
from plans.services import do_decide_to_call, do_record_consent
from plans.tests.test_case_steps import open_case
from structure.models import Organisation

D = datetime.date.fromisoformat
KEYS = {
    "school": "lulea-barn-och-utbildning",
    "social": "lulea-socialtjansten",
    "primary": "region-norrbotten-narsjukvard",
    "bup": "region-norrbotten-barn-och-ungdomspsykiatri",
    "kalix": "kalix-socialtjansten",
}


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    return {name: Organisation.objects.get(county=county, key=key) for name, key in KEYS.items()}


def user_in(organisation, username: str, role: str = "professional"):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def people(orgs):
    return {
        "kurator": user_in(orgs["school"], "kurator", "unit_manager"),
        "socialsekreterare": user_in(orgs["social"], "socialsekreterare"),
        "sjukskoterska": user_in(orgs["primary"], "sjukskoterska"),
        "bup": user_in(orgs["bup"], "bup"),
        "kalix": user_in(orgs["kalix"], "kalix"),
    }


@pytest.fixture
def case(orgs, people):
    """Opened 2026-01-02; social services, primary care and BUP take part under consent."""
    counsellor = people["kurator"]
    case = open_case(counsellor, orgs["school"])
    taking_part = [orgs["social"], orgs["primary"], orgs["bup"]]
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-01-05"),
        organisations=taking_part,
    )
    do_decide_to_call(counsellor, case, decided_on=D("2026-01-07"), participants=taking_part)
    case.refresh_from_db()
    return case
