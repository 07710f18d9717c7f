"""The demo's guardians: each Norrbotten demo case's guardian can log in to My pages, except
Saga's, whose custody ended when she turned 18."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.demo import ensure_demo_users
from audit.services import verify
from plans.demo import DEMO_CASES, ensure_demo_cases
from portal.demo import demo_guardian_number, ensure_demo_guardians
from portal.models import GuardianIdentity

from .conftest import enter

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()


def test_every_demo_case_has_a_guardian_with_a_login(demo):
    assert ensure_demo_guardians() == len(DEMO_CASES)
    assert ensure_demo_guardians() == 0  # idempotent
    today = timezone.localdate()
    ended = GuardianIdentity.objects.filter(custody_ends_on__lte=today)
    assert [c.guardian.individual.name for c in ended] == ["Saga Marklund"]
    assert verify().intact


def test_a_demo_guardian_sees_the_established_plan(client, demo):
    ensure_demo_guardians()
    enter(client, demo_guardian_number(0))  # Elsa's guardian; her plan is established
    home = client.get(reverse("portal:home")).text
    assert "Elsa Lantto" in home and "Det finns en plan." in home
