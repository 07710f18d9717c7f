"""The demo's cases: one in each step, made through the services, with their audit trail."""

import pytest

from accounts.demo import ensure_demo_users
from audit.services import verify
from plans.demo import DEMO_CASES, ensure_demo_cases
from plans.models import Case

pytestmark = pytest.mark.django_db


def test_demo_cases_in_every_step():
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    ensure_demo_users()
    assert ensure_demo_cases() == len(DEMO_CASES)
    assert ensure_demo_cases() == 0  # idempotent
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(Case.State.values)
    assert verify().intact and verify().checked > 20
