"""A meeting's state changes other than its plan: the notice, and the action items the minutes
give. The agenda (agenda.py), attendance (attendance.py) and minutes (minutes.py) have theirs
beside their rules. Each is one transaction with one audit event, refused on a stale version.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import changes_between, record
from inputs import rules
from outbox.services import queue_mail
from structure.actions import ConflictError
from structure.models import Person

from . import events, mails
from .access import (
    body_name,
    live_appointments,
    may_run,
    meeting_day,
    person_of,
    require_running,
)
from .county_settings import settings_for
from .models import ActionItem, Attendance, Meeting, MeetingDocument, Minutes


def lock_meeting(meeting: Meeting, expected_version: int | None, *, sequence: bool = False):
    """Raise the meeting's version (and its calendar SEQUENCE when a calendar should take the
    change in), refusing when it changed since `expected_version` was read."""
    rows = Meeting.objects.filter(pk=meeting.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    changes = {"version": F("version") + 1}
    if sequence:
        changes["sequence"] = F("sequence") + 1
    if not rows.update(**changes):
        raise ConflictError(
            _("Someone else changed this meeting after you opened it. Your change is not saved.")
        )
    meeting.refresh_from_db(fields=["version", "sequence"])


def meeting_path(meeting: Meeting) -> str:
    return reverse("meetings:meeting", kwargs={"county": meeting.county.slug, "pk": meeting.pk})


def document_path(document: MeetingDocument) -> str:
    meeting = document.meeting
    return reverse(
        "meetings:document",
        kwargs={"county": meeting.county.slug, "pk": meeting.pk, "document": document.pk},
    )


def _documents(meeting: Meeting, agenda: list) -> list[dict]:
    """The notice's documents: each with its agenda item's number (none for the meeting's
    own) and the address that only those who may see the meeting open."""
    numbers = {item.pk: number for number, item in enumerate(agenda, start=1)}
    return [
        {
            "name": document.name,
            "item": numbers.get(document.agenda_item_id),
            "path": document_path(document),
        }
        for document in sorted(
            meeting.documents.all(),
            key=lambda d: (numbers.get(d.agenda_item_id, 0), d.uploaded_at, d.pk),
        )
    ]


def mail_params(meeting: Meeting, **more) -> dict:
    """What every mail about a meeting says: the body, the day and hours, the place, the page."""
    starts = timezone.localtime(meeting.starts_at)
    return {
        "body": body_name(meeting),
        "day": starts.date().isoformat(),
        "starts": starts.strftime("%H:%M"),
        "ends": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        "place": meeting.place,
        "path": meeting_path(meeting),
        **more,
    }


@dataclass(frozen=True)
class NoticeTiming:
    """When the notice is due (the county's `notice_days` before the meeting) and whether it
    goes out late, counted from `today`."""

    due_on: datetime.date
    days_before: int
    notice_days: int

    @property
    def late(self) -> bool:
        return self.days_before < self.notice_days


def notice_timing(meeting: Meeting, today: datetime.date | None = None) -> NoticeTiming:
    today = today or timezone.localdate()
    notice_days = settings_for(meeting.county).notice_days
    day = meeting_day(meeting)
    return NoticeTiming(
        due_on=day - datetime.timedelta(days=notice_days),
        days_before=(day - today).days,
        notice_days=notice_days,
    )


def notice_recipients(meeting: Meeting):
    """Every member and co-opted participant of the body instance on the meeting's day; the
    substitutes are called when a member cannot come."""
    return (
        live_appointments(meeting)
        .filter(role__in=[Attendance.Role.MEMBER, Attendance.Role.CO_OPTED])
        .select_related("person")
        .order_by("person__name", "pk")
    )


@transaction.atomic
def do_send_notice(actor, meeting: Meeting, expected_version: int | None = None) -> NoticeTiming:
    """Send the notice with the agenda to every seat holder, record whom it called, and mark
    the meeting notified. Sent again after a change, it reaches whoever was not called yet as
    well as everyone already called."""
    require_running(actor, meeting)
    return _send_notice(actor, meeting, expected_version)


@transaction.atomic
def do_send_due_notice(meeting: Meeting, today: datetime.date) -> NoticeTiming | None:
    """The background worker sends the notice on its due day (the county's `notice_days`
    before the meeting), unless someone already sent it: the same send, recorded without a
    person and marked automatic. None when there is nothing to send."""
    meeting = Meeting.objects.select_for_update().select_related("county").get(pk=meeting.pk)
    if meeting.notice_sent_at is not None or meeting.status != Meeting.Status.PLANNED:
        return None
    if notice_timing(meeting, today).due_on > today:
        return None
    return _send_notice(None, meeting, meeting.version, today=today, automatic=True)


def _send_notice(
    actor,
    meeting: Meeting,
    expected_version: int | None,
    *,
    today: datetime.date | None = None,
    automatic: bool = False,
) -> NoticeTiming:
    today = today or timezone.localdate()
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(
            _("The meeting is %(status)s: no notice goes out.")
            % {"status": meeting.get_status_display()}
        )
    if meeting_day(meeting) < today:
        raise ValidationError(_("The meeting has already taken place: no notice goes out."))
    agenda = list(meeting.agenda.order_by("position", "pk"))
    if not agenda:
        raise ValidationError(_("Put the agenda together before the notice goes out."))
    timing = notice_timing(meeting, today)
    lock_meeting(meeting, expected_version, sequence=True)
    called = set(meeting.attendance.values_list("person_id", flat=True))
    addresses = []
    for appointment in notice_recipients(meeting):
        if appointment.person_id not in called:
            Attendance.objects.create(
                meeting=meeting,
                person=appointment.person,
                appointment=appointment,
                role=appointment.role,
            )
            called.add(appointment.person_id)
        addresses.append(appointment.person.email)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.NOTIFIED, notice_sent_at=timezone.now(), notice_sent_by=actor
    )
    meeting.refresh_from_db()
    queue_mail(
        mails.NOTICE,
        addresses,
        mail_params(
            meeting,
            # A coded title as its code: the mail is written in its recipient's language.
            agenda=[
                {
                    "title": item.text,
                    "code": item.title_code,
                    "params": item.title_params,
                    "kind": item.kind,
                    "presenter": item.presenter,
                }
                for item in agenda
            ],
            documents=_documents(meeting, agenda),
        ),
        regarding=meeting,
    )
    record(
        actor,
        events.NOTICE_SENT,
        meeting,
        {"recipients": len(called), "late": timing.late, "automatic": automatic},
        changes=changes_between({}, {"status": meeting.status, "sequence": meeting.sequence}),
    )
    return timing


def latest_minutes(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.order_by("-number").first()


def may_close(user, item: ActionItem) -> bool:
    """The owner closes their own action item; the body's officers close any of its items."""
    owner = person_of(user)
    return (owner is not None and item.owner_id == owner.pk) or may_run(user, item.raised_at)


@transaction.atomic
def do_add_action_item(
    actor,
    meeting: Meeting,
    *,
    description: str,
    owner: Person | None,
    due_on: datetime.date,
    expected_version: int | None = None,
) -> ActionItem:
    """An action item the minutes give: carried on the body's agendas until done."""
    require_running(actor, meeting)
    minutes = latest_minutes(meeting)
    if minutes is not None and minutes.state == Minutes.State.APPROVED:
        raise ValidationError(
            _("The minutes are approved and cannot be changed: begin a correction to add to them.")
        )
    errors = {}
    if not description.strip():
        errors["description"] = [_("Say what is to be done.")]
    if owner is not None and owner.county_id != meeting.county_id:
        errors["owner"] = [_("Choose someone of the county.")]
    problem = rules.FOLLOW_UP.problem(due_on)
    if problem:
        errors["due_on"] = [problem]
    elif due_on < meeting_day(meeting):
        errors["due_on"] = [_("The action item falls due before the meeting that gives it.")]
    if errors:
        raise ValidationError(errors)
    lock_meeting(meeting, expected_version)
    item = ActionItem.objects.create(
        county_id=meeting.county_id,
        body=meeting.body,
        instance=meeting.instance,
        raised_at=meeting,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
    )
    record(
        actor,
        events.ACTION_ITEM_ADDED,
        item,
        {"meeting": meeting.pk, "due_on": due_on.isoformat()},
        changes=changes_between({}, {"owner": item.owner_id, "due_on": due_on}),
    )
    return item


@transaction.atomic
def do_close_action_item(
    actor,
    item: ActionItem,
    *,
    status: str,
    note: str,
    at_meeting: Meeting | None = None,
    expected_version: int | None = None,
) -> ActionItem:
    """Close the action item as done or cancelled, with a note: at a meeting of its body, or
    by its owner."""
    if not may_close(actor, item):
        raise PermissionDenied(
            _("Only the owner of the action item or the body's officers may close it.")
        )
    if item.status != ActionItem.Status.OPEN:
        raise ValidationError(_("The action item is already closed."))
    if status not in (ActionItem.Status.DONE, ActionItem.Status.CANCELLED):
        raise ValidationError({"status": [_("Choose done or cancelled.")]})
    if not note.strip():
        raise ValidationError({"note": [_("Say how it was done, or why not.")]})
    if at_meeting is not None and (at_meeting.body, at_meeting.instance) != (
        item.body,
        item.instance,
    ):
        raise ValidationError(_("The action item belongs to another body."))
    today = timezone.localdate()
    updated = ActionItem.objects.filter(
        pk=item.pk, **({"version": expected_version} if expected_version is not None else {})
    ).update(
        version=F("version") + 1,
        status=status,
        closing_note=note.strip(),
        closed_on=today,
        closed_at=at_meeting,
    )
    if not updated:
        raise ConflictError(
            _("Someone else changed this action item after you opened it. Nothing is saved.")
        )
    item.refresh_from_db()
    record(
        actor,
        events.ACTION_ITEM_CLOSED,
        item,
        {"status": status, "closed_on": today.isoformat()},
        changes=changes_between({"status": ActionItem.Status.OPEN}, {"status": status}),
    )
    return item


def is_overdue(item: ActionItem, today: datetime.date | None = None) -> bool:
    return item.status == ActionItem.Status.OPEN and item.due_on < (today or timezone.localdate())
