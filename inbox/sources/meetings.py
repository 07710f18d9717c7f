"""The structure's meetings: for the body's officers, the notices to send (the county's
`notice_days` before the meeting) and the minutes to write (approved within `minutes_days`);
for each person, the notices to answer, the minutes to approve and their open action items
(meetings.mine). A fixed number of queries, whatever the person sits in."""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from agreements.schema import OfficeRole
from meetings.feeds import BodyNames
from meetings.mine import mine
from meetings.models import Meeting, MeetingSettings, Minutes
from structure.models import OfficeTerm

from . import Item, Source, person_of, register

# The offices that send a body's notices, and those that write its minutes (meetings.access).
NOTICE_OFFICES = (
    OfficeRole.SECRETARY.value,
    OfficeRole.CONVENER.value,
    OfficeRole.CHAIR.value,
    OfficeRole.MINUTES.value,
)
MINUTES_OFFICES = (OfficeRole.SECRETARY.value, OfficeRole.MINUTES.value)
# A notice enters the inbox this many days before it is due; minutes stop being chased after
# the lookback, as the meetings' own reminders do (meetings.tasks.MINUTES_LOOKBACK).
NOTICE_AHEAD = datetime.timedelta(days=14)
MAX_NOTICE_DAYS = datetime.timedelta(days=90)
MINUTES_LOOKBACK = datetime.timedelta(days=180)

WHAT = {
    "send_notice": gettext_lazy("Notice: %(body)s, %(day)s"),
    "write_minutes": gettext_lazy("Minutes to write: %(body)s, %(day)s"),
    "answer": gettext_lazy("Notice to answer: %(body)s, %(day)s"),
    "approve": gettext_lazy("Minutes to approve: %(body)s, %(day)s"),
    "action_item": gettext_lazy("Action item from %(body)s, %(day)s"),
}
NEXT_STEP = {
    "send_notice": gettext_lazy("Put the agenda together and send the notice"),
    "write_minutes": gettext_lazy("Write the minutes and send them for approval"),
    "answer": gettext_lazy("Answer whether you come"),
    "approve": gettext_lazy("Read and approve the minutes"),
    "action_item": gettext_lazy("Do it, then close it"),
}


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def _held_on(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.ends_at).date()


def _of(held: set[tuple[int, str, str]]) -> Q:
    return reduce(or_, (Q(county_id=c, body=b, instance=i) for c, b, i in held), Q(pk__in=[]))


def _days(counties: set[int], field: str) -> dict[int, int]:
    default = MeetingSettings._meta.get_field(field).default
    found = dict(
        MeetingSettings.objects.filter(county_id__in=counties).values_list("county_id", field)
    )
    return {county: found.get(county, default) for county in counties}


def _item(kind: str, meeting: Meeting, names: BodyNames, url: str, due_on) -> Item:
    return Item(
        source="meetings",
        what=str(WHAT[kind])
        % {
            "body": names.body(meeting.county_id, meeting.body, meeting.instance),
            "day": _day(meeting).isoformat(),
        },
        next_step=str(NEXT_STEP[kind]),
        url=url,
        due_on=due_on,
    )


def _for_officers(person, today: datetime.date, limit: int) -> tuple[list, list]:
    """The meetings whose notice the person's offices send, and those whose minutes they
    write and have not sent for approval."""
    offices = list(
        OfficeTerm.objects.on(today)
        .filter(person=person, role__in=NOTICE_OFFICES)
        .values_list("county_id", "body", "instance", "role")
    )
    if not offices:
        return [], []
    senders = {(c, b, i) for c, b, i, _ in offices}
    writers = {(c, b, i) for c, b, i, role in offices if role in MINUTES_OFFICES}
    to_notify = list(
        Meeting.objects.filter(
            _of(senders),
            status=Meeting.Status.PLANNED,
            starts_at__gte=_start_of(today),
            starts_at__lt=_start_of(today + NOTICE_AHEAD + MAX_NOTICE_DAYS),
        )
        .select_related("county")
        .order_by("starts_at", "pk")[: limit + 1]
    )
    now = timezone.now()
    finished = Minutes.objects.filter(
        meeting=OuterRef("pk"), state__in=[Minutes.State.SUBMITTED, Minutes.State.APPROVED]
    )
    to_write = list(
        Meeting.objects.filter(_of(writers), ends_at__lt=now, ends_at__gte=now - MINUTES_LOOKBACK)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(~Exists(finished))
        .select_related("county")
        .order_by("ends_at", "pk")[: limit + 1]
    )
    return to_notify, to_write


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    if person_of(user) is None:
        return []
    found = mine(user)
    to_notify, to_write = _for_officers(found.person, today, limit)
    counties = {m.county_id for m in to_notify + to_write}
    counties |= {minutes.meeting.county_id for minutes in found.to_approve}
    notice_days = _days(counties, "notice_days")
    minutes_days = _days(counties, "minutes_days")
    names = BodyNames()
    items = []
    for meeting in to_notify:
        due_on = _day(meeting) - datetime.timedelta(days=notice_days[meeting.county_id])
        if due_on <= today + NOTICE_AHEAD:
            url = reverse("meetings:meeting", args=[meeting.county.slug, meeting.pk])
            items.append(_item("send_notice", meeting, names, url, due_on))
    for meeting in to_write:
        url = reverse("meetings:write_minutes", args=[meeting.county.slug, meeting.pk])
        due_on = _held_on(meeting) + datetime.timedelta(days=minutes_days[meeting.county_id])
        items.append(_item("write_minutes", meeting, names, url, due_on))
    for row in found.to_answer:
        meeting = row.meeting
        url = reverse("meetings:answer_notice", args=[meeting.county.slug, meeting.pk])
        items.append(_item("answer", meeting, names, url, _day(meeting)))
    for minutes in found.to_approve:
        meeting = minutes.meeting
        url = reverse(
            "meetings:approve_minutes", args=[meeting.county.slug, meeting.pk, minutes.number]
        )
        due_on = _held_on(meeting) + datetime.timedelta(days=minutes_days[meeting.county_id])
        items.append(_item("approve", meeting, names, url, due_on))
    for action_item in found.action_items:
        meeting = action_item.raised_at
        url = reverse("meetings:close_action_item", args=[meeting.county.slug, action_item.pk])
        items.append(_item("action_item", meeting, names, url, action_item.due_on))
    return items


SOURCE = register(Source("meetings", collect))
