"""The notice: sent to every seat holder live on the meeting's day (and the co-opted), with the
agenda, creating their attendance; late notices warned about; refused without an agenda, for a
past meeting and to whoever does not run the body. On its due day, when no one has sent it, the
daily work sends it where the county chose so and the agenda is ready, and otherwise reminds the
body's convener and secretary, once."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from meetings import actions, tasks
from meetings.models import Attendance, MeetingSettings, YearPlan
from meetings.tests.builders import verified_login
from outbox.models import Mail

from .test_meeting_page import build_lsg, later, page_of, with_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsg(db):
    return build_lsg()


def automatic(lsg, on: bool = True) -> None:
    MeetingSettings.objects.update_or_create(
        county=lsg["county"], defaults={"send_notice_automatically": on}
    )


def test_the_notice_calls_every_member_with_the_agenda(lsg, django_capture_on_commit_callbacks):
    found = with_agenda(lsg, "Lägesrapport", "Handlingsplan psykisk hälsa")
    sequence = found.sequence
    with django_capture_on_commit_callbacks(execute=True):
        timing = actions.do_send_notice(lsg["secretary"], found, expected_version=found.version)
    found.refresh_from_db()
    assert found.status == "notified" and found.sequence == sequence + 1
    assert not timing.late and timing.notice_days == 7
    called = {row.person_id: row for row in found.attendance.all()}
    members = [lsg[k] for k in ("lulea", "kiruna", "psychiatry")]
    assert {a.person_id for a in members} <= set(called)
    assert lsg["named"].person_id not in called and lsg["boden"].person_id not in called
    assert all(row.role == Attendance.Role.MEMBER for row in called.values())
    notice = Mail.objects.get(kind="meetings.notice", recipient="lulea@example.se")
    assert [item["title"] for item in notice.params["agenda"]] == [
        "Lägesrapport",
        "Handlingsplan psykisk hälsa",
    ]
    sent = next(m for m in mail.outbox if m.to == ["lulea@example.se"])
    assert "Kallelse" in sent.subject and "Handlingsplan psykisk hälsa" in sent.body
    assert page_of(found) in sent.body
    event = AuditEvent.objects.get(code="meetings.notice_sent")
    assert event.params == {"recipients": len(called), "late": False, "automatic": False}


def test_a_notice_later_than_the_countys_days_is_sent_and_warned_about(client, lsg):
    found = with_agenda(lsg)
    MeetingSettings.objects.update_or_create(county=lsg["county"], defaults={"notice_days": 30})
    verified_login(client, lsg["secretary"])
    page = client.get(f"{page_of(found)}kallelse/").content.decode()
    assert "Kallelsen är sen" in page
    response = client.post(f"{page_of(found)}kallelse/", {"version": found.version})
    assert response.status_code == 302
    assert AuditEvent.objects.get(code="meetings.notice_sent").params["late"] is True


def test_no_notice_without_an_agenda_or_for_a_past_meeting(lsg):
    found = lsg["meeting"]
    with pytest.raises(ValidationError, match="dagordningen"):
        actions.do_send_notice(lsg["secretary"], found)
    found = with_agenda(lsg)
    found.starts_at -= datetime.timedelta(days=30)
    found.ends_at -= datetime.timedelta(days=30)
    found.save()
    with pytest.raises(ValidationError, match="redan ägt rum"):
        actions.do_send_notice(lsg["secretary"], found)


def test_a_member_cannot_send_the_notice(lsg):
    found = with_agenda(lsg)
    with pytest.raises(PermissionDenied, match="Länsstyrgruppen"):
        actions.do_send_notice(lsg["lulea"].person.user, found)


def test_a_stale_notice_form_is_refused_and_nothing_sent(client, lsg):
    found = with_agenda(lsg)
    verified_login(client, lsg["secretary"])
    response = client.post(f"{page_of(found)}kallelse/", {"version": found.version - 1})
    assert response.status_code == 409
    assert "Någon annan ändrade mötet" in response.content.decode()
    assert not Mail.objects.exists()


def test_a_second_notice_reaches_a_member_appointed_since(lsg):
    from meetings.tests.builders import member

    found = with_agenda(lsg)
    actions.do_send_notice(lsg["secretary"], found)
    newcomer = member(
        lsg["county"], "lansstyrgrupp", "education-chiefs", principal="pitea", email="pitea@x.se"
    )
    found.refresh_from_db()
    actions.do_send_notice(lsg["secretary"], found)
    assert found.attendance.filter(person=newcomer.person).exists()
    assert Mail.objects.filter(recipient="lulea@example.se", kind="meetings.notice").count() == 2
    assert later(0) < found.starts_at.date()


def test_the_notice_goes_out_by_itself_on_its_due_day_like_a_manual_send(
    lsg, django_capture_on_commit_callbacks
):
    """Three weeks ahead with the county's 7 days: not before day 14 from now, then once."""
    automatic(lsg)
    found = with_agenda(lsg, "Lägesrapport")
    due = later(21 - 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_notices(due - datetime.timedelta(days=1)) == 0
        assert tasks.send_due_notices(due) == 1
        assert tasks.send_due_notices(due) == 0
    found.refresh_from_db()
    assert found.status == "notified" and found.notice_sent_by is None
    assert {row.person_id for row in found.attendance.all()} >= {lsg["lulea"].person_id}
    sent = next(m for m in mail.outbox if m.to == ["lulea@example.se"])
    assert "Lägesrapport" in sent.body and f"http://127.0.0.1:8000{page_of(found)}" in sent.body
    [event] = AuditEvent.objects.filter(code="meetings.notice_sent")
    assert event.actor is None and event.params["automatic"] is True
    assert event.params["late"] is False


def test_the_daily_work_leaves_a_notice_already_sent_an_empty_agenda_and_a_plan_not_adopted(
    lsg, django_capture_on_commit_callbacks
):
    automatic(lsg)
    due = later(21 - 7)
    empty = lsg["meeting"]
    assert tasks.send_due_notices(due) == 0
    found = with_agenda(lsg)
    plan = YearPlan.objects.create(county=lsg["county"], body=found.body, year=due.year)
    found.plan = plan
    found.save()
    assert tasks.send_due_notices(due) == 0
    plan.state = YearPlan.State.ADOPTED
    plan.save()
    actions.do_send_notice(lsg["secretary"], found)
    assert tasks.send_due_notices(due) == 0
    assert AuditEvent.objects.filter(code="meetings.notice_sent").count() == 1
    assert empty.pk == found.pk


def test_a_worker_that_was_stopped_catches_up_with_a_notice_late(
    lsg, django_capture_on_commit_callbacks
):
    automatic(lsg)
    with_agenda(lsg)
    assert tasks.send_due_notices(later(18)) == 1
    assert AuditEvent.objects.get(code="meetings.notice_sent").params["late"] is True


def test_without_the_countys_choice_the_convener_and_secretary_are_reminded_once(
    lsg, django_capture_on_commit_callbacks
):
    """The default: the platform sends nothing in the body's name; on the due day the
    secretary (the body has no convener) is told, once, with the meeting's full address."""
    found = with_agenda(lsg, "Lägesrapport")
    due = later(21 - 7)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notices_due(due - datetime.timedelta(days=1)) == 0
        assert tasks.notices_due(due) == 1
        assert tasks.notices_due(due) == 0
        assert tasks.notices_due(due + datetime.timedelta(days=1)) == 0
    found.refresh_from_db()
    assert found.status == "planned" and found.notice_sent_at is None
    assert not AuditEvent.objects.filter(code="meetings.notice_sent").exists()
    [reminder] = Mail.objects.filter(kind="meetings.notice_due")
    assert reminder.recipient == "sek@example.se"
    assert reminder.params["due"] == due.isoformat() and reminder.params["automatic"] is False
    [sent] = [m for m in mail.outbox if m.to == ["sek@example.se"]]
    assert sent.subject.startswith("Kallelsen ska skickas")
    assert "Sätt samman dagordningen och skicka kallelsen" in sent.body
    assert f"http://127.0.0.1:8000{page_of(found)}" in sent.body
    assert "7 dagar före mötet" in sent.body


def test_the_countys_choice_sends_a_ready_agenda_and_reminds_of_an_empty_one(
    lsg, django_capture_on_commit_callbacks
):
    from meetings.tests.builders import meeting

    automatic(lsg)
    ready = with_agenda(lsg, "Lägesrapport")
    empty = meeting(lsg["county"], ready.body, later(22), place="Luleå")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notices_due(later(22 - 7)) == 2
        assert tasks.notices_due(later(22 - 7)) == 0
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert ready.status == "notified" and ready.notice_sent_by is None
    assert empty.status == "planned"
    [reminder] = Mail.objects.filter(kind="meetings.notice_due")
    assert reminder.about == f"meetings.meeting:{empty.pk}"
    assert reminder.params["automatic"] is True and reminder.params["agenda_empty"] is True
    sent = next(m for m in mail.outbox if m.subject.startswith("Kallelsen ska skickas"))
    assert "mötets dagordning är tom" in sent.body
