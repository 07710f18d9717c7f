"""The demo's matters in Norrbotten: one in every state, a recommendation decided by some
principals and waiting for the others, a dispute climbing Norrbus' path from the municipal
level, a revision with what it would break, and Norrbus overdue in the register; a second run
changes nothing, and the compliance page still renders with the matters' findings."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import ensure_demo_users
from accounts.two_factor import current_code
from audit.models import AuditEvent
from matters.demo import ensure_demo_county_matters
from matters.models import Decision, GoverningDocument, Handling, Matter
from matters.revisions import impact
from meetings.demo import ensure_demo_county_meetings
from structure.demo import ensure_demo_structure
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    county = loaded_county("norrbotten")
    ensure_demo_structure("norrbotten")
    ensure_demo_users()
    ensure_demo_county_meetings("norrbotten")
    assert ensure_demo_county_matters("norrbotten")
    return county


def test_matters_in_every_state_and_the_register(demo, client):
    matters = Matter.objects.filter(county=demo)
    assert set(matters.values_list("state", flat=True)) == set(Matter.State.values)

    recommended = matters.get(state=Matter.State.PRINCIPALS)
    decided = recommended.decisions.exclude(outcome=Decision.Outcome.PENDING).count()
    pending = recommended.decisions.filter(outcome=Decision.Outcome.PENDING).count()
    assert decided and pending and decided + pending == 15
    lineage = list(recommended.handlings.values_list("body", "outcome"))
    assert lineage[0] == ("kommungrupp", Handling.Outcome.RAISED)
    assert ("lansdelsgrupp", Handling.Outcome.UPWARD) in lineage
    assert lineage[-1] == ("lansstyrgrupp", Handling.Outcome.RECOMMENDATION)

    dispute = matters.get(kind=Matter.Kind.DISPUTE)
    assert (dispute.origin_body, dispute.body, dispute.dispute_step) == (
        "kommungrupp",
        "lansdelsgrupp",
        1,
    )

    found = impact(matters.exclude(revisions=None).get())
    assert found.checks_structure and found.created and not found.problems

    today = timezone.localdate()
    overdue = [d.title for d in GoverningDocument.objects.filter(county=demo) if d.overdue(today)]
    assert overdue == ["Norrbus – gemensamma riktlinjer för samverkan för barn och unga"]

    events = AuditEvent.objects.count()
    assert not ensure_demo_county_matters("norrbotten")
    assert AuditEvent.objects.count() == events

    coordinator = get_user_model().objects.get(username="samordnare")
    client.force_login(coordinator)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    client.post("/konto/tvafaktor/", {"code": current_code(device)})
    page = client.get("/norrbotten/efterlevnad/")
    assert page.status_code == 200
    assert "Norrbus" in page.content.decode()
    assert client.get(f"/samverkansarenden/norrbotten/{recommended.pk}/").status_code == 200
