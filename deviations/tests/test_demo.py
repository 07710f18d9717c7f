"""The demo's deviation reports: one in each step of Norrbotten's routine, made through the
actions, and three between Luleå and the region that the coordinator sees as recurring."""

import pytest

from accounts.demo import ensure_demo_users
from audit.services import verify
from deviations import actions
from deviations.demo import ensure_demo_deviations
from deviations.models import Deviation
from plans.demo import ensure_demo_cases

pytestmark = pytest.mark.django_db


def test_demo_deviations_in_every_step():
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    assert ensure_demo_deviations() == 4
    assert ensure_demo_deviations() == 0  # made once
    assert set(Deviation.objects.values_list("state", flat=True)) == set(Deviation.State.values)
    assert Deviation.objects.filter(level_id="huvudman").count() == 1
    assert Deviation.objects.filter(case__isnull=False).count() == 1
    [recurring] = actions.recurring_in(county.pk)
    assert (recurring.pair, recurring.count) == ("lulea|region-norrbotten", 3)
    assert (recurring.place.body, recurring.place.instance) == ("lansdelsgrupp", "boden-lulea")
    assert verify().intact
