"""Who may do what at a meeting of a body instance, on the meeting's day.

The body's officers run a meeting: the chair, the secretary, the convener and the office the
agreement names for the minutes (`meetings.minutes_by`, encoded as the office of role
`minutes`: Norrbotten's "Minnesanteckningar förs av samverkansledare/samordnare"), each a live
OfficeTerm held by the user's Person; the county's coordinators may do the same. Members (live
Appointments of the user's Person in the body instance) answer notices and propose agenda
items. Whoever holds nothing in the body is refused, with the body named.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_manage_structure
from agreements import schema
from structure.actions import agreement_in_force
from structure.models import Appointment, OfficeTerm, Person

from .models import Meeting

# The offices that run a body's meetings.
RUNNING_OFFICES = (
    schema.OfficeRole.CHAIR,
    schema.OfficeRole.SECRETARY,
    schema.OfficeRole.CONVENER,
    schema.OfficeRole.MINUTES,
)


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def person_of(user) -> Person | None:
    """The user's own Person in the structure, if any."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_samverkan_person"):
        user._samverkan_person = Person.objects.filter(user=user).first()
    return user._samverkan_person


def body_name(meeting: Meeting, agreement: schema.Agreement | None = None) -> str:
    """The body's name (and its instance's) as the agreement in force says it."""
    agreement = agreement or agreement_in_force(meeting.county_id)
    body = agreement.body(meeting.body)
    if body is None:
        return meeting.body
    instance = dict(agreement.instances_of(body)).get(meeting.instance, "")
    return f"{body.name}, {instance}" if instance else body.name


def offices_held(meeting: Meeting, person: Person | None) -> set[str]:
    """The offices of the body instance the person holds on the meeting's day."""
    if person is None:
        return set()
    return set(
        OfficeTerm.objects.on(meeting_day(meeting))
        .filter(
            county_id=meeting.county_id,
            body=meeting.body,
            instance=meeting.instance,
            person=person,
        )
        .values_list("role", flat=True)
    )


def office_holders(meeting: Meeting, role: str) -> list[Person]:
    """Who holds the office of the body instance on the meeting's day."""
    return [
        term.person
        for term in OfficeTerm.objects.on(meeting_day(meeting))
        .filter(
            county_id=meeting.county_id, body=meeting.body, instance=meeting.instance, role=role
        )
        .exclude(person=None)
        .select_related("person")
    ]


def is_coordinator(user, meeting: Meeting) -> bool:
    """A coordinator of the meeting's county (an administrator of any)."""
    if not can_manage_structure(user):
        return False
    membership = getattr(user, "membership", None)
    return (
        user.is_superuser
        or membership is None
        or (membership.organisation.county_id == meeting.county_id)
    )


def live_appointments(meeting: Meeting):
    """The body instance's appointments live on the meeting's day."""
    return Appointment.objects.on(meeting_day(meeting)).filter(
        county_id=meeting.county_id, body=meeting.body, instance=meeting.instance
    )


class Rights:
    """What the user holds at the meeting, each part read at most once: a page asks whether
    the user may see the meeting, run it and propose items, and each answer shares the reads
    of the others."""

    def __init__(self, user, meeting: Meeting):
        self.user = user
        self.meeting = meeting

    @cached_property
    def coordinator(self) -> bool:
        return is_coordinator(self.user, self.meeting)

    @cached_property
    def offices(self) -> set[str]:
        return offices_held(self.meeting, person_of(self.user))

    @cached_property
    def running(self) -> bool:
        """The body's officers and the county's coordinators run the meeting: agenda, notice,
        attendance, minutes and action items."""
        return self.coordinator or bool(self.offices & set(RUNNING_OFFICES))

    @cached_property
    def sits(self) -> bool:
        """The user's Person holds a seat (or stands in for one) in the body instance, or one
        of its offices, on the meeting's day."""
        person = person_of(self.user)
        if person is None:
            return False
        return bool(self.offices) or live_appointments(self.meeting).filter(person=person).exists()


def may_run(user, meeting: Meeting) -> bool:
    return Rights(user, meeting).running


def is_chair(user, meeting: Meeting) -> bool:
    return schema.OfficeRole.CHAIR in offices_held(meeting, person_of(user))


def sits_in(user, meeting: Meeting) -> bool:
    return Rights(user, meeting).sits


def require_running(user, meeting: Meeting) -> None:
    if not may_run(user, meeting):
        raise PermissionDenied(
            _(
                "Only the chair, the secretary, the one who keeps the minutes of %(body)s or the "
                "county's coordinators may do this."
            )
            % {"body": body_name(meeting)}
        )


def require_member(user, meeting: Meeting) -> None:
    """An agenda item of a body one does not belong to is refused."""
    if not (may_run(user, meeting) or sits_in(user, meeting)):
        raise PermissionDenied(
            _("You do not sit in %(body)s: you cannot propose items for its agenda.")
            % {"body": body_name(meeting)}
        )
