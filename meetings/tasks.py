"""The meetings' daily work (outbox.tasks.daily): the notices due today that no one has sent,
reminders of open action items past their due date, to their owner, and of minutes not
approved in the county's time, to the body's chair. Each is sent at most once a day: a notice
once sent is not sent again, and what reminders were already sent today is read from the
outbox, which records every mail, so that a second run on the same day (cron and the worker, a
restarted worker) sends nothing more."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from agreements.schema import OfficeRole
from outbox.models import Mail
from outbox.services import queue_mail
from outbox.tasks import daily
from structure.actions import ConflictError
from structure.models import OfficeTerm

from . import mails
from .actions import do_send_due_notice
from .feeds import BodyNames
from .models import ActionItem, Meeting, MeetingSettings, Minutes, YearPlan

logger = logging.getLogger(__name__)

# Minutes older than this are no longer chased by mail: the compliance page keeps showing them.
MINUTES_LOOKBACK = datetime.timedelta(days=180)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _reminded_on(day: datetime.date, kind, model) -> set[str]:
    """What the kind of mail was already sent about today (outbox.services.about)."""
    return set(
        Mail.objects.filter(
            kind=kind.code,
            about__startswith=f"{model._meta.label_lower}:",
            queued_at__gte=_start_of(day),
            queued_at__lt=_start_of(day + datetime.timedelta(days=1)),
        ).values_list("about", flat=True)
    )


def _address(person) -> str:
    if person is None:
        return ""
    return person.email or (person.user.email if person.user is not None else "")


def _meeting_path(meeting: Meeting) -> str:
    return reverse("meetings:meeting", kwargs={"county": meeting.county.slug, "pk": meeting.pk})


@daily
def send_due_notices(day: datetime.date) -> int:
    """The notice of each meeting whose notice falls due today or fell due since (a worker that
    was stopped catches up) and that no one has sent: of an adopted plan, or added on its own,
    with an agenda to send. Returns how many were sent. A meeting without an agenda waits for
    its secretary; its page says the notice is late."""
    longest = MeetingSettings._meta.get_field("notice_days").validators[-1].limit_value
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            notice_sent_at=None,
            starts_at__gte=_start_of(day),
            starts_at__lt=_start_of(day + datetime.timedelta(days=longest + 1)),
            agenda__isnull=False,
        )
        .filter(Q(plan=None) | Q(plan__state__in=[YearPlan.State.ADOPTED, YearPlan.State.CHANGED]))
        .distinct()
        .order_by("starts_at", "pk")
    )
    sent = 0
    for meeting in meetings:
        try:
            sent += do_send_due_notice(meeting, day) is not None
        except (ValidationError, PermissionDenied, ConflictError) as error:
            # The meeting's page shows the notice not sent; the log names only the meeting.
            logger.warning("notice of meeting %s not sent: %s", meeting.pk, type(error).__name__)
    return sent


@daily
def remind_overdue_action_items(day: datetime.date) -> int:
    """Each open action item past its due date, to its owner; returns how many were sent."""
    items = (
        ActionItem.objects.filter(status=ActionItem.Status.OPEN, due_on__lt=day)
        .exclude(owner=None)
        .select_related("owner__user", "raised_at__county")
    )
    reminded = _reminded_on(day, mails.ACTION_ITEM_REMINDER, ActionItem)
    names = BodyNames()
    sent = 0
    for item in items:
        address = _address(item.owner)
        if not address or f"meetings.actionitem:{item.pk}" in reminded:
            continue
        meeting = item.raised_at
        queue_mail(
            mails.ACTION_ITEM_REMINDER,
            [address],
            {
                "body": names.body(item.county_id, item.body, item.instance),
                "due_on": item.due_on.isoformat(),
                "days_overdue": (day - item.due_on).days,
                "meeting_day": timezone.localdate(meeting.starts_at).isoformat(),
                "meeting_path": _meeting_path(meeting),
            },
            regarding=item,
        )
        sent += 1
    return sent


@daily
def remind_unapproved_minutes(day: datetime.date) -> int:
    """Minutes sent for approval and not approved within the county's minutes_days after the
    meeting, to the body's chair on the day; returns how many were sent. Minutes never
    written are the compliance page's finding: the chair has nothing to approve."""
    waiting = list(
        Minutes.objects.filter(
            state=Minutes.State.SUBMITTED,
            meeting__ends_at__gte=_start_of(day) - MINUTES_LOOKBACK,
            meeting__ends_at__lt=_start_of(day),
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(meeting__minutes__state=Minutes.State.APPROVED)
        .select_related("meeting__county")
        .order_by("meeting_id", "-number")
    )
    if not waiting:
        return 0
    counties = {minutes.meeting.county_id for minutes in waiting}
    default_days = MeetingSettings._meta.get_field("minutes_days").default
    days_for = dict(
        MeetingSettings.objects.filter(county_id__in=counties).values_list(
            "county_id", "minutes_days"
        )
    )
    chairs = {
        (term.county_id, term.body, term.instance): term.person
        for term in OfficeTerm.objects.on(day)
        .filter(role=OfficeRole.CHAIR.value, county_id__in=counties)
        .exclude(person=None)
        .select_related("person__user")
    }
    reminded = _reminded_on(day, mails.MINUTES_TO_APPROVE, Meeting)
    names = BodyNames()
    sent = 0
    for minutes in waiting:
        meeting = minutes.meeting
        held_on = timezone.localdate(meeting.ends_at)
        due_on = held_on + datetime.timedelta(days=days_for.get(meeting.county_id, default_days))
        about = f"meetings.meeting:{meeting.pk}"
        if day <= due_on or about in reminded:
            continue
        address = _address(chairs.get((meeting.county_id, meeting.body, meeting.instance)))
        if not address:
            continue
        # The parameters of the kind's template (meetings/mail/minutes_to_approve.txt).
        queue_mail(
            mails.MINUTES_TO_APPROVE,
            [address],
            {
                "body": names.body(meeting.county_id, meeting.body, meeting.instance),
                "day": held_on.isoformat(),
                "number": minutes.number,
                "due": due_on.isoformat(),
                "path": _meeting_path(meeting),
            },
            regarding=meeting,
        )
        reminded.add(about)
        sent += 1
    return sent
