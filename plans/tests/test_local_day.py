"""The day a case was opened is the day in Sweden, not in UTC: a case opened at half past
midnight Swedish time (23:30 UTC the day before) was opened on the Swedish day, so a consent
or a closing dated the UTC day before is refused as before the case was opened."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.services import do_close_case, do_record_consent

from .test_api import case, orgs, people  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def opened_after_midnight(case):  # noqa: F811
    case.opened_at = datetime.datetime(2026, 12, 3, 23, 30, tzinfo=datetime.UTC)
    case.save(update_fields=["opened_at"])
    return case


def test_a_consent_dated_the_utc_day_before_is_before_the_case(opened_after_midnight, people, orgs):  # noqa: F811
    record = dict(
        given_by="Maria Lantto",
        given_how="writing",
        organisations=[orgs["social"]],
    )
    with pytest.raises(ValidationError) as refused:
        do_record_consent(
            people["kurator"], opened_after_midnight, given_on=D("2026-12-03"), **record
        )
    assert "given_on" in refused.value.message_dict
    consent = do_record_consent(
        people["kurator"], opened_after_midnight, given_on=D("2026-12-04"), **record
    )
    assert consent.given_on == D("2026-12-04")


def test_closing_dated_the_utc_day_before_is_before_the_case(opened_after_midnight, people):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        do_close_case(
            people["kurator"], opened_after_midnight, on=D("2026-12-03"), reason="Flyttat"
        )
    assert "closed_on" in refused.value.message_dict
