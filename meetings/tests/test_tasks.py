"""The meetings' daily work: overdue action items reminded to their owner, minutes waiting for
approval past the county's time reminded to the chair, each at most once a day."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from meetings import tasks
from meetings.models import ActionItem, MeetingSettings, Minutes
from meetings.tests.builders import meeting, office_holder, person_with_user, user
from outbox import tasks as outbox_tasks
from outbox.models import Mail
from structure.tests.builders import loaded_county

# Reminders count what was sent on the day by the clock: the tests run on today.
TODAY = timezone.localdate()


@pytest.fixture
def county(db):
    return loaded_county("norrbotten")


def run(job, day, capture):
    with capture(execute=True):
        return job(day)


def action_item(county, owner, due_on, **fields):
    raised_at = meeting(county, "lansstyrgrupp", datetime.date(2026, 10, 5))
    return ActionItem.objects.create(
        county=county,
        body="lansstyrgrupp",
        raised_at=raised_at,
        description="Ta fram en gemensam rutin för SIP",
        owner=owner,
        due_on=due_on,
        **fields,
    )


def test_an_open_action_item_past_due_is_reminded_to_its_owner_once_a_day(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    owner = person_with_user(county, email="anna@region.example.se")
    item = action_item(county, owner, TODAY - datetime.timedelta(days=2))
    action_item(county, owner, TODAY)  # due today: not yet late
    action_item(county, owner, TODAY - datetime.timedelta(days=9), status="done")
    action_item(county, person_with_user(county), TODAY - datetime.timedelta(days=9))
    capture = django_capture_on_commit_callbacks
    assert run(tasks.remind_overdue_action_items, TODAY, capture) == 1
    [sent] = mailoutbox
    assert sent.to == ["anna@region.example.se"]
    assert sent.subject == "Åtgärdspunkt som ska vara klar: Länsstyrgruppen"
    assert (TODAY - datetime.timedelta(days=2)).isoformat() in sent.body
    assert "2026-10-05" in sent.body
    assert f"/moten/norrbotten/moten/{item.raised_at_id}/" in sent.body
    # What the mail says is in the mail's parameters, never the description's text.
    assert "SIP" not in str(Mail.objects.get().params)
    # The same day again (the worker restarted, or cron beside it): nothing more.
    assert run(tasks.remind_overdue_action_items, TODAY, capture) == 0
    assert len(mailoutbox) == 1
    # The next day, again; and the item due today is now late as well.
    next_day = TODAY + datetime.timedelta(days=1)
    assert run(tasks.remind_overdue_action_items, next_day, capture) == 2
    assert len(mailoutbox) == 3


def test_an_owners_account_address_serves_when_the_person_has_none(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    owner = person_with_user(county)
    owner.user.email = "konto@kommun.example.se"
    owner.user.save()
    action_item(county, owner, TODAY - datetime.timedelta(days=1))
    run(tasks.remind_overdue_action_items, TODAY, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["konto@kommun.example.se"]]


def submitted(county, held_on, state=Minutes.State.SUBMITTED, **fields):
    held = meeting(county, "lansstyrgrupp", held_on, **fields)
    return Minutes.objects.create(meeting=held, written_by=user(), state=state)


def test_minutes_not_approved_in_the_countys_time_are_reminded_to_the_chair(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    office_holder(county, "lansstyrgrupp", "chair", email="ordforande@region.example.se")
    late = submitted(county, TODAY - datetime.timedelta(days=15))
    submitted(county, TODAY - datetime.timedelta(days=14))  # the 14th day: still in time
    submitted(county, TODAY - datetime.timedelta(days=20), state=Minutes.State.APPROVED)
    capture = django_capture_on_commit_callbacks
    assert run(tasks.remind_unapproved_minutes, TODAY, capture) == 1
    [sent] = mailoutbox
    assert sent.to == ["ordforande@region.example.se"]
    held_on = TODAY - datetime.timedelta(days=15)
    due = held_on + datetime.timedelta(days=14)
    assert held_on.isoformat() in sent.body and due.isoformat() in sent.body
    assert f"/moten/norrbotten/moten/{late.meeting_id}/" in sent.body
    assert Mail.objects.get().about == f"meetings.meeting:{late.meeting_id}"
    assert run(tasks.remind_unapproved_minutes, TODAY, capture) == 0
    assert len(mailoutbox) == 1


def test_the_countys_own_time_for_minutes_counts(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    office_holder(county, "lansstyrgrupp", "chair", email="ordforande@region.example.se")
    MeetingSettings.objects.create(county=county, minutes_days=30)
    submitted(county, TODAY - datetime.timedelta(days=20))
    assert run(tasks.remind_unapproved_minutes, TODAY, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_the_daily_round_runs_every_apps_daily_work(county, capsys):
    names = {f"{job.__module__}.{job.__qualname__}" for job in outbox_tasks.daily_jobs()}
    assert {
        "meetings.tasks.notices_due",
        "meetings.tasks.remind_overdue_action_items",
        "meetings.tasks.remind_unapproved_minutes",
    } <= names
    assert set(outbox_tasks.daily_round.call()) == names
    call_command("daily_work")
    assert "meetings.tasks.remind_overdue_action_items: 0" in capsys.readouterr().out


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_holds_one_daily_round_however_often_it_is_started(db):
    from django_tasks_db.models import DBTaskResult

    call_command("daily_work", "--schedule")
    call_command("daily_work", "--schedule")
    [waiting] = DBTaskResult.objects.all()
    assert waiting.task_path == "outbox.tasks.daily_round" and waiting.status == "READY"
    tomorrow = outbox_tasks.next_morning()
    assert tomorrow.hour == 6 and tomorrow.minute == 30
