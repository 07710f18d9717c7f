"""The inbox's daily work (outbox.tasks.daily): a reminder by mail to each person at the
frequency they chose (inbox.models.ReminderSettings), before and on each due date: on a
working day when something of theirs is overdue, due that day or as soon as possible, or due
within the next working days (queries.SOON_WORKING_DAYS); weekly on the first working day of
the week when anything waits. The mail holds counts and links, never a case's details.

Every mail goes through the outbox, which records it and retries while the mail server is
down. Safe to run twice a day: who was already reminded today is read from the outbox."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from outbox.models import Mail
from outbox.services import queue_mail
from outbox.tasks import daily
from workdays.calendar import OutOfRangeError, is_working_day

from . import mails
from .models import DEFAULT_FREQUENCY, ReminderSettings
from .queries import inbox_for
from .sources import person_of

Frequency = ReminderSettings.Frequency


def _working(day: datetime.date) -> bool:
    try:
        return is_working_day(day)
    except OutOfRangeError:
        return day.weekday() < 5


def first_working_day_of_week(day: datetime.date) -> bool:
    monday = day - datetime.timedelta(days=day.weekday())
    earlier = (monday + datetime.timedelta(days=n) for n in range(day.weekday()))
    return _working(day) and not any(_working(other) for other in earlier)


def frequencies_due(day: datetime.date) -> set[str]:
    """The frequencies whose reminders go out on the day."""
    due = set()
    if _working(day):
        due.add(Frequency.DAILY.value)
    if first_working_day_of_week(day):
        due.add(Frequency.WEEKLY.value)
    return due


def _reminded_on(day: datetime.date) -> set[str]:
    """Whom the day's reminder has already gone to: by the day it is for, which the mail keeps
    among its parameters, so that a run late in the evening counts as the day's."""
    return set(
        Mail.objects.filter(kind=mails.REMINDER.code, params__day=day.isoformat()).values_list(
            "about", flat=True
        )
    )


def _people(frequencies: set[str]):
    """The active users whose chosen (or default) frequency is due."""
    chosen = Q(reminder_settings__frequency__in=frequencies)
    if DEFAULT_FREQUENCY.value in frequencies:
        chosen |= Q(reminder_settings__isnull=True)
    return (
        get_user_model()
        .objects.filter(chosen, is_active=True)
        .select_related("reminder_settings", "membership__organisation__county", "person__county")
        .order_by("pk")
    )


def _address(user) -> str:
    person = person_of(user)
    return user.email or (person.email if person is not None else "")


def _county(user):
    """The county whose coordinators see the reminder if it cannot be sent."""
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.organisation.county
    person = person_of(user)
    return person.county if person is not None else None


def _worth_a_mail(tally: dict[str, int], frequency: str) -> bool:
    if frequency == Frequency.WEEKLY:
        return any(tally.values())
    return bool(tally["overdue"] or tally["today"] or tally["soon"])


@daily
def send_reminders(day: datetime.date) -> int:
    """Each person's reminder for the day; returns how many were queued."""
    frequencies = frequencies_due(day)
    if not frequencies:
        return 0
    reminded = _reminded_on(day)
    label = get_user_model()._meta.label_lower
    path, settings_path = reverse("inbox:inbox"), reverse("inbox:settings")
    sent = 0
    # The organisations' items, read once for all their members.
    shared: dict = {}
    for user in _people(frequencies):
        address = _address(user)
        if not address or f"{label}:{user.pk}" in reminded:
            continue
        settings = getattr(user, "reminder_settings", None)
        frequency = settings.frequency if settings is not None else DEFAULT_FREQUENCY
        tally = inbox_for(user, day, shared).tally()
        if not _worth_a_mail(tally, frequency):
            continue
        queue_mail(
            mails.REMINDER,
            [address],
            {
                "day": day.isoformat(),
                "overdue": tally["overdue"],
                "today": tally["today"],
                "soon": tally["soon"],
                "path": path,
                "settings_path": settings_path,
            },
            regarding=user,
            county=_county(user),
        )
        sent += 1
    return sent
