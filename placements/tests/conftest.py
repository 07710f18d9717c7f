"""Builders for the placements' tests: a Norrbotten case opened by the school, with Luleå's
social services, the region's närsjukvård (its primary care) and BUP taking part under the
guardians' consent, and a user of each."""

import datetime

import pytest

from plans.tests.individual import consented_case, norrbotten_organisations, user_of

D = datetime.date.fromisoformat


@pytest.fixture
def orgs(db):
    return norrbotten_organisations("school", "social", "primary", "bup", "kalix")


@pytest.fixture
def people(orgs):
    return {
        "kurator": user_of(orgs["school"], "kurator", "unit_manager"),
        "socialsekreterare": user_of(orgs["social"], "socialsekreterare"),
        "sjukskoterska": user_of(orgs["primary"], "sjukskoterska"),
        "bup": user_of(orgs["bup"], "bup"),
        "kalix": user_of(orgs["kalix"], "kalix"),
    }


@pytest.fixture
def case(orgs, people):
    """Opened 2026-01-02; social services, primary care and BUP take part under consent."""
    taking_part = [orgs["social"], orgs["primary"], orgs["bup"]]
    return consented_case(
        people["kurator"], orgs["school"], taking_part, D("2026-01-05"), D("2026-01-07")
    )
