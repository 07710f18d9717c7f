"""The demo counties' meetings, made through the same actions as the pages (so that their history,
audit trail and mail are real): the current year of every body and body instance proposed from
the rules and adopted; the past meetings of each county's steering group held, with attendance
(a substitute on behalf of an absent member where the seat has one), approved minutes and action
items, the last one still open and carried onto the next meeting's agenda; the next meeting with
its notice sent.

The county's coordinator plans and keeps the minutes, the chair and a member (`justerare`)
approve them: the demo users accounts.demo links to the structure's Persons.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agreements.models import County
from outbox.models import Mail
from structure.actions import agreement_in_force
from structure.demo import DEMO_COUNTIES
from structure.models import Organisation

from . import actions, agenda, attendance, minutes, planning, year_actions
from .access import meeting_day, person_of
from .county_settings import settings_for
from .models import ActionItem, Attendance, Meeting, Minutes, YearPlan

# Each county's officials' steering group, whose past meetings the demo holds.
HELD_BODIES = {
    "norrbotten": "lansstyrgrupp",
    "vasterbotten": "lanssamverkansgrupp",
    "vasternorrland": "lansledning",
}
# (coordinator, chair, adjuster): accounts.demo's users.
RUNNERS = {
    "norrbotten": ("samordnare", "ordforande", "justerare"),
    "vasterbotten": (
        "samordnare-vasterbotten",
        "ordforande-vasterbotten",
        "justerare-vasterbotten",
    ),
    "vasternorrland": (
        "samordnare-vasternorrland",
        "ordforande-vasternorrland",
        "justerare-vasternorrland",
    ),
}
# The body's own words, in the county's language. The joint question comes first: Norrbotten's
# länsstyrgrupp takes questions of school, social services and health care in the morning.
AGENDA = [
    ("Gemensam fråga: elever med hög frånvaro och psykisk ohälsa", "discussion", 60, True),
    ("Lägesrapport från länsdelarna", "information", 45, False),
    ("Rekommendation om gemensam rutin för hemgång", "recommendation", 30, False),
]
EVENT_AGENDA = [("Dagens program och gemensamma slutsatser", "discussion", 120, False)]
ACTION_ITEMS = [
    "Sammanställ länsdelarnas erfarenheter av samordnad individuell plan",
    "Ta fram underlag om skolfrånvaro per länsdel",
    "Bjud in elevhälsan till nästa möte",
    "Föreslå en gemensam mall för minnesanteckningar i länsdelsgrupperna",
]


def ensure_demo_meetings() -> list[str]:
    """Every demo county's meetings, made once; returns the counties made now."""
    return [county for county in DEMO_COUNTIES if ensure_demo_county_meetings(county)]


@transaction.atomic
def ensure_demo_county_meetings(slug: str) -> bool:
    """Make one demo county's meetings once; False when they are there, or when the county's
    live structure or demo users are not."""
    county = County.objects.filter(slug=slug).first()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=RUNNERS[slug])}
    runners = [users.get(name) for name in RUNNERS[slug]]
    if (
        county is None
        or None in runners
        or not Organisation.objects.filter(county=county, is_demo=True).exists()
        or YearPlan.objects.filter(county=county).exists()
    ):
        return False
    coordinator, chair, adjuster = runners
    body = HELD_BODIES[slug]
    year = timezone.localdate().year
    plan_year(coordinator, county, year)
    past = _meetings(county, body, year, past=True)
    upcoming = _meetings(county, body, year, past=False)
    if not upcoming:
        # Late in December: the next meeting is next year's.
        plan_year(coordinator, county, year + 1, only=body)
        upcoming = _meetings(county, body, year + 1, past=False)
    following = upcoming[0] if upcoming else None
    _hold(coordinator, chair, adjuster, past, following)
    if following is not None:
        _put_agenda(coordinator, following)
        actions.do_send_notice(coordinator, following)
    return True


def plan_year(actor, county: County, year: int, only: str | None = None) -> None:
    """Propose the year of every body instance that meets on a plan (or only `only`), then
    adopt every proposed plan of the year. A working committee is proposed with the meetings
    it prepares, so those bodies go first."""
    agreement = agreement_in_force(county.pk)
    bodies = [
        body
        for body in agreement.bodies
        if body.kind not in planning.MEETS_ON_NEED and only in (None, body.id)
    ]
    bodies.sort(key=lambda body: bool(planning.preparing_for(agreement, body.id)))
    for body in bodies:
        for instance, _name in agreement.instances_of(body):
            plan = YearPlan.objects.filter(
                county=county, body=body.id, instance=instance, year=year
            ).first()
            if plan is None or not plan.meetings.exists():
                year_actions.do_propose_year_plan(actor, county, body.id, instance, year)
    plans = YearPlan.objects.filter(county=county, year=year, state=YearPlan.State.PROPOSED)
    for plan in plans.filter(meetings__isnull=False).distinct():
        year_actions.do_adopt_year_plan(actor, plan)


def _meetings(county: County, body: str, year: int, *, past: bool) -> list[Meeting]:
    today = timezone.localdate()
    found = Meeting.objects.filter(county=county, body=body, instance="", plan__year=year).exclude(
        status=Meeting.Status.CANCELLED
    )
    return [m for m in found.order_by("starts_at", "pk") if (meeting_day(m) < today) == past]


def _moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=planning.STOCKHOLM)


@contextmanager
def _mail_sent_on(sent_on: datetime.date, **params):
    """The mail an action queues about something the demo dates in the past was sent then, not
    now: marked sent on the day (with the meeting's own day where the action read another)."""
    last = Mail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    for mail in Mail.objects.filter(pk__gt=last, status=Mail.Status.QUEUED):
        mail.params.update(params)
        mail.status, mail.sent_at, mail.next_attempt_at = Mail.Status.SENT, _moment(sent_on), None
        mail.save(update_fields=["params", "status", "sent_at", "next_attempt_at"])


def _put_agenda(actor, meeting: Meeting) -> None:
    """The body's own items, then what is proposed: carried action items, the rules' items."""
    items = AGENDA if meeting.kind == Meeting.Kind.ORDINARY else EVENT_AGENDA
    for title, kind, length, joint in items:
        agenda.do_add_agenda_item(
            actor, meeting, agenda.ItemData(title, kind, minutes=length, joint_question=joint)
        )
    agenda.do_propose_agenda(actor, meeting)


def _notice_in_the_past(actor, meeting: Meeting) -> None:
    """do_send_notice sends only before the meeting, as it must for a secretary. The demo's
    past meetings had their notice before the platform kept them: the meeting is put on today
    for the send and back on its own day after, the notice dated the county's days before it."""
    day = meeting_day(meeting)
    shift = timezone.localdate() - day
    starts, ends = meeting.starts_at, meeting.ends_at
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts + shift, ends_at=ends + shift)
    meeting.refresh_from_db()
    sent_on = day - datetime.timedelta(days=settings_for(meeting.county).notice_days)
    with _mail_sent_on(sent_on, day=day.isoformat()):
        actions.do_send_notice(actor, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=starts, ends_at=ends, notice_sent_at=_moment(sent_on)
    )
    meeting.refresh_from_db()


def _absent_with_substitute(actor, meeting: Meeting) -> Attendance | None:
    """One member answers not coming and a substitute by the seat's rule comes on their
    behalf; returns the absent member's attendance, or None where no seat has a substitute."""
    rows = meeting.attendance.filter(role=Attendance.Role.MEMBER).select_related(
        "appointment__organisation", "person"
    )
    for row in rows.order_by("person__name", "pk"):
        candidates = attendance.substitute_candidates(row)
        if not candidates:
            continue
        with _mail_sent_on(meeting_day(meeting) - datetime.timedelta(days=2)):
            called = attendance.do_answer_notice(actor, row, Attendance.Answer.NOT_COMING)
            if called is None:
                attendance.do_call_substitute(actor, row, candidates[0].appointment)
        return row
    return None


def _hold(coordinator, chair, adjuster, past: list[Meeting], following: Meeting | None):
    """Hold each past meeting: agenda, notice, attendance, minutes with action items approved
    by the chair and the adjuster; each action item is closed at the next meeting but the last
    one's, which stays open and is carried to `following`."""
    adjuster_person = person_of(adjuster)
    open_items: list[ActionItem] = []
    for number, meeting in enumerate(past):
        day = meeting_day(meeting)
        last = number == len(past) - 1
        _put_agenda(coordinator, meeting)
        _notice_in_the_past(coordinator, meeting)
        absent = _absent_with_substitute(coordinator, meeting) if last else None
        attended = set(
            meeting.attendance.exclude(pk=getattr(absent, "pk", None)).values_list("pk", flat=True)
        )
        attendance.do_record_attendance(coordinator, meeting, attended)
        for item in open_items:
            actions.do_close_action_item(
                coordinator,
                item,
                status=ActionItem.Status.DONE,
                note="Redovisat på mötet.",
                at_meeting=meeting,
            )
            # Closed at this meeting, on its day (the action dates it today).
            ActionItem.objects.filter(pk=item.pk).update(closed_on=day)
        open_items = [_action_item(coordinator, meeting, number, following, adjuster_person)]
        _minutes(coordinator, chair, adjuster, meeting)


def _action_item(coordinator, meeting, number, following, owner) -> ActionItem:
    day = meeting_day(meeting)
    due = meeting_day(following) if following is not None else day + datetime.timedelta(days=60)
    return actions.do_add_action_item(
        coordinator,
        meeting,
        description=ACTION_ITEMS[number % len(ACTION_ITEMS)],
        owner=owner,
        due_on=max(due, day),
    )


def _minutes(coordinator, chair, adjuster, meeting: Meeting) -> Minutes:
    """Written per item, sent, approved by the chair and the adjuster three days after the
    meeting (the actions date the approvals today)."""
    entries = {}
    for item in meeting.agenda.all():
        entries[item.pk] = minutes.EntryData(
            discussion="Gruppen diskuterade frågan utifrån underlaget.",
            recommendation="Gruppen rekommenderar huvudmännen att anta rutinen."
            if item.kind == "recommendation"
            else "",
        )
    written = minutes.do_write_minutes(coordinator, meeting, entries, adjuster=person_of(adjuster))
    approved_on = min(meeting_day(meeting) + datetime.timedelta(days=3), timezone.localdate())
    with _mail_sent_on(meeting_day(meeting) + datetime.timedelta(days=1)):
        written = minutes.do_submit_minutes(coordinator, written)
    for approver in (chair, adjuster):
        written = minutes.do_approve_minutes(approver, written)
    moment = min(_moment(approved_on, 16), timezone.now())
    Minutes.objects.filter(pk=written.pk).update(
        chair_approved_at=moment, adjuster_approved_at=moment, approved_at=moment
    )
    return written
