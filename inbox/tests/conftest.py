"""Builders of the inbox's tests: Norrbotten's organisations, a worker of Luleå's school with
cases whose deadlines run relative to today, and the länsstyrgrupp of the meetings' tests."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership
from plans.tests.test_worklist import make_case
from structure.models import Organisation
from workdays.calendar import add_working_days

DAYS = datetime.timedelta


def today() -> datetime.date:
    return timezone.localdate()


def worker(username, organisation, role="professional", email=None):
    user = get_user_model().objects.create_user(
        username, password="x" * 16, email=f"{username}@example.se" if email is None else email
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def consented_case(organisation, user, consent_on, **fields):
    """A case whose consent is recorded on the day: its notice is due five working days on."""
    return make_case(
        organisation, user, state="consented", steps={"consent_on": consent_on}, **fields
    )


@pytest.fixture
def orgs(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    return {
        key: Organisation.objects.get(county=county, key=key)
        for key in ("lulea-barn-och-utbildning", "lulea-socialtjansten", "kalix-socialtjansten")
    }


@pytest.fixture
def counsellor(orgs):
    return worker("kurator", orgs["lulea-barn-och-utbildning"])


@pytest.fixture
def cases(orgs, counsellor):
    """Three cases of the school: one overdue, one due in five working days, one acute whose
    meeting is due as soon as possible; and one of Kalix, which is not the counsellor's."""
    school = orgs["lulea-barn-och-utbildning"]
    overdue = consented_case(school, counsellor, today() - DAYS(30))
    coming = consented_case(school, counsellor, today())
    acute = make_case(
        school,
        counsellor,
        state="called",
        steps={"consent_on": today(), "decided_on": today(), "notice_sent_on": today()},
        acute=True,
    )
    other = consented_case(
        orgs["kalix-socialtjansten"], worker("kalix", orgs["kalix-socialtjansten"]), today()
    )
    return {"overdue": overdue, "coming": coming, "acute": acute, "other": other}


def notice_due(case) -> datetime.date:
    return add_working_days(case.consent_on, 5)
