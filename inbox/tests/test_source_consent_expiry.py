"""A consent given for a limited time waits in the inbox of the organisation that opened the
case and of the plan's coordinator from the county's number of days before its end until a new
consent is recorded; past its end, only the opening organisation, which still sees the case."""

import datetime

import pytest
from django.urls import reverse

from inbox.queries import inbox_for
from plans.access import keep_visibility
from plans.models import Consent, ConsentReminder
from plans.services import do_record_consent, do_withdraw_consent
from plans.tests.conftest import met_case, orgs  # noqa: F401
from plans.tests.individual import user_of
from portal.tests.conftest import planned  # noqa: F401 (the fixtures)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
DAYS = datetime.timedelta


def ending(user, today=TODAY):
    return [i for i in inbox_for(user, today).items if i.source == "consent_expiry"]


def ends_on(case, day):
    Consent.objects.filter(case=case).update(valid_until=day)
    keep_visibility(case)


@pytest.fixture
def coordinator(orgs):  # noqa: F811
    # The plan names Karin Holm of Luleå's social services as coordinator (plans.tests.test_plan).
    return user_of(orgs["lulea-socialtjansten"], "karin")


def test_the_opener_and_the_coordinator_are_reminded_before_the_end(planned, coordinator):  # noqa: F811
    case, counsellor = planned
    ends_on(case, TODAY + DAYS(10))
    [item] = ending(counsellor)
    assert item.what == f"Ärende {case.pk}: samtycket upphör"
    assert item.next_step == "Registrera ett nytt samtycke"
    assert item.url == reverse("plans:new_consent", args=[case.pk])
    assert item.due_on == TODAY + DAYS(10) and not item.overdue(TODAY)
    assert [i.case_id for i in ending(coordinator)] == [case.pk]


def test_past_the_end_only_the_opener_who_still_sees_the_case(planned, coordinator):  # noqa: F811
    case, counsellor = planned
    ends_on(case, TODAY - DAYS(1))
    [item] = ending(counsellor)
    assert item.overdue(TODAY)
    assert ending(coordinator) == []


def test_the_county_sets_how_many_days_before(planned):  # noqa: F811
    case, counsellor = planned
    ends_on(case, TODAY + DAYS(45))
    assert ConsentReminder.days_for(case.individual.county_id) == 30
    assert ending(counsellor) == []
    ConsentReminder.objects.create(county=case.individual.county, days_before=60)
    assert [i.due_on for i in ending(counsellor)] == [TODAY + DAYS(45)]


def test_a_new_consent_or_a_withdrawal_ends_the_reminder(planned, orgs):  # noqa: F811
    case, counsellor = planned
    ends_on(case, TODAY + DAYS(5))
    do_record_consent(
        counsellor,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=TODAY,
        valid_until=TODAY + DAYS(365),
        organisations=[orgs["lulea-socialtjansten"]],
    )
    assert ending(counsellor) == []
    renewed = case.consents.get(valid_until=TODAY + DAYS(365))
    do_withdraw_consent(counsellor, renewed, TODAY + DAYS(1))
    # The first one ends in five days again, and nothing follows it.
    assert [i.due_on for i in ending(counsellor)] == [TODAY + DAYS(5)]
    do_withdraw_consent(counsellor, case.consents.exclude(pk=renewed.pk).get(), TODAY + DAYS(2))
    assert ending(counsellor) == []
