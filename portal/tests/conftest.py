"""Builders of the portal's tests: a case with an established plan, a guardian whose custody is
recorded, young people of each age, and a browser session logged in to My pages by number."""

import datetime
import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.identity import blind_index, parse_identity_number
from plans.services import do_draft_plan, do_establish_plan
from plans.tests.conftest import met_case, orgs  # noqa: F401 (fixtures)
from plans.tests.test_plan import complete
from portal.actions import do_record_guardian_identity
from portal.demo import test_number
from portal.visitor import SESSION_KEY

D = datetime.date.fromisoformat


def number(birth: str, serial: str = "238") -> str:
    return test_number(birth, serial)


GUARDIAN = number("19800101")
OTHER_GUARDIAN = number("19820202")
STRANGER = number("19750505")


@pytest.fixture
def planned(met_case, orgs):  # noqa: F811
    """Elsa's case (born 2014) with version 1 of the plan established, and the counsellor."""
    case, user = met_case
    plan = do_draft_plan(user, case, **complete(orgs))
    do_establish_plan(user, plan, on=D("2026-03-12"))
    case.refresh_from_db()
    return case, user


@pytest.fixture
def custody(planned):
    """Maria Lantto, Elsa's guardian, with her number recorded by the counsellor."""
    case, user = planned
    guardian = case.individual.guardians.get()
    return do_record_guardian_identity(user, case, guardian, identity_number=GUARDIAN)


def log_in_staff(client, user) -> None:
    """A staff user logged in with the second factor."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="app", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def enter(client, identity_number: str) -> None:
    """The session a BankID login leaves for the number (portal.visitor.log_in)."""
    found = parse_identity_number(identity_number)
    session = client.session
    now = time.time()
    session[SESSION_KEY] = {
        "index": blind_index(found),
        "born": found.birth_date.isoformat(),
        "started": now,
        "seen": now,
    }
    session.save()
