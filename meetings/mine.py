"""A person's own meetings: the meetings to come of the bodies they sit in, the notices they have
not answered, the minutes waiting for their approval and their open action items."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from structure.models import Appointment, OfficeTerm, Person

from .models import ActionItem, Attendance, Meeting, Minutes


def _seats(person: Person, day: datetime.date) -> set[tuple[int, str, str]]:
    """The body instances the person holds a seat or an office in on the day."""
    held = set(
        Appointment.objects.on(day)
        .filter(person=person)
        .values_list("county_id", "body", "instance")
    )
    held |= set(
        OfficeTerm.objects.on(day)
        .filter(person=person)
        .values_list("county_id", "body", "instance")
    )
    return held


def sits_in_bodies(user) -> bool:
    """Whether the user's Person holds a seat or an office today: they start on "my meetings"."""
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    return person is not None and bool(_seats(person, timezone.localdate()))


def _of(seats: set[tuple[int, str, str]]) -> Q:
    return reduce(
        or_,
        (Q(county_id=c, body=b, instance=i) for c, b, i in seats),
        Q(pk__in=[]),
    )


@dataclass(frozen=True)
class Mine:
    person: Person | None
    upcoming: list[Meeting]
    to_answer: list[Attendance]
    to_approve: list[Minutes]
    action_items: list[ActionItem]
    today: datetime.date


def mine(user) -> Mine:
    today = timezone.localdate()
    person = Person.objects.filter(user=user).first()
    if person is None:
        return Mine(None, [], [], [], [], today)
    seats = _seats(person, today)
    now = timezone.now()
    upcoming = list(
        Meeting.objects.filter(_of(seats) | Q(attendance__person=person), ends_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("county")
        .distinct()
        .order_by("starts_at", "pk")[:50]
    )
    to_answer = list(
        Attendance.objects.filter(
            person=person,
            answer=Attendance.Answer.NONE,
            meeting__status=Meeting.Status.NOTIFIED,
            meeting__ends_at__gte=now,
        )
        .select_related("meeting__county")
        .order_by("meeting__starts_at")
    )
    chaired = {
        (c, b, i)
        for c, b, i in OfficeTerm.objects.on(today)
        .filter(person=person, role="chair")
        .values_list("county_id", "body", "instance")
    }
    chair_q = reduce(
        or_,
        (Q(meeting__county_id=c, meeting__body=b, meeting__instance=i) for c, b, i in chaired),
        Q(pk__in=[]),
    )
    to_approve = list(
        Minutes.objects.filter(state=Minutes.State.SUBMITTED)
        .filter(
            (Q(adjuster=person, adjuster_approved_at__isnull=True) & ~Q(written_by=user))
            | (chair_q & Q(chair_approved_at__isnull=True))
        )
        .select_related("meeting__county")
        .order_by("meeting__starts_at")
    )
    action_items = list(
        ActionItem.objects.filter(owner=person, status=ActionItem.Status.OPEN)
        .select_related("raised_at__county")
        .order_by("due_on", "pk")
    )
    return Mine(person, upcoming, to_answer, to_approve, action_items, today)
