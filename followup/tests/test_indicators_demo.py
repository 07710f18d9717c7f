"""The demo shows figures on the follow-up page, not "fewer than 5" everywhere."""

import pytest
from django.utils import timezone

from accounts.demo import ensure_demo_users
from followup.demo import DEMO_CASES, ensure_demo_followup
from followup.indicators import compute
from plans.demo import ensure_demo_cases
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db

SHOWN = ["notice_on_time", "network_meeting_on_time", "plans_established", "lead_time_to_plan"]


def test_the_demo_cases_give_every_case_indicator_a_figure():
    loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    assert ensure_demo_followup() == DEMO_CASES
    assert ensure_demo_followup() == 0, "made once"
    county = loaded_county("norrbotten")
    year = timezone.localdate().year
    # The cases lie in the past year: this calendar year or the last shows each figure.
    for key in SHOWN:
        found = [v for y in (year, year - 1) for v in compute(county, str(y), keys=[key])]
        assert any(v.value is not None and not v.suppressed for v in found), key
