"""Reminders by mail: before and on each due date, at the frequency each person chose, sent by
the daily work through the outbox; counts and links only, never a case's details; once a day;
a mail server that is down leaves the reminder waiting and it is sent when the server is back."""

import datetime

import pytest
from django.test import override_settings

from inbox import tasks
from inbox.actions import do_set_reminder_frequency
from outbox import services as outbox
from outbox.models import Mail
from outbox.tasks import daily_jobs
from plans.models import Case

from .conftest import consented_case, worker

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
MONDAY = D("2026-03-16")  # a week without holidays
THURSDAY = D("2026-03-19")


@pytest.fixture
def school_cases(orgs, counsellor):
    school = orgs["lulea-barn-och-utbildning"]
    return [
        consented_case(school, counsellor, D("2026-03-02")),  # notice due 03-09: overdue
        consented_case(school, counsellor, D("2026-03-13")),  # notice due 03-20
    ]


def run(day, capture):
    with capture(execute=True):
        return tasks.send_reminders(day)


def test_the_reminders_are_daily_work():
    assert tasks.send_reminders in daily_jobs()


def test_a_daily_reminder_counts_and_links_and_names_no_case(
    counsellor, school_cases, django_capture_on_commit_callbacks, mailoutbox
):
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 1
    [sent] = mailoutbox
    assert sent.to == ["kurator@example.se"]
    assert sent.subject == "Samverkan: det som väntar på dig 2026-03-19"
    assert "1 sak är försenad" in sent.body
    assert "1 sak ska göras inom de närmaste arbetsdagarna" in sent.body
    assert "/inkorg/" in sent.body and "/inkorg/paminnelser/" in sent.body
    for case in Case.objects.select_related("individual"):
        assert case.individual.name not in sent.body
        assert case.concern not in sent.body
        assert f"Ärende {case.pk}" not in sent.body
    mail = Mail.objects.get(kind="inbox.reminder")
    assert (
        mail.status == Mail.Status.SENT
        and mail.county_id == counsellor.membership.organisation.county_id
    )
    assert set(mail.params) == {"day", "overdue", "today", "soon", "path", "settings_path"}


def test_once_a_day_however_often_the_work_runs(
    counsellor, school_cases, django_capture_on_commit_callbacks, mailoutbox
):
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 1
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    assert run(THURSDAY + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 1


def test_before_the_due_date_and_on_it_but_not_when_nothing_is_near(
    orgs, counsellor, django_capture_on_commit_callbacks, mailoutbox
):
    school = orgs["lulea-barn-och-utbildning"]
    consented_case(school, counsellor, D("2026-03-16"))  # notice due 2026-03-23
    capture = django_capture_on_commit_callbacks
    assert run(D("2026-03-16"), capture) == 0  # five working days ahead: not yet
    assert run(D("2026-03-18"), capture) == 1  # three working days before
    assert run(D("2026-03-23"), capture) == 1  # on the day
    assert "1 sak ska göras i dag eller så snart som möjligt" in mailoutbox[-1].body


def test_never_and_weekly_as_each_person_chose(
    orgs, counsellor, school_cases, django_capture_on_commit_callbacks, mailoutbox
):
    capture = django_capture_on_commit_callbacks
    do_set_reminder_frequency(counsellor, "never")
    assert run(THURSDAY, capture) == 0
    do_set_reminder_frequency(counsellor, "weekly")
    assert run(THURSDAY, capture) == 0
    assert run(MONDAY, capture) == 1
    # No reminders on a weekend, nor on a public holiday (Good Friday 2026).
    do_set_reminder_frequency(counsellor, "daily")
    assert run(D("2026-03-21"), capture) == 0
    assert run(D("2026-04-03"), capture) == 0
    # Weekly after a Monday holiday: on the Tuesday (Easter Monday 2026-04-06).
    assert tasks.first_working_day_of_week(D("2026-04-07"))
    assert not tasks.first_working_day_of_week(D("2026-04-08"))


def test_nobody_without_an_address_and_nobody_with_nothing_waiting(
    orgs, counsellor, django_capture_on_commit_callbacks, mailoutbox
):
    silent = worker("utanadress", orgs["lulea-socialtjansten"], email="")
    consented_case(orgs["lulea-socialtjansten"], silent, D("2026-03-02"))
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


@override_settings(EMAIL_BACKEND="outbox.tests.backends.DownBackend")
def test_a_mail_server_that_is_down_loses_nothing(
    counsellor, school_cases, django_capture_on_commit_callbacks, mailoutbox
):
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 1
    mail = Mail.objects.get(kind="inbox.reminder")
    assert mail.status == Mail.Status.RETRYING and mail.attempts == 1
    assert mail.last_error == "ConnectionRefusedError"
    # A second run on the day queues no second reminder: the first is waiting to be sent.
    assert run(THURSDAY, django_capture_on_commit_callbacks) == 0
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        outbox.deliver(mail.pk, now=mail.next_attempt_at)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.SENT and mail.attempts == 2
    [sent] = mailoutbox
    assert "1 sak är försenad" in sent.body
