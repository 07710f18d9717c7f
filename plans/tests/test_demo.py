"""The demo's cases: one in each step, made through the services, with their audit trail."""

import pytest

from accounts.demo import ensure_demo_users
from audit.services import verify
from plans.deadlines import pending
from plans.demo import DEMO_CASES, ensure_demo_cases
from plans.models import Case, PendingDeadline
from plans.rules import individual_rules

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


def test_the_services_keep_each_cases_pending_deadlines():
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    for case in Case.objects.all():
        rules = individual_rules(case.individual.county)[0]
        kept = sorted((p.step, str(p.due_on)) for p in case.pending_deadlines.all())
        assert kept == sorted((d.step, str(d.on)) for d in pending(case, rules)), case.state
    assert PendingDeadline.objects.exists()
