"""The demo's disputes: one escalated to the area's group and open, one on cost resolved, made
through the actions with their audit trail; the cost outcome is the placement's allocation."""

import pytest

from accounts.demo import ensure_demo_users
from audit.services import verify
from disputes.demo import ensure_demo_disputes
from disputes.models import Dispute
from placements.demo import ensure_demo_placements
from plans.demo import ensure_demo_cases

pytestmark = pytest.mark.django_db


def test_demo_disputes_open_and_resolved():
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    ensure_demo_placements()
    assert ensure_demo_disputes() == 2
    assert ensure_demo_disputes() == 0
    open_one = Dispute.objects.get(state="open")
    assert (open_one.matter.body, open_one.matter.dispute_step) == ("lansdelsgrupp", 1)
    resolved = Dispute.objects.get(state="resolved")
    assert sorted(resolved.shares.values_list("principal", "percent")) == [
        ("lulea", 50),
        ("region-norrbotten", 50),
    ]
    assert resolved.allocation_number == 2
    assert verify().intact
