"""The minutes of a meeting: written per agenda item by the secretary (or the office the agreement
names for them), sent for approval, approved (justerade) by the chair and an adjuster who
attended, never by the writer as adjuster, within the county's `minutes_days`. Approved minutes
never change: a correction is a new number, with its reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import changes_between, record
from outbox.services import queue_mail
from structure.actions import ConflictError
from structure.models import Person

from . import events, mails
from .access import (
    body_name,
    is_chair,
    meeting_day,
    office_holders,
    person_of,
    require_running,
)
from .actions import latest_minutes, mail_params
from .county_settings import settings_for
from .models import AgendaItem, Attendance, Meeting, Minutes, MinutesEntry

State = Minutes.State
# Only an item the body decides on takes a decision; the others a recommendation at most.
DECIDED = (AgendaItem.Kind.DECISION, AgendaItem.Kind.ELECTION)


@dataclass(frozen=True)
class EntryData:
    discussion: str = ""
    recommendation: str = ""
    decision: str = ""


def approval_due(meeting: Meeting) -> datetime.date:
    """The last day the minutes are approved on: the county's `minutes_days` after the meeting."""
    days = settings_for(meeting.county).minutes_days
    return meeting_day(meeting) + datetime.timedelta(days=days)


def immutable_refusal() -> ValidationError:
    return ValidationError(
        _(
            "Approved minutes cannot be changed. To correct them, begin a corrected version "
            "and give the reason."
        ),
        code="approved",
    )


def _locked(minutes: Minutes, expected_version: int | None, **changes) -> Minutes:
    rows = Minutes.objects.filter(pk=minutes.pk).exclude(state=State.APPROVED)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1, **changes):
        minutes.refresh_from_db()
        if minutes.state == State.APPROVED:
            raise immutable_refusal()
        raise ConflictError(
            _(
                "Someone else saved these minutes after you opened them. Your text is kept "
                "below: compare it with theirs and save again."
            )
        )
    minutes.refresh_from_db()
    return minutes


def _began_by_another() -> ConflictError:
    return ConflictError(
        _(
            "Someone else began these minutes after you opened them. Your text is kept below: "
            "compare it with theirs and save again."
        )
    )


def attendees(meeting: Meeting) -> list[Person]:
    """Who attended (who answered coming, before attendance is recorded)."""
    rows = meeting.attendance.select_related("person")
    recorded = rows.filter(attended__isnull=False).exists()
    chosen = (
        rows.filter(attended=True) if recorded else rows.filter(answer=Attendance.Answer.COMING)
    )
    return [row.person for row in chosen.order_by("person__name")]


def _check_adjuster(actor, meeting: Meeting, adjuster: Person | None, writer) -> None:
    if adjuster is None:
        return
    if adjuster.pk not in {p.pk for p in attendees(meeting)}:
        raise ValidationError(
            {"adjuster": [_("The adjuster is someone who attended the meeting.")]}
        )
    if adjuster.user_id is not None and adjuster.user_id == writer.pk:
        raise ValidationError(
            {"adjuster": [_("The one who wrote the minutes cannot approve them as adjuster.")]}
        )


@transaction.atomic
def do_write_minutes(
    actor,
    meeting: Meeting,
    entries: dict[int, EntryData],
    *,
    adjuster: Person | None = None,
    expected_version: int | None = None,
) -> Minutes:
    """Write (or go on writing) the minutes: per agenda item what was discussed, recommended
    and, where the body decides, decided."""
    require_running(actor, meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled: it has no minutes."))
    if meeting_day(meeting) > timezone.localdate():
        raise ValidationError(_("The minutes are written once the meeting has begun."))
    items = {item.pk: item for item in meeting.agenda.all()}
    errors = {}
    for pk, data in entries.items():
        item = items.get(pk)
        if item is None:
            errors["__all__"] = [_("An item written about is not on this meeting's agenda.")]
        elif data.decision.strip() and item.kind not in DECIDED:
            errors[f"decision_{pk}"] = [
                _(
                    "%(item)s is not for decision: the body decides only on items of decision "
                    "or election. Write a recommendation instead."
                )
                % {"item": item.title}
            ]
    if errors:
        raise ValidationError(errors)
    minutes = latest_minutes(meeting)
    if minutes is None:
        _check_adjuster(actor, meeting, adjuster, actor)
        try:
            with transaction.atomic():
                minutes = Minutes.objects.create(
                    meeting=meeting, written_by=actor, adjuster=adjuster
                )
        except IntegrityError:
            raise _began_by_another() from None
    elif minutes.state == State.APPROVED:
        raise immutable_refusal()
    elif expected_version == 0:
        raise _began_by_another()
    else:
        _check_adjuster(actor, meeting, adjuster, minutes.written_by)
        # A changed text needs approving anew.
        minutes = _locked(
            minutes,
            expected_version,
            state=State.DRAFT,
            adjuster=adjuster,
            chair_approved_at=None,
            chair_approved_by=None,
            adjuster_approved_at=None,
        )
    for pk, data in entries.items():
        MinutesEntry.objects.update_or_create(
            minutes=minutes,
            agenda_item_id=pk,
            defaults={
                "discussion": data.discussion.strip(),
                "recommendation": data.recommendation.strip(),
                "decision": data.decision.strip(),
            },
        )
    record(
        actor, events.MINUTES_WRITTEN, minutes, {"meeting": meeting.pk, "number": minutes.number}
    )
    return minutes


@transaction.atomic
def do_submit_minutes(actor, minutes: Minutes, expected_version: int | None = None) -> Minutes:
    """Send the minutes to the chair and the adjuster for approval."""
    meeting = minutes.meeting
    require_running(actor, meeting)
    if minutes.state == State.APPROVED:
        raise immutable_refusal()
    if minutes.adjuster is None:
        raise ValidationError({"adjuster": [_("Name the adjuster before sending the minutes.")]})
    minutes = _locked(minutes, expected_version, state=State.SUBMITTED)
    chairs = office_holders(meeting, "chair")
    queue_mail(
        mails.MINUTES_TO_APPROVE,
        [p.email for p in [*chairs, minutes.adjuster]],
        mail_params(meeting, number=minutes.number, due=approval_due(meeting).isoformat()),
        regarding=meeting,
    )
    record(actor, events.MINUTES_SUBMITTED, minutes, {"number": minutes.number})
    return minutes


def approver_roles(user, minutes: Minutes) -> set[str]:
    """As what the user may approve the minutes: "chair", "adjuster", both or neither."""
    roles = set()
    if is_chair(user, minutes.meeting):
        roles.add("chair")
    person = person_of(user)
    if person is not None and minutes.adjuster_id == person.pk and minutes.written_by_id != user.pk:
        roles.add("adjuster")
    return roles


@transaction.atomic
def do_approve_minutes(actor, minutes: Minutes, expected_version: int | None = None) -> Minutes:
    """The chair's and the adjuster's approval; with both, the minutes are approved and never
    change again."""
    if minutes.state == State.APPROVED:
        raise immutable_refusal()
    person = person_of(actor)
    if (
        person is not None
        and minutes.adjuster_id == person.pk
        and minutes.written_by_id == actor.pk
    ):
        raise PermissionDenied(_("The one who wrote the minutes cannot approve them as adjuster."))
    roles = approver_roles(actor, minutes)
    if not roles:
        raise PermissionDenied(_("Only the chair and the adjuster approve the minutes."))
    if minutes.state != State.SUBMITTED:
        raise ValidationError(_("The minutes are approved once they are sent for approval."))
    now = timezone.now()
    changes = {}
    if "chair" in roles and minutes.chair_approved_at is None:
        changes.update(chair_approved_at=now, chair_approved_by=actor)
    if "adjuster" in roles and minutes.adjuster_approved_at is None:
        changes["adjuster_approved_at"] = now
    if not changes:
        raise ValidationError(_("You have already approved these minutes."))
    chair_done = minutes.chair_approved_at or changes.get("chair_approved_at")
    adjuster_done = minutes.adjuster_approved_at or changes.get("adjuster_approved_at")
    if chair_done and adjuster_done:
        changes.update(state=State.APPROVED, approved_at=now)
    minutes = _locked(minutes, expected_version, **changes)
    record(
        actor,
        events.MINUTES_APPROVED,
        minutes,
        {
            "number": minutes.number,
            "as": sorted(roles),
            "approved": minutes.state == State.APPROVED,
        },
        changes=changes_between({}, {"state": minutes.state}),
    )
    return minutes


@transaction.atomic
def do_correct_minutes(actor, minutes: Minutes, reason: str) -> Minutes:
    """Begin a corrected version of approved minutes: a new number, the text carried over, the
    reason kept."""
    meeting = minutes.meeting
    require_running(actor, meeting)
    if minutes.state != State.APPROVED:
        raise ValidationError(_("Only approved minutes are corrected: change the draft instead."))
    if latest_minutes(meeting).pk != minutes.pk:
        raise ValidationError(_("A corrected version is already begun."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the minutes are corrected.")]})
    corrected = Minutes.objects.create(
        meeting=meeting,
        number=minutes.number + 1,
        written_by=actor,
        adjuster=minutes.adjuster
        if minutes.adjuster and minutes.adjuster.user_id != actor.pk
        else None,
        correction_reason=reason.strip(),
    )
    MinutesEntry.objects.bulk_create(
        MinutesEntry(
            minutes=corrected,
            agenda_item_id=entry.agenda_item_id,
            discussion=entry.discussion,
            recommendation=entry.recommendation,
            decision=entry.decision,
        )
        for entry in minutes.entries.all()
    )
    record(
        actor,
        events.MINUTES_CORRECTED,
        corrected,
        {"number": corrected.number, "corrects": minutes.number},
        reason=reason,
    )
    return corrected


def minutes_context(minutes: Minutes, *, names: bool = True) -> dict:
    """What the minutes say, for their page, their PDF and their publication: `names` False
    leaves out every person's name (attendance is then counted by role)."""
    meeting = minutes.meeting
    entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
    items = [(item, entries.get(item.pk)) for item in meeting.agenda.order_by("position", "pk")]
    rows = list(
        meeting.attendance.select_related("person__organisation", "on_behalf_of").order_by(
            "role", "person__name"
        )
    )
    recorded = any(row.attended is not None for row in rows)
    present = [
        row
        for row in rows
        if (row.attended if recorded else row.answer == Attendance.Answer.COMING)
    ]
    counted: dict[str, int] = {}
    for row in present:
        label = str(row.get_role_display())
        counted[label] = counted.get(label, 0) + 1
    return {
        "meeting": meeting,
        "minutes": minutes,
        "body_name": body_name(meeting),
        "items": items,
        "present": present if names else [],
        "counted": sorted(counted.items()),
        "action_items": list(meeting.action_items_raised.select_related("owner")),
        "names": names,
    }
