"""What the fuzzing runs against: Norrbotten loaded, a counsellor who is also the unit manager
of the school, a coordinator of the structure, an auditor (each logged in with the second
factor where it is used), and cases in several steps to aim at.

The budget: FUZZ_EXAMPLES examples per endpoint and per form (default small, for `make test`),
derandomised so that a red run replays exactly; `make fuzz` sets FUZZ_EXAMPLES higher and
FUZZ_RANDOM=1 for a fresh draw each run."""

import datetime
import os
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, settings

from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP
from accounts.two_factor import current_code
from plans import services
from structure.models import Organisation

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    database=None,
    deadline=None,
    print_blob=True,
    # The fixtures (a loaded county, logged-in users) are built once per test, on purpose:
    # every example runs against the same data, in the test's transaction.
    suppress_health_check=list(HealthCheck),
)

D = datetime.date.fromisoformat


def verified(client, user) -> None:
    """Log in and pass the second factor, as the case pages and API require."""
    client.force_login(user)
    device = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="app")[0]
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302


@pytest.fixture
def world(db):
    """Norrbotten, its school and social services, a worker, a coordinator, an auditor and a case
    in each step from opened to a draft plan, by the name of the step it has reached."""
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    social = Organisation.objects.get(county=county, key="lulea-socialtjansten")
    users = get_user_model().objects
    worker = users.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=worker, organisation=school, role="unit_manager")
    coordinator = users.create_user("samordnare", password="x" * 16)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    auditor = users.create_user("granskare", password="x" * 16)
    Membership.objects.create(user=auditor, organisation=school, role="auditor")

    def opened(number: str):
        return services.do_open_case(
            worker,
            organisation=school,
            identity_number=number,
            name="Elsa Lantto",
            concern="Hög frånvaro.",
            guardians=("Maria Lantto",),
        )

    # One case waiting in each step a form or an endpoint takes, up to a draft plan.
    steps = [
        lambda case: services.do_record_consent(
            worker,
            case,
            given_by="Maria Lantto",
            given_how="writing",
            given_on=timezone.localdate(case.opened_at),
            organisations=[social],
        ),
        lambda case: services.do_decide_to_call(
            worker, case, decided_on=timezone.localdate(case.opened_at), participants=[social]
        ),
        lambda case: services.do_send_notice(
            worker, case, sent_on=timezone.localdate(case.opened_at)
        ),
        lambda case: services.do_record_meeting(
            worker, case, held_on=timezone.localdate(case.opened_at), picture="Bild."
        ),
        lambda case: services.do_draft_plan(
            worker,
            case,
            based_on=0,
            interventions=[{"description": "Stöd i skolan", "follow_up_on": None}],
        ),
    ]
    numbers = [
        "20140312-2391",
        "20100101-1004",
        "20120606-1002",
        "20090303-1003",
        "20110505-1005",
        "20130707-1009",
    ]
    cases = {}
    names = ("opened", "consented", "called", "notified", "met", "drafted")
    for taken, (name, number) in enumerate(zip(names, numbers, strict=True)):
        case = opened(number)
        for step in steps[:taken]:
            step(case)
        case.refresh_from_db()
        cases[name] = case
    return {
        "county": county,
        "school": school,
        "social": social,
        "worker": worker,
        "coordinator": coordinator,
        "auditor": auditor,
        "cases": cases,
    }


@contextmanager
def connection_kept():
    """Requests served straight through the WSGI handler (as schemathesis does) must not close
    the test's database connection at their end, as Django's test client also prevents. Enter
    it after any use of the test client, which connects the closing again when it is done."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
