"""The meetings' daily work (outbox.tasks.daily): the notices due today that no one has sent,
sent where the county chose so (MeetingSettings.send_notice_automatically) and otherwise
reminded to the body's convener and secretary once; reminders of open action items past their
due date, to their owner, and of minutes not approved in the county's time, to the body's
chair. Each is sent at most once a day: a notice once sent is not sent again, and what
reminders were already sent is read from the outbox, which records every mail, so that a second
run on the same day (cron and the worker, a restarted worker) sends nothing more."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from agreements.schema import OfficeRole
from outbox.models import Mail
from outbox.services import about, queue_mail
from outbox.tasks import daily
from structure.actions import ConflictError
from structure.models import OfficeTerm

from . import mails
from .access import RUNNING_OFFICES
from .actions import do_send_due_notice, mail_params, notice_timing
from .county_settings import read_once, settings_for
from .feeds import BodyNames
from .models import ActionItem, AgendaItem, Meeting, MeetingSettings, Minutes, YearPlan

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


def _due_unsent(day: datetime.date):
    """The meetings whose notice may fall due by `day` and that no one has sent: of an adopted
    plan, or added on its own, still to come, each with whether its agenda has an item."""
    longest = MeetingSettings._meta.get_field("notice_days").validators[-1].limit_value
    return (
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED,
            notice_sent_at=None,
            starts_at__gte=_start_of(day),
            starts_at__lt=_start_of(day + datetime.timedelta(days=longest + 1)),
        )
        .filter(Q(plan=None) | Q(plan__state__in=[YearPlan.State.ADOPTED, YearPlan.State.CHANGED]))
        .annotate(has_agenda=Exists(AgendaItem.objects.filter(meeting=OuterRef("pk"))))
        .select_related("county")
        .order_by("starts_at", "pk")
    )


def send_due_notices(day: datetime.date) -> int:
    """The notice of each meeting whose notice falls due today or fell due since (a worker that
    was stopped catches up), in the counties that chose to send notices automatically, when
    its agenda has an item. Returns how many were sent."""
    sent = 0
    with read_once():
        for meeting in _due_unsent(day).filter(
            county__meeting_settings__send_notice_automatically=True
        ):
            if not meeting.has_agenda:
                continue
            try:
                sent += do_send_due_notice(meeting, day) is not None
            except (ValidationError, PermissionDenied, ConflictError) as error:
                # The reminder goes out instead; the log names only the meeting.
                logger.warning(
                    "notice of meeting %s not sent: %s", meeting.pk, type(error).__name__
                )
    return sent


def _notice_senders(meetings: list[Meeting], day: datetime.date) -> dict[tuple, list]:
    """The convener and the secretary of each meeting's body on `day`; where the body has
    neither, the other offices that send its notice (the chair, the minutes keeper), so that
    someone is told."""
    keys = {(m.county_id, m.body, m.instance) for m in meetings}
    found: dict[tuple, dict[str, list]] = {}
    terms = (
        OfficeTerm.objects.on(day)
        .filter(
            county_id__in={key[0] for key in keys},
            body__in={key[1] for key in keys},
            role__in=[role.value for role in RUNNING_OFFICES],
        )
        .exclude(person=None)
        .select_related("person__user")
    )
    for term in terms:
        key = (term.county_id, term.body, term.instance)
        if key in keys:
            found.setdefault(key, {}).setdefault(term.role, []).append(term.person)
    senders = {}
    for key, by_role in found.items():
        first = [OfficeRole.CONVENER.value, OfficeRole.SECRETARY.value]
        people = [p for role in first for p in by_role.get(role, [])]
        senders[key] = people or [p for people in by_role.values() for p in people]
    return senders


def remind_due_notices(day: datetime.date) -> int:
    """On the day a meeting's notice falls due (or the first run after it) and no one has sent
    it, its convener and secretary are reminded by mail, once for each meeting: the notice is
    theirs to send, or the agenda is what keeps the automatic send from going out. Returns how
    many reminders were sent."""
    with read_once():
        due = [meeting for meeting in _due_unsent(day) if notice_timing(meeting, day).due_on <= day]
        if not due:
            return 0
        reminded = set(
            Mail.objects.filter(
                kind=mails.NOTICE_DUE.code, about__in=[about(meeting) for meeting in due]
            ).values_list("about", flat=True)
        )
        senders = _notice_senders(due, day)
        sent = 0
        for meeting in due:
            addresses = [
                _address(person)
                for person in senders.get((meeting.county_id, meeting.body, meeting.instance), [])
            ]
            if about(meeting) in reminded or not any(addresses):
                continue
            timing = notice_timing(meeting, day)
            automatic = settings_for(meeting.county).send_notice_automatically
            # The parameters of the kind's template (meetings/mail/notice_due.txt).
            queue_mail(
                mails.NOTICE_DUE,
                addresses,
                mail_params(
                    meeting,
                    due=timing.due_on.isoformat(),
                    notice_days=timing.notice_days,
                    automatic=automatic,
                    agenda_empty=not meeting.has_agenda,
                ),
                regarding=meeting,
            )
            sent += 1
    return sent


@daily
def notices_due(day: datetime.date) -> int:
    """The notices due: sent where the county chose so and the agenda is ready, then a reminder
    for each one still not sent. Returns how many notices and reminders went out."""
    return send_due_notices(day) + remind_due_notices(day)


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
