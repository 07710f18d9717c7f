"""Queueing, sending and retrying mail: nothing is lost when the mail server is down."""

import datetime

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from agreements.models import County
from outbox import services, tasks
from outbox.kinds import subject_of
from outbox.models import Mail

from .conftest import DOWN, PARAMS, REMINDER


def queue(county, django_capture_on_commit_callbacks, *recipients):
    with django_capture_on_commit_callbacks(execute=True):
        return services.queue_mail(
            REMINDER, recipients or ["anna@region.example.se"], PARAMS, county=county
        )


def test_a_queued_mail_is_sent_once_committed_and_recorded(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    [mail] = queue(county, django_capture_on_commit_callbacks)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.SENT and mail.attempts == 1 and mail.sent_at
    assert mail.county == county and mail.next_attempt_at is None
    [sent] = mailoutbox
    assert sent.to == ["anna@region.example.se"]
    assert sent.subject == "Påminnelse: Länsstyrgruppen"
    assert "2026-11-02" in sent.body


@override_settings(SAMVERKAN_SITE_URL="https://samverkan.region.se")
def test_a_link_in_a_mail_is_the_full_address_taken_when_it_is_sent(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    queue(county, django_capture_on_commit_callbacks)
    [sent] = mailoutbox
    assert "https://samverkan.region.se/moten/norrbotten/moten/1/" in sent.body.splitlines()


def test_one_mail_per_distinct_recipient_and_none_for_an_empty_address(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    mails = queue(county, django_capture_on_commit_callbacks, "b@x.se", "a@x.se", "b@x.se", "")
    assert [m.recipient for m in mails] == ["a@x.se", "b@x.se"]
    assert len(mailoutbox) == 2


def test_nothing_is_sent_when_the_transaction_rolls_back(county, mailoutbox):
    # Without the commit (the test's transaction is rolled back), the worker is never asked.
    services.queue_mail(REMINDER, ["a@x.se"], PARAMS, county=county)
    assert mailoutbox == []


@override_settings(EMAIL_BACKEND=DOWN)
def test_a_server_that_is_down_is_tried_again_with_backoff_and_then_marked_failed(
    county, django_capture_on_commit_callbacks
):
    [mail] = queue(county, django_capture_on_commit_callbacks)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.RETRYING and mail.attempts == 1
    # The error's kind, never its text (which names the server and can name addresses).
    assert mail.last_error == "ConnectionRefusedError"
    first = mail.next_attempt_at
    assert datetime.timedelta(seconds=50) < first - timezone.now() <= datetime.timedelta(minutes=1)
    # Not yet due: a duplicate task arriving early does not send or count.
    services.deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.attempts == 1
    waits = []
    while mail.status == Mail.Status.RETRYING:
        now = mail.next_attempt_at
        services.deliver(mail.pk, now=now)
        mail.refresh_from_db()
        if mail.next_attempt_at:
            waits.append(round((mail.next_attempt_at - now).total_seconds() / 60))
    assert waits == [5, 30] + [60] * (services.MAX_ATTEMPTS - 4)
    assert mail.status == Mail.Status.FAILED and mail.attempts == services.MAX_ATTEMPTS
    assert mail.next_attempt_at is None


def test_the_sweep_sends_what_waited_once_the_server_is_back(
    county, django_capture_on_commit_callbacks, mailoutbox
):
    with override_settings(EMAIL_BACKEND=DOWN):
        [mail] = queue(county, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert services.due_mail() == []
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert services.due_mail(later) == [mail.pk]
    Mail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
    assert tasks.send_due.call() == 1
    mail.refresh_from_db()
    assert mail.status == Mail.Status.SENT and mail.attempts == 2 and mail.last_error == ""
    assert len(mailoutbox) == 1


def test_a_mail_of_an_unknown_kind_fails_visibly(county):
    mail = Mail.objects.create(kind="gone.kind", recipient="a@x.se", county=county)
    services.deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.RETRYING and mail.last_error == "LookupError"
    assert subject_of("gone.kind", {}) == "gone.kind"


def test_the_mail_about_a_thing_is_listed_for_its_page(county, django_capture_on_commit_callbacks):
    # Any row with a county will do as the thing; a mail is one.
    [thing] = services.queue_mail(REMINDER, ["x@x.se"], PARAMS, county=county)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_mail(REMINDER, ["b@x.se", "a@x.se"], PARAMS, regarding=thing)
        services.queue_mail(REMINDER, ["c@x.se"], PARAMS, county=county)
    rows = services.mail_about(thing)
    assert [m.recipient for m in rows] == ["a@x.se", "b@x.se"]
    # The county follows from what the mail is about.
    assert {m.county_id for m in rows} == {county.pk}


@override_settings(
    EMAIL_BACKEND=DOWN, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)
def test_with_the_database_worker_a_failed_send_is_queued_again_for_later(transactional_db):
    from django_tasks_db.models import DBTaskResult

    # Committed for real, as in production: the worker's own transactions see the rows.
    county = County.objects.create(slug="norrbotten", name="Norrbottens län", scb_code="25")
    [mail] = services.queue_mail(REMINDER, ["a@x.se"], PARAMS, county=county)
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "outbox.tasks.send_mail" and task.args_kwargs["args"] == [mail.pk]
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.RETRYING and mail.attempts == 1
    retry = DBTaskResult.objects.exclude(pk=task.pk).get()
    assert retry.status == "READY" and retry.run_after == mail.next_attempt_at
