"""State changes of the live structure: appointing, changing and ending, recording office terms.

Every change goes through a `do_...` function here: it checks the change against the agreement
in force, saves it with an optimistic lock (a stale `version` is refused, never overwritten),
and records it in the audit trail in the same transaction. Views and the API only call these.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from agreements import schema
from agreements.models import Agreement
from audit.services import changes_between, record
from inputs import rules

from . import events
from .models import Appointment, OfficeTerm, Organisation, Person
from .notifications import notify_participant_change


class ConflictError(Exception):
    """Someone else saved the row since it was read."""


@dataclass(frozen=True)
class AppointmentData:
    person: Person
    organisation: Organisation
    body: str
    seat: str
    role: str
    starts: datetime.date
    instance: str = ""
    ends: datetime.date | None = None
    substitute_for: Appointment | None = None


def agreement_in_force(county_id: int) -> schema.Agreement:
    row = Agreement.objects.structure_in_force(county_id=county_id)
    if row is None:
        raise ValidationError(_("The county has no agreement in force."))
    return row.document


def check_appointment(data: AppointmentData, exclude: int | None = None) -> None:
    """Raises ValidationError with a message per field for what the agreement does not allow."""
    errors: dict[str, list[str]] = {}
    agreement = agreement_in_force(data.person.county_id)
    body = agreement.body(data.body)
    if body is None:
        errors["body"] = [_("The agreement has no such body.")]
    else:
        seats = {s.id: s for s in body.seats}
        if data.role != Appointment.Role.CO_OPTED and data.seat not in seats:
            errors["seat"] = [_("%(body)s has no such seat.") % {"body": body.name}]
        instances = [instance for instance, _name in agreement.instances_of(body)]
        if data.instance not in instances:
            errors["instance"] = [_("Choose which group of %(body)s.") % {"body": body.name}]
        seat = seats.get(data.seat)
        needs_member = seat is not None and seat.substitutes is not None
        if data.role == Appointment.Role.SUBSTITUTE and needs_member and not data.substitute_for:
            errors["substitute_for"] = [
                _("The agreement gives each member a substitute: choose whose substitute.")
            ]
    for name in ("starts", "ends"):
        day = getattr(data, name)
        problem = rules.STRUCTURE.problem(day) if day is not None else None
        if problem is not None:
            errors[name] = [problem]
    if data.ends is not None and data.ends < data.starts:
        errors["ends"] = [_("The period ends before it starts.")]
    if data.substitute_for is not None and (
        data.substitute_for.body != data.body or data.substitute_for.seat != data.seat
    ):
        errors["substitute_for"] = [_("A substitute stands in for a member of the same seat.")]
    if not errors:
        overlapping = Appointment.objects.filter(
            person=data.person, body=data.body, instance=data.instance, seat=data.seat
        ).filter(Q(ends__isnull=True) | Q(ends__gte=data.starts))
        if data.ends is not None:
            overlapping = overlapping.filter(starts__lte=data.ends)
        if exclude is not None:
            overlapping = overlapping.exclude(pk=exclude)
        if overlapping.exists():
            errors["starts"] = [
                _("%(person)s already holds this seat in part of the period.")
                % {"person": data.person.name}
            ]
    if errors:
        raise ValidationError(errors)


def _snapshot(appointment: Appointment) -> dict:
    return {
        "person": appointment.person_id,
        "organisation": appointment.organisation_id,
        "body": appointment.body,
        "instance": appointment.instance,
        "seat": appointment.seat,
        "role": appointment.role,
        "starts": appointment.starts,
        "ends": appointment.ends,
        "substitute_for": appointment.substitute_for_id,
    }


def _saved_fields(actor, data: AppointmentData) -> dict:
    return {
        **{field.name: getattr(data, field.name) for field in dataclasses.fields(data)},
        "changed_by": actor if actor and actor.is_authenticated else None,
    }


@transaction.atomic
def do_appoint(actor, data: AppointmentData, reason: str = "") -> Appointment:
    check_appointment(data)
    appointment = Appointment.objects.create(
        county_id=data.person.county_id, **_saved_fields(actor, data)
    )
    params = {"person": data.person.name}
    summary = events.APPOINTED.message % params
    record(
        actor,
        events.APPOINTED,
        appointment,
        params,
        changes=changes_between({}, _snapshot(appointment)),
        reason=reason,
    )
    _notify(appointment, summary, actor)
    return appointment


@transaction.atomic
def do_change_appointment(
    actor, appointment: Appointment, version: int, data: AppointmentData, reason: str = ""
) -> Appointment:
    """Change an appointment read at `version`; raises ConflictError if it changed since."""
    check_appointment(data, exclude=appointment.pk)
    before = _snapshot(appointment)
    updated = Appointment.objects.filter(pk=appointment.pk, version=version).update(
        version=F("version") + 1, **_saved_fields(actor, data)
    )
    if not updated:
        raise ConflictError(
            _(
                "Someone else changed this appointment after you opened it. "
                "Your change is not saved."
            )
        )
    appointment.refresh_from_db()
    if data.ends and not before["ends"]:
        kind = events.APPOINTMENT_ENDS
        params = {"person": data.person.name, "day": data.ends.isoformat()}
    else:
        kind, params = events.APPOINTMENT_CHANGED, {"person": data.person.name}
    summary = kind.message % params
    record(
        actor,
        kind,
        appointment,
        params,
        changes=changes_between(before, _snapshot(appointment)),
        reason=reason,
    )
    _notify(appointment, summary, actor)
    return appointment


def _notify(appointment: Appointment, summary: str, actor) -> None:
    body = agreement_in_force(appointment.county_id).body(appointment.body)
    notify_participant_change(body.name if body else appointment.body, summary, actor)


def appointment_data(appointment: Appointment, **changes) -> AppointmentData:
    fields = {
        "person": appointment.person,
        "organisation": appointment.organisation,
        "body": appointment.body,
        "seat": appointment.seat,
        "role": appointment.role,
        "starts": appointment.starts,
        "instance": appointment.instance,
        "ends": appointment.ends,
        "substitute_for": appointment.substitute_for,
    }
    fields.update(changes)
    return AppointmentData(**fields)


@transaction.atomic
def do_end_appointment(
    actor, appointment: Appointment, version: int, ends: datetime.date, reason: str = ""
) -> Appointment:
    """End an appointment on its last day; the row and its history stay."""
    return do_change_appointment(
        actor, appointment, version, appointment_data(appointment, ends=ends), reason
    )


@transaction.atomic
def do_record_office_term(
    actor,
    *,
    person: Person,
    body: str,
    role: str,
    starts: datetime.date,
    instance: str = "",
    ends: datetime.date | None = None,
    exception: str = "",
) -> OfficeTerm:
    agreement = agreement_in_force(person.county_id)
    found = agreement.body(body)
    errors = {}
    if found is None:
        errors["body"] = [_("The agreement has no such body.")]
    elif role not in {o.role for o in found.offices}:
        errors["role"] = [_("%(body)s has no such office.") % {"body": found.name}]
    if ends is not None and ends < starts:
        errors["ends"] = [_("The period ends before it starts.")]
    if errors:
        raise ValidationError(errors)
    term = OfficeTerm.objects.create(
        county_id=person.county_id,
        body=body,
        instance=instance,
        role=role,
        person=person,
        principal=person.organisation.principal,
        starts=starts,
        ends=ends,
        exception=exception,
        changed_by=actor if actor and actor.is_authenticated else None,
    )
    record(
        actor,
        events.OFFICE_HELD,
        term,
        {"person": person.name, "role": role, "starts": starts.isoformat()},
        changes=changes_between({}, {"principal": term.principal, "ends": ends}),
        reason=exception,
    )
    return term


@transaction.atomic
def do_add_person(
    actor, *, organisation: Organisation, name: str, title: str = "", email: str = ""
) -> Person:
    added = Person.objects.create(
        county_id=organisation.county_id,
        organisation=organisation,
        name=name.strip(),
        title=title.strip(),
        email=email.strip(),
    )
    record(
        actor,
        events.PERSON_ADDED,
        added,
        {"person": added.name},
        changes=changes_between({}, {"organisation": organisation.pk, "title": added.title}),
    )
    return added


@transaction.atomic
def save_appointment_form(
    actor, body: str, cleaned: dict, appointment: Appointment | None
) -> Appointment:
    """What the appointment form asks: a new person if one is named, then appoint or change."""
    holder = cleaned.get("person") or do_add_person(
        actor,
        organisation=cleaned["organisation"],
        name=cleaned["new_name"],
        title=cleaned.get("new_title", ""),
        email=cleaned.get("new_email", ""),
    )
    fields = {
        "person": holder,
        "organisation": cleaned["organisation"],
        "instance": cleaned.get("instance") or "",
        "seat": cleaned.get("seat") or "",
        "role": cleaned["role"],
        "starts": cleaned["starts"],
        "ends": cleaned.get("ends"),
        "substitute_for": cleaned.get("substitute_for"),
    }
    reason = cleaned.get("reason", "")
    if appointment is None:
        return do_appoint(actor, AppointmentData(body=body, **fields), reason)
    data = appointment_data(appointment, **fields)
    version = cleaned.get("version") or appointment.version
    return do_change_appointment(actor, appointment, version, data, reason)
