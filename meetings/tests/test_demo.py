"""The demo's meetings: Norrbotten's year planned and adopted for every body, the länsstyrgrupp's
past meetings held as the actions hold them, the next one notified with the open action item
carried; a second run changes nothing, and the compliance page still renders."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import ensure_demo_users
from accounts.two_factor import current_code
from audit.models import AuditEvent
from meetings import planning
from meetings.access import meeting_day
from meetings.demo import ensure_demo_county_meetings
from meetings.models import ActionItem, Attendance, Meeting, Minutes, YearPlan
from outbox.models import Mail
from structure.actions import agreement_in_force
from structure.demo import ensure_demo_structure
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    county = loaded_county("norrbotten")
    ensure_demo_structure("norrbotten")
    ensure_demo_users()
    assert ensure_demo_county_meetings("norrbotten")
    return county


def test_the_year_is_planned_and_the_past_meetings_held(demo, client):
    year = timezone.localdate().year
    agreement = agreement_in_force(demo.pk)
    planned = {
        (body.id, instance)
        for body in agreement.bodies
        if body.kind not in planning.MEETS_ON_NEED
        for instance, _name in agreement.instances_of(body)
    }
    plans = YearPlan.objects.filter(county=demo, year=year, meetings__isnull=False).distinct()
    assert {(p.body, p.instance) for p in plans} == planned
    assert {p.state for p in plans} == {YearPlan.State.ADOPTED}

    held = list(Meeting.objects.filter(county=demo, status=Meeting.Status.HELD))
    today = timezone.localdate()
    past = Meeting.objects.filter(county=demo, body="lansstyrgrupp", plan__year=year).exclude(
        status=Meeting.Status.CANCELLED
    )
    assert len(held) == sum(meeting_day(m) < today for m in past) > 0
    for meeting in held:
        minutes = meeting.minutes.get()
        assert minutes.state == Minutes.State.APPROVED
        # Approved within the county's fourteen days, as the compliance rule reads it.
        assert (timezone.localtime(minutes.approved_at).date() - meeting_day(meeting)).days <= 14
        assert meeting.notice_sent_at < meeting.starts_at
    substitute = Attendance.objects.get(meeting__county=demo, role=Attendance.Role.SUBSTITUTE)
    assert substitute.attended and substitute.on_behalf_of is not None
    absent = Attendance.objects.get(meeting=substitute.meeting, person=substitute.on_behalf_of)
    assert not absent.attended
    # Nothing about the past waits in the outbox.
    assert not Mail.objects.filter(
        status=Mail.Status.QUEUED, params__day__lt=today.isoformat(), kind="meetings.notice"
    ).exists()

    [carried] = ActionItem.objects.filter(county=demo, status=ActionItem.Status.OPEN)
    following = Meeting.objects.get(county=demo, status=Meeting.Status.NOTIFIED)
    assert following.agenda.filter(action_item=carried).exists()
    assert ActionItem.objects.filter(county=demo, status=ActionItem.Status.DONE).count() == (
        len(held) - 1
    )

    events = AuditEvent.objects.count()
    assert not ensure_demo_county_meetings("norrbotten")
    assert AuditEvent.objects.count() == events

    coordinator = get_user_model().objects.get(username="samordnare")
    client.force_login(coordinator)
    device = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    client.post("/konto/tvafaktor/", {"code": current_code(device)})
    response = client.get("/norrbotten/efterlevnad/")
    assert response.status_code == 200
    assert "Länsstyrgruppen" in response.content.decode()
