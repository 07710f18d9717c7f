"""Who comes to a meeting: members answer the notice; an absent member's substitute is called by
the agreement's substitute rule for the seat; co-opted participants and guests are recorded as
such; the secretary records who attended, and the page shows whether every party that must be
represented was.

The substitute rule (`Seat.substitutes`): a named substitute (an Appointment of role substitute
whose `substitute_for` is the member's appointment: Norrbotten v2's vuxenpsykiatri and
barnsjukvård) is called at once; where the rule is `same_area` (Norrbotten v2: "annan social- eller
barnutbildningschef i tillhörande närsjukvårdsområde"), the substitutes of the body's same-area
seats whose party lies in the absent member's area are proposed, and one of them is called.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import labels, schema
from audit.services import record
from outbox.services import queue_mail
from structure.actions import agreement_in_force
from structure.models import Appointment, Person

from . import events, mails
from .access import live_appointments, may_run, person_of, require_running
from .actions import lock_meeting, mail_params
from .models import Attendance, Meeting

Answer = Attendance.Answer
Role = Attendance.Role


def _seat(agreement: schema.Agreement, meeting: Meeting, seat_id: str) -> schema.Seat | None:
    body = agreement.body(meeting.body)
    return next((s for s in body.seats if s.id == seat_id), None) if body else None


@dataclass(frozen=True)
class Candidate:
    appointment: Appointment
    named: bool  # the member's own named substitute


def substitute_candidates(
    attendance: Attendance, agreement: schema.Agreement | None = None
) -> list[Candidate]:
    """Who may stand in for the absent member, by the seat's substitute rule: the named
    substitute first, then (same_area) the substitutes of the same-area seats in the member's
    area; never someone already called."""
    member = attendance.appointment
    if member is None or attendance.role != Role.MEMBER:
        return []
    meeting = attendance.meeting
    agreement = agreement or agreement_in_force(meeting.county_id)
    seat = _seat(agreement, meeting, member.seat)
    if seat is None or seat.substitutes is None:
        return []
    called = set(meeting.attendance.values_list("person_id", flat=True))
    substitutes = (
        live_appointments(meeting)
        .filter(role=Appointment.Role.SUBSTITUTE)
        .exclude(person_id__in=called)
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    )
    named = [Candidate(a, True) for a in substitutes if a.substitute_for_id == member.pk]
    if not seat.substitutes.same_area:
        return named
    area = agreement.area_of(member.organisation.principal)
    body = agreement.body(meeting.body)
    same_area_seats = {s.id for s in body.seats if s.substitutes and s.substitutes.same_area}
    taken = {c.appointment.pk for c in named}
    nearby = [
        Candidate(a, False)
        for a in substitutes
        if a.pk not in taken
        and a.seat in same_area_seats
        and area is not None
        and a.organisation.principal in area.municipalities
    ]
    return named + nearby


def _may_answer(user, attendance: Attendance) -> bool:
    person = person_of(user)
    return (person is not None and attendance.person_id == person.pk) or may_run(
        user, attendance.meeting
    )


def called_for(absent: Attendance) -> Attendance | None:
    """The substitute called in the member's place, if any."""
    return (
        absent.meeting.attendance.filter(role=Role.SUBSTITUTE, on_behalf_of_id=absent.person_id)
        .select_related("appointment", "person")
        .first()
    )


@transaction.atomic
def do_answer_notice(actor, attendance: Attendance, answer: str) -> Attendance | None:
    """The member answers coming or not coming. Not coming, their named substitute is called
    at once; returns the substitute's attendance when one was called. Coming again after a
    substitute was called, the call is withdrawn (the substitute told, as on the withdraw
    step), unless attendance is already recorded."""
    meeting = attendance.meeting
    if not _may_answer(actor, attendance):
        raise PermissionDenied(_("You can answer only your own notice."))
    if answer not in (Answer.COMING, Answer.NOT_COMING):
        raise ValidationError({"answer": [_("Answer coming or not coming.")]})
    if meeting.status not in (Meeting.Status.NOTIFIED, Meeting.Status.PLANNED):
        raise ValidationError(
            _("The meeting is %(status)s: the notice can no longer be answered.")
            % {"status": meeting.get_status_display()}
        )
    # Coming after all: the substitute called in the member's place is no longer needed.
    called = (
        called_for(attendance)
        if answer == Answer.COMING and attendance.role == Role.MEMBER
        else None
    )
    if called is not None and meeting.attendance.exclude(attended=None).exists():
        raise ValidationError(_("Attendance is recorded: who was called can no longer change."))
    attendance.answer, attendance.answered_at = answer, timezone.now()
    attendance.save(update_fields=["answer", "answered_at"])
    record(actor, events.ATTENDANCE_ANSWERED, meeting, {"answer": answer})
    if called is not None:
        lock_meeting(meeting, None)
        _withdraw(actor, called, member_coming=True)
    if answer != Answer.NOT_COMING or attendance.role != Role.MEMBER:
        return None
    if meeting.attendance.filter(on_behalf_of_id=attendance.person_id).exists():
        return None
    named = [c for c in substitute_candidates(attendance) if c.named]
    if not named:
        return None
    return _call(actor, attendance, named[0].appointment)


def _call(actor, absent: Attendance, appointment: Appointment) -> Attendance:
    meeting = absent.meeting
    called = Attendance.objects.create(
        meeting=meeting,
        person=appointment.person,
        appointment=appointment,
        role=Role.SUBSTITUTE,
        on_behalf_of=absent.person,
    )
    queue_mail(
        mails.SUBSTITUTE_CALLED, [appointment.person.email], mail_params(meeting), regarding=meeting
    )
    record(
        actor,
        events.SUBSTITUTE_CALLED,
        meeting,
        {"seat": appointment.seat, "attendance": called.pk},
    )
    return called


@transaction.atomic
def do_call_substitute(actor, absent: Attendance, appointment: Appointment) -> Attendance:
    """Call one of the substitutes the rule proposes for the absent member."""
    if not _may_answer(actor, absent):
        raise PermissionDenied(_("Only the member or the body's officers may call a substitute."))
    if absent.answer != Answer.NOT_COMING:
        raise ValidationError(_("A substitute is called when the member has answered not coming."))
    if absent.meeting.attendance.filter(on_behalf_of=absent.person).exists():
        raise ValidationError(_("A substitute is already called for this member."))
    if appointment.pk not in {c.appointment.pk for c in substitute_candidates(absent)}:
        raise ValidationError(
            {"substitute": [_("The agreement's substitute rule does not name this person.")]}
        )
    return _call(actor, absent, appointment)


@transaction.atomic
def do_withdraw_substitute(
    actor, called: Attendance, *, member_coming: bool, expected_version: int | None = None
) -> Attendance | None:
    """Take back a substitute's call: the member comes after all (`member_coming`: their
    answer becomes coming) or the wrong person was called (the member stays away and another
    substitute may be called). The substitute is told; the minutes name only who was called
    in the end. Refused once attendance is recorded: the minutes then say who was there.
    Returns the member's attendance."""
    meeting = called.meeting
    if called.role != Role.SUBSTITUTE or called.on_behalf_of_id is None:
        raise ValidationError(_("Only a substitute called for a member can be withdrawn."))
    absent = meeting.attendance.filter(person_id=called.on_behalf_of_id).first()
    if not (may_run(actor, meeting) or (absent is not None and _may_answer(actor, absent))):
        raise PermissionDenied(
            _("Only the member or the body's officers may withdraw a called substitute.")
        )
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ValidationError(
            _("The meeting is %(status)s: who was called can no longer change.")
            % {"status": meeting.get_status_display()}
        )
    if meeting.attendance.exclude(attended=None).exists():
        raise ValidationError(_("Attendance is recorded: who was called can no longer change."))
    lock_meeting(meeting, expected_version)
    _withdraw(actor, called, member_coming=member_coming)
    if absent is not None and member_coming:
        absent.answer, absent.answered_at = Answer.COMING, timezone.now()
        absent.save(update_fields=["answer", "answered_at"])
    return absent


def _withdraw(actor, called: Attendance, *, member_coming: bool) -> None:
    """The substitute is told and the call is gone: the minutes' attendance no longer names
    them "on behalf of" the member."""
    meeting = called.meeting
    seat = called.appointment.seat if called.appointment else ""
    queue_mail(
        mails.SUBSTITUTE_WITHDRAWN, [called.person.email], mail_params(meeting), regarding=meeting
    )
    record(
        actor,
        events.SUBSTITUTE_WITHDRAWN,
        meeting,
        {"seat": seat, "attendance": called.pk, "member_coming": member_coming},
    )
    called.delete()


@transaction.atomic
def do_add_participant(
    actor, meeting: Meeting, person: Person, role: str, expected_version: int | None = None
) -> Attendance:
    """A co-opted participant or a guest, recorded as such."""
    require_running(actor, meeting)
    if role not in (Role.CO_OPTED, Role.GUEST):
        raise ValidationError({"role": [_("Choose co-opted or guest.")]})
    if person.county_id != meeting.county_id:
        raise ValidationError({"person": [_("Choose someone of the county.")]})
    if meeting.attendance.filter(person=person).exists():
        raise ValidationError(
            {"person": [_("%(person)s is already called.") % {"person": person.name}]}
        )
    lock_meeting(meeting, expected_version)
    added = Attendance.objects.create(
        meeting=meeting, person=person, role=role, answer=Answer.COMING
    )
    record(actor, events.ATTENDANCE_RECORDED, meeting, {"added": added.pk, "role": role})
    return added


@transaction.atomic
def do_record_attendance(
    actor, meeting: Meeting, attended: set[int], expected_version: int | None = None
) -> Meeting:
    """Record who attended (the attendance rows' ids); everyone else called did not. The
    meeting is then held."""
    require_running(actor, meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."))
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Attendance is recorded on the meeting's day or after."))
    rows = list(meeting.attendance.all())
    if not attended <= {row.pk for row in rows}:
        raise ValidationError(_("Someone marked is not called to this meeting."))
    lock_meeting(meeting, expected_version)
    for row in rows:
        row.attended = row.pk in attended
    Attendance.objects.bulk_update(rows, ["attended"])
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    record(actor, events.ATTENDANCE_RECORDED, meeting, {"attended": len(attended)})
    return meeting


@dataclass(frozen=True)
class Represented:
    """A party (or kind of party) the body's seats name, and whether it is present: attended
    when attendance is recorded, else coming by the answers."""

    label: str
    present: bool


def representation(
    meeting: Meeting, rows: list[Attendance], agreement: schema.Agreement
) -> list[Represented]:
    body = agreement.body(meeting.body)
    if body is None:
        return []
    recorded = any(row.attended is not None for row in rows)
    here = {
        (
            row.appointment.organisation.principal
            if row.appointment
            else row.person.organisation.principal
        )
        for row in rows
        if row.role in (Role.MEMBER, Role.SUBSTITUTE)
        and (row.attended if recorded else row.answer == Answer.COMING)
    }
    local = _instance_parties(meeting, agreement)
    out: dict[str, Represented] = {}
    for seat in body.seats:
        if seat.party:
            party = agreement.party(seat.party)
            out[seat.party] = Represented(party.name if party else seat.party, seat.party in here)
        elif seat.party_kind and seat.per == "municipality":
            for party in agreement.municipalities:
                if local is None or party.id in local:
                    out[party.id] = Represented(party.name, party.id in here)
        elif seat.party_kind:
            kind = [p.id for p in agreement.parties if p.kind == seat.party_kind]
            key = f"kind:{seat.party_kind}"
            out[key] = Represented(
                str(labels.PARTY_KINDS_PLURAL[seat.party_kind]).capitalize(),
                any(p in here for p in kind),
            )
    return list(out.values())


def _instance_parties(meeting: Meeting, agreement: schema.Agreement) -> set[str] | None:
    """The municipalities of an area's or a municipality's instance; None for the whole body."""
    if not meeting.instance:
        return None
    area = next((a for a in agreement.areas if a.id == meeting.instance), None)
    return set(area.municipalities) if area else {meeting.instance}
