"""The demo's guardians: each Norrbotten demo child's guardian can log in to My pages; Saga,
who has turned 18, has none and logs in herself."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.demo import ensure_demo_users
from audit.services import verify
from plans.demo import DEMO_CASES, ensure_demo_cases
from plans.models import Individual
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


def test_every_demo_child_has_a_guardian_with_a_login(demo):
    with_guardians = Individual.objects.filter(guardians__isnull=False).distinct()
    assert ensure_demo_guardians() == with_guardians.count() == len(DEMO_CASES) - 1
    assert ensure_demo_guardians() == 0  # idempotent
    today = timezone.localdate()
    assert not GuardianIdentity.objects.filter(custody_ends_on__lte=today).exists()
    assert not Individual.objects.get(name="Saga Marklund").guardians.exists()
    assert verify().intact


def test_a_demo_guardian_sees_the_established_plan(client, demo):
    ensure_demo_guardians()
    enter(client, demo_guardian_number(0))  # Elsa's guardian; her plan is established
    home = client.get(reverse("portal:home")).text
    assert "Elsa Lantto" in home and "Det finns en plan." in home
