"""State changes of a body's year of meetings: proposing it from the rules, adopting it, and
changing, adding, cancelling or requesting a meeting in it.

The body's chair or secretary (a live office held by the user's Person) and the county's
coordinators plan the year; any member of a party may request an extra meeting with a reason
(Norrbotten: "Respektive part har därutöver möjlighet att begära extra möten vid behov"). A
meeting on a holiday, in a quiet period or outside the rule's hours needs a stated reason. Once
a plan is adopted, each change marks it changed, raises the meeting's calendar SEQUENCE and is
mailed to the body's members; every adoption is kept as it was (AdoptedPlan).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_manage_structure
from agreements import schema
from agreements.models import County
from audit.services import changes_between, record
from outbox.services import queue_mail
from structure.actions import ConflictError, agreement_in_force
from structure.models import Appointment, OfficeTerm, Organisation, Person

from . import events, mails, planning
from .actions import lock_meeting
from .county_settings import quiet_periods, settings_for
from .models import AdoptedPlan, AgendaItem, Meeting, YearPlan

PLANNING_OFFICES = (schema.OfficeRole.CHAIR.value, schema.OfficeRole.SECRETARY.value)
CLOSED = (Meeting.Status.CANCELLED, Meeting.Status.HELD)


def person_of(user) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def is_county_coordinator(user, county: County) -> bool:
    """A coordinator of the county (one without a membership, or an administrator, of any)."""
    if not can_manage_structure(user):
        return False
    membership = getattr(user, "membership", None)
    return user.is_superuser or membership is None or membership.organisation.county_id == county.pk


def may_plan(user, county: County, body: str, instance: str) -> bool:
    """The body instance's chair or secretary today, or the county's coordinators."""
    if is_county_coordinator(user, county):
        return True
    person = person_of(user)
    if person is None:
        return False
    return (
        OfficeTerm.objects.on(timezone.localdate())
        .filter(county=county, body=body, instance=instance, person=person)
        .filter(role__in=PLANNING_OFFICES)
        .exists()
    )


def body_name(agreement: schema.Agreement, body: str, instance: str) -> str:
    found = agreement.body(body)
    if found is None:
        return body
    named = dict(agreement.instances_of(found)).get(instance, "")
    return f"{found.name}, {named}" if named else found.name


def require_planner(user, county: County, body: str, instance: str) -> None:
    if not may_plan(user, county, body, instance):
        name = body_name(agreement_in_force(county.pk), body, instance)
        raise PermissionDenied(
            _(
                "Only the chair or the secretary of %(body)s, or the county's coordinators, "
                "plan its meetings."
            )
            % {"body": name}
        )


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, planning.STOCKHOLM).date()


def _snapshot(meeting: Meeting) -> dict:
    return {
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "place": meeting.place,
        "status": meeting.status,
        "departure_reason": meeting.departure_reason,
    }


def year_path(county: County, body: str, instance: str, year: int) -> str:
    kwargs = {"county": county.slug, "body": body, "year": year}
    if instance:
        kwargs["instance"] = instance
    return reverse("meetings:year", kwargs=kwargs)


def _create_meeting(plan: YearPlan | None, proposed: planning.Proposed, county: County) -> Meeting:
    meeting = Meeting.objects.create(
        county=county,
        body=proposed.body,
        instance=proposed.instance,
        plan=plan,
        kind=proposed.kind,
        event=proposed.event,
        title=proposed.title,
        starts_at=proposed.starts_at,
        ends_at=proposed.ends_at,
        with_body=proposed.with_body,
        with_instance=proposed.with_instance,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem.proposed(meeting, number, item)
        for number, item in enumerate(proposed.agenda, start=1)
    )
    return meeting


def _plan(county: County, body: str, instance: str, year: int) -> YearPlan:
    return YearPlan.objects.get_or_create(county=county, body=body, instance=instance, year=year)[0]


def _live_meetings(plan: YearPlan):
    return plan.meetings.exclude(status=Meeting.Status.CANCELLED)


@transaction.atomic
def do_propose_year_plan(
    actor,
    county: County,
    body: str,
    instance: str,
    year: int,
    agreement: schema.Agreement | None = None,
) -> YearPlan:
    """Store the year's meetings the rules propose as the body instance's plan, to be adjusted
    and adopted; the working committee's meetings before each meeting it prepares go into the
    committee's own plan."""
    require_planner(actor, county, body, instance)
    agreement = agreement or agreement_in_force(county.pk)
    try:
        proposals = planning.propose_year(county, body, instance, year, agreement)
    except LookupError:
        raise ValidationError(_("The agreement in force has no such body.")) from None
    plan = _plan(county, body, instance, year)
    if plan.meetings.exists():
        raise ValidationError(
            _("The year's meetings are already proposed: change, add or cancel them instead.")
        )
    prepared_bodies = planning.preparing_for(agreement, body)
    if prepared_bodies:
        return _propose_preparations(actor, county, plan, prepared_bodies, agreement, year)
    created = 0
    for proposed in proposals:
        if proposed.body != body:
            continue  # another body's meeting held with this one: it is in that body's plan
        meeting = _create_meeting(plan, proposed, county)
        created += 1
        if proposed.prepared is not None:
            preparing = _plan(county, proposed.prepared.body, "", year)
            prepared = _create_meeting(preparing, proposed.prepared, county)
            prepared.prepares = meeting
            prepared.save(update_fields=["prepares"])
    record(
        actor,
        events.YEAR_PLAN_PROPOSED,
        plan,
        {"body": body, "instance": instance, "year": year, "meetings": created},
    )
    return plan


def _propose_preparations(actor, county, plan, prepared_bodies, agreement, year) -> YearPlan:
    """A working committee's year: its meeting the lead time before each meeting it prepares,
    which must be planned first."""
    settings = settings_for(county)
    days = planning.Calendar(year, quiet_periods(county))
    committee = agreement.body(plan.body)
    created = 0
    for prepared_body in prepared_bodies:
        meetings = list(
            Meeting.objects.filter(
                county=county,
                body=prepared_body.id,
                kind=Meeting.Kind.ORDINARY,
                starts_at__year=year,
                prepared_by=None,
            ).exclude(status__in=CLOSED)
        )
        if not YearPlan.objects.filter(
            county=county, body=prepared_body.id, year=year, meetings__isnull=False
        ).exists():
            raise ValidationError(
                _(
                    "Propose the year of %(body)s first: its working committee meets before "
                    "each of its meetings, and is proposed with them."
                )
                % {"body": prepared_body.name}
            )
        lead, _rule = planning.preparation_rule(agreement, committee, prepared_body, settings)
        start, end, _hours = planning.hours_of(committee, agreement, settings)
        for meeting in meetings:
            day = planning.preparation_day(
                _day(meeting.starts_at), prepared_body.meetings.prepared_by, lead, days
            )
            if day is None:
                continue
            Meeting.objects.create(
                county=county,
                body=plan.body,
                plan=plan,
                kind=Meeting.Kind.PREPARATORY,
                starts_at=planning.at(day, start),
                ends_at=planning.at(day, end),
                prepares=meeting,
            )
            created += 1
    record(
        actor,
        events.YEAR_PLAN_PROPOSED,
        plan,
        {"body": plan.body, "instance": plan.instance, "year": year, "meetings": created},
    )
    return plan


def _lock_plan(plan: YearPlan, expected_version: int | None) -> YearPlan:
    locked = YearPlan.objects.select_for_update().get(pk=plan.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this year's plan after you opened it. "
                "Your change is not saved."
            )
        )
    return locked


def adopted_snapshot(plan: YearPlan) -> list[dict]:
    return [
        {
            "uid": str(meeting.uid),
            "title": meeting.title,
            "kind": meeting.kind,
            "starts_at": timezone.localtime(meeting.starts_at, planning.STOCKHOLM).isoformat(),
            "ends_at": timezone.localtime(meeting.ends_at, planning.STOCKHOLM).isoformat(),
            "place": meeting.place,
            "status": meeting.status,
        }
        for meeting in plan.meetings.order_by("starts_at", "pk")
    ]


@transaction.atomic
def do_adopt_year_plan(actor, plan: YearPlan, expected_version: int | None = None) -> YearPlan:
    """Adopt the year's meetings as they stand now, keeping them as this adoption."""
    require_planner(actor, plan.county, plan.body, plan.instance)
    plan = _lock_plan(plan, expected_version)
    if not _live_meetings(plan).exists():
        raise ValidationError(_("The plan has no meetings to adopt."))
    number = plan.adoptions.count() + 1
    now = timezone.now()
    AdoptedPlan.objects.create(
        plan=plan,
        number=number,
        adopted_at=now,
        adopted_by=actor,
        meetings=adopted_snapshot(plan),
    )
    before = {"state": plan.state}
    plan.state, plan.adopted_at, plan.adopted_by = YearPlan.State.ADOPTED, now, actor
    plan.version += 1
    plan.save(update_fields=["state", "adopted_at", "adopted_by", "version"])
    record(
        actor,
        events.YEAR_PLAN_ADOPTED,
        plan,
        {"body": plan.body, "instance": plan.instance, "year": plan.year, "number": number},
        changes=changes_between(before, {"state": plan.state}),
    )
    return plan


def _members_addresses(meeting: Meeting) -> list[str]:
    """The work e-mail of everyone who sits in the body instance (and, for a theme day, the
    other body) on the meeting's day."""
    day = _day(meeting.starts_at)
    bodies = [(meeting.body, meeting.instance)]
    if meeting.with_body:
        bodies.append((meeting.with_body, meeting.with_instance))
    addresses = set()
    for body, instance in bodies:
        addresses.update(
            Appointment.objects.on(day)
            .filter(county_id=meeting.county_id, body=body, instance=instance)
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    return sorted(addresses)


def _mail_params(meeting: Meeting, agreement: schema.Agreement, **more) -> dict:
    starts = timezone.localtime(meeting.starts_at, planning.STOCKHOLM)
    return {
        "body": body_name(agreement, meeting.body, meeting.instance),
        "year": starts.year,
        "day": starts.date().isoformat(),
        "starts": starts.strftime("%H:%M"),
        "ends": timezone.localtime(meeting.ends_at, planning.STOCKHOLM).strftime("%H:%M"),
        "path": year_path(meeting.county, meeting.body, meeting.instance, starts.year),
        **more,
    }


def _after_change(meeting: Meeting, kind, agreement: schema.Agreement, **params) -> bool:
    """A change to an adopted plan (or to a meeting whose notice went out): the plan is marked
    changed and the members are told. Returns whether they were."""
    plan = meeting.plan
    if plan is not None:
        # The plan as it is now: the caller's copy may be older than its adoption.
        plan.refresh_from_db(fields=["state", "version"])
    adopted = plan is not None and plan.state != YearPlan.State.PROPOSED
    if adopted:
        YearPlan.objects.filter(pk=plan.pk).update(
            state=YearPlan.State.CHANGED, version=F("version") + 1
        )
        plan.refresh_from_db()
    if not (adopted or meeting.notice_sent_at):
        return False
    queue_mail(
        kind,
        _members_addresses(meeting),
        _mail_params(meeting, agreement, **params),
        regarding=meeting,
    )
    return True


def check_times(
    county: County,
    agreement: schema.Agreement,
    body: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    departure_reason: str,
) -> list[planning.Departure]:
    """Refuse a meeting that ends before it starts, or departs from the calendar or the rules
    without a stated reason; returns the departures it states a reason for."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("The meeting ends before it starts.")]})
    if ends_at - starts_at > datetime.timedelta(days=3):
        raise ValidationError({"ends_at": [_("A meeting lasts three days at most.")]})
    found = planning.departures(
        agreement, body, starts_at, ends_at, settings_for(county), quiet_periods(county)
    )
    if found and not departure_reason.strip():
        raise ValidationError(
            {
                "departure_reason": [
                    " ".join(d.text + "." for d in found)
                    + " "
                    + _("Say why the meeting is held then, or choose another time.")
                ]
            }
        )
    return found


def _require_open(meeting: Meeting) -> None:
    if meeting.status in CLOSED:
        raise ValidationError(
            _("The meeting is %(status)s: it can no longer be changed.")
            % {"status": meeting.get_status_display()}
        )


@transaction.atomic
def do_change_meeting(
    actor,
    meeting: Meeting,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    title: str | None = None,
    departure_reason: str = "",
    expected_version: int | None = None,
) -> Meeting:
    """Move a meeting or change its place or title; told to the members once the plan is
    adopted."""
    require_planner(actor, meeting.county, meeting.body, meeting.instance)
    _require_open(meeting)
    agreement = agreement_in_force(meeting.county_id)
    if meeting.plan is not None and _day(starts_at).year != meeting.plan.year:
        raise ValidationError(
            {
                "starts_at": [
                    _(
                        "A meeting stays in its plan's year (%(year)s): cancel it and add one "
                        "in the other year."
                    )
                    % {"year": meeting.plan.year}
                ]
            }
        )
    found = check_times(
        meeting.county, agreement, meeting.body, starts_at, ends_at, departure_reason
    )
    before = _snapshot(meeting)
    moved = (starts_at, ends_at, place) != (meeting.starts_at, meeting.ends_at, meeting.place)
    lock_meeting(meeting, expected_version, sequence=moved or title != meeting.title)
    previous_day = _day(meeting.starts_at).isoformat()
    meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place.strip()
    if title is not None:
        meeting.title = title.strip()
    meeting.departure_reason = departure_reason.strip() if found else ""
    meeting.save(
        update_fields=["starts_at", "ends_at", "place", "title", "departure_reason", "changed_at"]
    )
    record(
        actor,
        events.MEETING_CHANGED,
        meeting,
        {"body": meeting.body, "day": _day(starts_at).isoformat()},
        changes=changes_between(before, _snapshot(meeting)),
    )
    _after_change(meeting, mails.PLAN_CHANGED, agreement, what="changed", previous_day=previous_day)
    return meeting


def _new_meeting(
    actor,
    county: County,
    body: str,
    instance: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    place: str,
    title: str,
    departure_reason: str,
    **fields,
) -> tuple[Meeting, schema.Agreement]:
    agreement = agreement_in_force(county.pk)
    found = agreement.body(body)
    if found is None or instance not in dict(agreement.instances_of(found)):
        raise ValidationError(_("The agreement in force has no such body."))
    departures = check_times(county, agreement, body, starts_at, ends_at, departure_reason)
    meeting = Meeting.objects.create(
        county=county,
        body=body,
        instance=instance,
        plan=_plan(county, body, instance, _day(starts_at).year),
        kind=Meeting.Kind.EXTRA,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        departure_reason=departure_reason.strip() if departures else "",
        **fields,
    )
    return Meeting.objects.select_related("plan", "county").get(pk=meeting.pk), agreement


@transaction.atomic
def do_add_meeting(
    actor,
    county: County,
    body: str,
    instance: str,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    title: str = "",
    departure_reason: str = "",
) -> Meeting:
    """Add an extra meeting to the body instance's year."""
    require_planner(actor, county, body, instance)
    meeting, agreement = _new_meeting(
        actor,
        county,
        body,
        instance,
        starts_at,
        ends_at,
        place=place,
        title=title,
        departure_reason=departure_reason,
    )
    record(
        actor,
        events.MEETING_ADDED,
        meeting,
        {"body": body, "day": _day(starts_at).isoformat()},
        changes=changes_between({}, _snapshot(meeting)),
    )
    _after_change(meeting, mails.PLAN_CHANGED, agreement, what="added", previous_day="")
    return meeting


def requesting_party(
    user, county: County, body: str, instance: str, plans: bool | None = None
) -> Organisation | None:
    """The organisation (of a party) on whose behalf the user may request an extra meeting:
    the one they represent in the body instance today, else their own when they plan it (a
    page that has asked `may_plan` passes its answer as `plans`)."""
    person = person_of(user)
    if person is not None:
        seat = (
            Appointment.objects.on(timezone.localdate())
            .filter(county=county, body=body, instance=instance, person=person)
            .select_related("organisation")
            .first()
        )
        if seat is not None:
            return seat.organisation
    if plans is None:
        plans = may_plan(user, county, body, instance)
    if plans:
        if person is not None:
            return person.organisation
        membership = getattr(user, "membership", None)
        if membership is not None and membership.organisation.county_id == county.pk:
            return membership.organisation
    return None


@transaction.atomic
def do_request_extra_meeting(
    actor,
    county: County,
    body: str,
    instance: str,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
    place: str = "",
    departure_reason: str = "",
) -> Meeting:
    """A party asks for an extra meeting, with its reason: the meeting is put in the year,
    marked as requested by the party, for the chair to hold, move or cancel."""
    party = requesting_party(actor, county, body, instance)
    if party is None:
        raise PermissionDenied(
            _("Only a member of the body, on behalf of their party, may request an extra meeting.")
        )
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the extra meeting is needed.")]})
    meeting, agreement = _new_meeting(
        actor,
        county,
        body,
        instance,
        starts_at,
        ends_at,
        place=place,
        title="",
        departure_reason=departure_reason,
        requested_by=party,
        request_reason=reason.strip(),
    )
    record(
        actor,
        events.EXTRA_MEETING_REQUESTED,
        meeting,
        {"body": body, "day": _day(starts_at).isoformat(), "party": party.principal},
        changes=changes_between({}, _snapshot(meeting)),
        reason=reason.strip(),
    )
    _after_change(meeting, mails.PLAN_CHANGED, agreement, what="requested", previous_day="")
    return meeting


@transaction.atomic
def do_cancel_meeting(
    actor, meeting: Meeting, reason: str, expected_version: int | None = None
) -> Meeting:
    """Cancel a meeting with the reason; the members are told once the plan is adopted or the
    notice went out."""
    require_planner(actor, meeting.county, meeting.body, meeting.instance)
    _require_open(meeting)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the meeting is cancelled.")]})
    before = _snapshot(meeting)
    lock_meeting(meeting, expected_version, sequence=True)
    meeting.status, meeting.cancelled_reason = Meeting.Status.CANCELLED, reason.strip()
    meeting.save(update_fields=["status", "cancelled_reason", "changed_at"])
    record(
        actor,
        events.MEETING_CANCELLED,
        meeting,
        {"body": meeting.body, "day": _day(meeting.starts_at).isoformat()},
        changes=changes_between(before, _snapshot(meeting)),
        reason=reason.strip(),
    )
    _after_change(meeting, mails.MEETING_CANCELLED, agreement_in_force(meeting.county_id))
    return meeting
