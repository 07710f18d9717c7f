"""The outbox's background work (django-tasks): sending each mail, the sweep that sends any
mail whose task was lost, and the daily round that runs every app's daily work without a
broker or cron: a task that, once done, queues itself for the next morning.

Apps add to the daily round with `@daily` in their own `tasks` module, which the outbox imports
when the round first runs (`daily_jobs`), so that the outbox names no app above it and a process
that never runs the round (a command, a page) loads none of the apps' background work.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks import TaskResultStatus, task

from . import services

logger = logging.getLogger(__name__)

# Swedish time: reminders are in the inbox when the working day starts.
DAILY_AT = datetime.time(6, 30)

DailyJob = Callable[[datetime.date], object]
DAILY: list[DailyJob] = []


def daily(job: DailyJob) -> DailyJob:
    """Register a function of the day to run once a day (a decorator). It must be safe to run
    twice on one day: a restarted worker, or cron and the worker both, may do so."""
    if job not in DAILY:
        DAILY.append(job)
    return job


def daily_jobs() -> list[DailyJob]:
    """Every app's daily work, its `tasks` module imported on the first call."""
    autodiscover_modules("tasks")
    return DAILY


@task()
def send_mail(mail_id: int) -> str:
    mail = services.deliver(mail_id)
    return mail.status if mail is not None else "missing"


def enqueue_send(mail_id: int, at: datetime.datetime | None = None) -> None:
    """Queue the sending of a mail, now or at `at`. A backend that cannot defer (the tests'
    immediate one) leaves a later try to the sweep."""
    job = send_mail
    if at is not None:
        if not job.get_backend().supports_defer:
            return
        job = job.using(run_after=at)
    job.enqueue(mail_id)


@task()
def send_due() -> int:
    """Send every mail whose time has come and whose task is gone (a worker stopped between a
    commit and the queueing): the safety net under the deferred tries."""
    sent = 0
    for mail_id in services.due_mail():
        services.deliver(mail_id)
        sent += 1
    return sent


def run_daily_jobs(day: datetime.date) -> dict[str, str]:
    """Every registered daily job for the day, each on its own: one that fails is logged and
    the others still run."""
    outcome = {}
    for job in daily_jobs():
        name = f"{job.__module__}.{job.__qualname__}"
        try:
            outcome[name] = str(job(day))
        except Exception:
            logger.exception("daily job %s failed", name)
            outcome[name] = "failed"
    send_due.call()
    return outcome


@task()
def daily_round() -> dict[str, str]:
    """Today's daily work; then the next round is queued for tomorrow morning."""
    try:
        return run_daily_jobs(timezone.localdate())
    finally:
        schedule_daily(at=next_morning())


def next_morning(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now)
    tomorrow = now.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, DAILY_AT))


def schedule_daily(at: datetime.datetime | None = None) -> bool:
    """Queue the daily round (now, unless `at`), unless one is already waiting: starting the
    worker again does not start a second round. False when the backend cannot hold a round
    for later (then run `manage.py daily_work` from cron)."""
    backend = daily_round.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(backend, DatabaseBackend):
        waiting = DBTaskResult.objects.filter(
            task_path=daily_round.module_path,
            status=TaskResultStatus.READY,
            backend_name=backend.alias,
        )
        if waiting.exists():
            return False
    daily_round.using(run_after=at or timezone.now()).enqueue()
    return True
