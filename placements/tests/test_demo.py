"""The demo's placements, made through the actions: an acute one whose cost allocation is due,
a planned one with everything agreed, a stay at BUP's inpatient ward; a second run changes
nothing, and the case pages show them."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import ensure_demo_users
from audit.services import verify
from placements.demo import ensure_demo_placements
from placements.models import InpatientStay, Placement
from placements.queries import waiting_for
from plans.demo import ensure_demo_cases
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db


def test_the_demo_placements(client):
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    assert ensure_demo_placements() == 3
    assert ensure_demo_placements() == 0
    acute = Placement.objects.get(acute=True)
    assert acute.cost_allocation_agreed_on is None
    assert acute.health_examination.examined_on is None
    planned = Placement.objects.get(acute=False)
    assert planned.cost_allocation_agreed_on is not None
    assert planned.health_examination.examined_on is not None
    stay = InpatientStay.objects.get()
    assert stay.referred_by.key == "region-norrbotten-barn-och-ungdomspsykiatri"
    assert verify().intact
    social_worker = get_user_model().objects.get(username="socialsekreterare")
    assert [w.kind for w in waiting_for(social_worker, acute.decided_on)] == ["cost_allocation"]
    # The demo's own authenticator device gives way to the test's.
    TOTPDevice.objects.filter(user=social_worker).delete()
    verified_login(client, social_worker)
    for case in (acute.case, planned.case, stay.case):
        assert client.get(f"/arenden/{case.pk}/").status_code == 200
    html = client.get(f"/arenden/{acute.case.pk}/").content.decode()
    assert "arbetsdagar kvar" in html or "arbetsdag kvar" in html
