"""The agreements' meeting rules over the meetings the platform keeps, registered into the
structure's compliance engine (`structure.compliance.rule`), so that `samverkan check` and the
compliance page show them beside the composition rules.

- `meetings-per-year`: each body instance's meetings against `meetings.per_year`, so far in the
  year (by the day, the share of the year's count that is due) and for the whole year (held and
  still to come, not cancelled). Extra meetings count towards a minimum, never against an exact
  number or a maximum: a party asks for them on top of the ordinary ones.
- `preparation-lead`: the working committee (`prepared_by`) meets at least the lead time before
  each meeting it prepares; a late one is a finding, never a refusal.
- `theme-days` and `yearly-events`: theme days with another body (`theme_days`) and the rules'
  own meetings (`events`) held per year, counted as the ordinary meetings are.
- `elections-last-meeting`: offices whose term is elected at the year's last meeting have an
  election item on its agenda.
- `minutes-approved`: the minutes of each held meeting approved within the county's
  `MeetingSettings.minutes_days`. The time is the county's own setting, not the agreement's:
  late minutes are a warning, never an error that fails `samverkan check`.
- `parties-present`: every party the body's seats name attended each held meeting, as a member
  or a substitute.

A county whose meetings of the year the platform does not keep (not one meeting, not even a
cancelled one) has no count of meetings to judge, so the counting rules say nothing for it until
it starts; the rules on each held meeting have nothing to read either. Everything is read once
per evaluation and per kind of row (meetings, agenda elections, minutes, attendance), never per
body or per meeting.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.db.models import Min
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from agreements import labels, schema
from structure.compliance import ADVICE, ERROR, OK, WARNING, Context, Finding, rule
from structure.compliance import gettext as _
from structure.rules.common import count_words, office_name, party_name, place

from .models import AgendaItem, Attendance, Meeting, MeetingSettings, Minutes

# A body's own meetings, as its count of meetings a year counts them; theme days with another
# body, the rules' events and a working committee's preparations are counted by their own rules.
OWN_KINDS = {Meeting.Kind.ORDINARY, Meeting.Kind.EXTRA, Meeting.Kind.EVENT}


class Held(NamedTuple):
    """A meeting as the rules read it: its day in Swedish time, not the moment (a tuple: a
    county's year may hold a thousand)."""

    id: int
    body: str
    instance: str
    kind: str
    event: str
    status: str
    day: datetime.date
    with_body: str
    with_instance: str
    prepares: int | None

    @property
    def own(self) -> bool:
        return self.kind in OWN_KINDS and not self.event

    def held_by(self, day: datetime.date) -> bool:
        return self.status == Meeting.Status.HELD and self.day <= day

    def counts_for_year(self, on: datetime.date) -> bool:
        """Held by the day, or still to come: a past meeting never marked held did not count."""
        return self.held_by(on) or self.day >= on


class MeetingYear:
    """The county's meetings in the calendar year of the day, read once for every rule."""

    def __init__(self, context: Context):
        self.county_id = context.agreement_row.county_id
        self.on = context.on
        self.year = context.on.year
        self.zone = timezone.get_current_timezone()
        self.starts = datetime.datetime(self.year, 1, 1, tzinfo=self.zone)
        self.ends = datetime.datetime(self.year + 1, 1, 1, tzinfo=self.zone)
        self._names: dict[str, dict[str, str]] = {}
        # The county's organisations, already read by the engine: whom an attendee represents.
        self.organisations = context.organisations

    def _in_year(self, prefix: str = "") -> dict:
        return {
            f"{prefix}county_id": self.county_id,
            f"{prefix}starts_at__gte": self.starts,
            f"{prefix}starts_at__lt": self.ends,
        }

    def _held_by_the_day(self, prefix: str) -> dict:
        """The year's meetings up to the day: only these have minutes and attendance to judge."""
        until = datetime.datetime.combine(
            self.on + datetime.timedelta(days=1), datetime.time(), tzinfo=self.zone
        )
        return {**self._in_year(prefix), f"{prefix}starts_at__lt": until}

    @cached_property
    def rows(self) -> list[Held]:
        """Every meeting of the year, the cancelled ones too."""
        # The day in Swedish time from the database: a date is read far faster than a moment.
        rows = (
            Meeting.objects.filter(**self._in_year())
            .annotate(day=TruncDate("starts_at"))
            .order_by("starts_at", "pk")
            .values_list(
                "id",
                "body",
                "instance",
                "kind",
                "event",
                "status",
                "day",
                "with_body",
                "with_instance",
                "prepares_id",
            )
        )
        return [Held._make(row) for row in rows]

    @cached_property
    def meetings(self) -> list[Held]:
        return [m for m in self.rows if m.status != Meeting.Status.CANCELLED]

    @property
    def kept(self) -> bool:
        """Whether the county keeps its meetings of the year here at all: a year planned here
        has meetings, if only cancelled ones."""
        return bool(self.rows)

    @cached_property
    def by_instance(self) -> dict[tuple[str, str], list[Held]]:
        grouped = defaultdict(list)
        for meeting in self.meetings:
            grouped[(meeting.body, meeting.instance)].append(meeting)
        return grouped

    def instance_name(self, context: Context, body: schema.Body, instance: str) -> str:
        if body.id not in self._names:
            self._names[body.id] = dict(context.instances(body))
        return self._names[body.id].get(instance, "")

    def own(self, body: str, instance: str) -> list[Held]:
        return [m for m in self.by_instance.get((body, instance), []) if m.own]

    @cached_property
    def minutes_days(self) -> int:
        # Read, never created: the county's settings are made with their quiet periods where
        # the county first sets them, and a check writes nothing.
        found = (
            MeetingSettings.objects.filter(county_id=self.county_id)
            .values_list("minutes_days", flat=True)
            .first()
        )
        return found or MeetingSettings._meta.get_field("minutes_days").get_default()

    @cached_property
    def elections(self) -> set[int]:
        return set(
            AgendaItem.objects.filter(**self._in_year("meeting__"), kind=AgendaItem.Kind.ELECTION)
            .order_by()
            .values_list("meeting_id", flat=True)
        )

    @cached_property
    def approved(self) -> dict[int, datetime.date]:
        """The day each meeting's minutes were first approved (a correction comes later)."""
        rows = (
            Minutes.objects.filter(**self._held_by_the_day("meeting__"), approved_at__isnull=False)
            .values("meeting_id")
            .annotate(first=Min(TruncDate("approved_at")))
            .values_list("meeting_id", "first")
        )
        return dict(rows)

    def attendance(self, bodies: list[str]) -> tuple[dict[int, set[str]], set[int]]:
        """Per held meeting of the bodies, the parties represented by a member or substitute
        who attended; and the meetings whose attendance is recorded at all."""
        present: dict[int, set[str]] = defaultdict(set)
        recorded: set[int] = set()
        # Unordered: the model's order (by the person's name) would sort every row for nothing.
        rows = (
            Attendance.objects.filter(
                **self._held_by_the_day("meeting__"),
                meeting__status=Meeting.Status.HELD,
                meeting__body__in=bodies,
                attended__isnull=False,
            )
            .order_by()
            .values_list(
                "meeting_id",
                "role",
                "attended",
                "appointment__organisation_id",
                "person__organisation_id",
            )
        )
        organisations = self.organisations
        for meeting_id, role, attended, represented, own in rows:
            recorded.add(meeting_id)
            if attended and role in (Attendance.Role.MEMBER, Attendance.Role.SUBSTITUTE):
                # Whom the seat represents, which is usually, not always, the person's own.
                organisation = organisations.get(represented or own)
                if organisation is not None:
                    present[meeting_id].add(organisation.principal)
        return present, recorded


def meeting_year(context: Context) -> MeetingYear:
    if "meetings" not in context.shared:
        context.shared["meetings"] = MeetingYear(context)
    return context.shared["meetings"]


def _day_of_year(day: datetime.date) -> tuple[int, int]:
    first = datetime.date(day.year, 1, 1)
    days = (datetime.date(day.year + 1, 1, 1) - first).days
    return (day - first).days + 1, days


def due_by(count: schema.Count, day: datetime.date) -> int:
    """How many of the year's meetings are due by the day: the year's share, rounded down."""
    elapsed, days = _day_of_year(day)
    return count.lower * elapsed // days


def _count_findings(
    context: Context,
    rule_id: str,
    element: schema.Sourced,
    count: schema.Count,
    what: str,
    meetings: list[Held],
    *,
    body: schema.Body,
    instance: str,
    instance_name: str,
) -> Iterator[Finding]:
    """The count so far in the year and for the whole year, as one family of sentences for the
    ordinary meetings, the theme days and the rules' events."""
    on = context.on
    values = {
        "place": place(body, instance_name),
        "what": what,
        "count": count_words(count),
        "day": on.isoformat(),
        "year": on.year,
    }
    where = {"body": body.id, "instance": instance}
    held = sum(m.held_by(on) for m in meetings)
    due = due_by(count, on)
    if due:
        values.update(held=held, due=due)
        if held >= due:
            yield context.finding(
                OK,
                rule_id,
                element,
                _(
                    "%(place)s, %(what)s: %(held)s of the %(due)s due by %(day)s held "
                    "(%(count)s a year)."
                )
                % values,
                **where,
            )
        elif count.advice:
            yield context.finding(
                ADVICE,
                rule_id,
                element,
                _(
                    "%(place)s, %(what)s: %(held)s of the %(due)s due by %(day)s held; the "
                    "agreement suggests %(count)s a year, without requiring it."
                )
                % values,
                **where,
            )
        else:
            yield context.finding(
                WARNING,
                rule_id,
                element,
                _(
                    "%(place)s, %(what)s: only %(held)s of the %(due)s due by %(day)s held "
                    "(%(count)s a year)."
                )
                % values,
                **where,
            )
    counted = [m for m in meetings if m.counts_for_year(on)]
    # Extra meetings a party asked for come on top of an exact number or a maximum.
    ordinary = sum(m.kind != Meeting.Kind.EXTRA for m in counted)
    values["counted"] = len(counted)
    if len(counted) < count.lower:
        severity = ADVICE if count.advice else ERROR
        message = (
            _(
                "%(place)s, %(what)s: %(counted)s held or planned in %(year)s; the agreement "
                "suggests %(count)s a year, without requiring it."
            )
            if count.advice
            else _(
                "%(place)s, %(what)s: %(counted)s held or planned in %(year)s where the "
                "agreement asks for %(count)s a year."
            )
        )
    elif not count.admits(ordinary) and ordinary > count.lower:
        severity = ADVICE if count.advice else WARNING
        values["counted"] = ordinary
        message = _(
            "%(place)s, %(what)s: %(counted)s held or planned in %(year)s, more than the "
            "agreement's %(count)s a year."
        )
    else:
        severity = OK
        message = _(
            "%(place)s, %(what)s: %(counted)s held or planned in %(year)s, as the agreement "
            "asks (%(count)s a year)."
        )
    yield context.finding(severity, rule_id, element, message % values, **where)


@rule("meetings-per-year", gettext_lazy("Meetings a year"))
def meetings_per_year(context: Context) -> Iterator[Finding]:
    """Each body instance's meetings against the agreement's count a year."""
    year = meeting_year(context)
    if not year.kept:
        return
    for body in context.agreement.bodies:
        rules = body.meetings
        if rules is None or rules.per_year is None:
            continue
        for instance, instance_name in context.instances(body):
            yield from _count_findings(
                context,
                "meetings-per-year",
                rules,
                rules.per_year,
                _("meetings"),
                year.own(body.id, instance),
                body=body,
                instance=instance,
                instance_name=instance_name,
            )


@rule("theme-days", gettext_lazy("Theme days"))
def theme_days(context: Context) -> Iterator[Finding]:
    """Theme days held with the other body, whichever of the two bodies the meeting is kept
    under."""
    year = meeting_year(context)
    if not year.kept:
        return
    agreement = context.agreement
    # The theme days by both ends, each found by key: a walk over every theme day per body
    # instance grew with the square of a county whose municipalities each hold them.
    kept_under: dict[tuple[str, str, str], list[Held]] = defaultdict(list)
    held_with: dict[tuple[str, str, str], list[Held]] = defaultdict(list)
    for m in year.meetings:
        if m.kind == Meeting.Kind.THEME_DAY:
            kept_under[(m.body, m.instance, m.with_body)].append(m)
            held_with[(m.body, m.with_body, m.with_instance)].append(m)
    for body in agreement.bodies:
        if body.meetings is None:
            continue
        for theme in body.meetings.theme_days:
            other = agreement.body(theme.with_body)
            for instance, instance_name in context.instances(body):
                found = {
                    m.id: m
                    for m in kept_under.get((body.id, instance, theme.with_body), [])
                    + held_with.get((theme.with_body, body.id, instance), [])
                }
                held = list(found.values())
                yield from _count_findings(
                    context,
                    "theme-days",
                    theme,
                    theme.per_year,
                    _("theme days with %(body)s")
                    % {"body": other.name if other else theme.with_body},
                    held,
                    body=body,
                    instance=instance,
                    instance_name=instance_name,
                )


@rule("yearly-events", gettext_lazy("Theme meetings and seminars"))
def yearly_events(context: Context) -> Iterator[Finding]:
    """The meetings the rules ask for beside the ordinary ones (HälSam's theme meetings per
    strategic area and its joint meeting), each by its event."""
    year = meeting_year(context)
    if not year.kept:
        return
    for body in context.agreement.bodies:
        if body.meetings is None:
            continue
        for event in body.meetings.events:
            for instance, instance_name in context.instances(body):
                held = [
                    m for m in year.by_instance.get((body.id, instance), []) if m.event == event.id
                ]
                yield from _count_findings(
                    context,
                    "yearly-events",
                    event,
                    event.per_year,
                    event.name,
                    held,
                    body=body,
                    instance=instance,
                    instance_name=instance_name,
                )


def _lead_words(preparation: schema.Preparation) -> str:
    n = preparation.lead_days
    if preparation.lead_days_are_working_days:
        return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
    return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}


def _deadline(preparation: schema.Preparation, day: datetime.date) -> datetime.date:
    """The last day the working committee may meet for a meeting on the day."""
    if preparation.lead_days_are_working_days:
        # Imported here: the holiday tables are heavy, and `samverkan agreement validate`
        # loads this module (through the app registry) without ever counting working days.
        from workdays import calendar

        found, left = day, preparation.lead_days
        while left:
            found -= datetime.timedelta(days=1)
            left -= calendar.is_working_day(found)
        return found
    return day - datetime.timedelta(days=preparation.lead_days)


@rule("preparation-lead", gettext_lazy("Working committee before each meeting"))
def preparation_lead(context: Context) -> Iterator[Finding]:
    """The working committee meets at least the lead time before each meeting it prepares: a
    meeting linked to the one it prepares, else one of the committee's own between the body's
    previous meeting and this one. Each late or missing preparation is a finding; where every
    one so far was in time, one finding says so for the body instance."""
    year = meeting_year(context)
    agreement = context.agreement
    on = context.on
    for body in agreement.bodies:
        preparation = body.meetings.prepared_by if body.meetings else None
        if preparation is None or preparation.lead_days is None:
            continue
        committee = agreement.body(preparation.body)
        for instance, instance_name in context.instances(body):
            meetings = [
                m
                for m in year.own(body.id, instance)
                if m.kind != Meeting.Kind.EVENT and m.counts_for_year(on)
            ]
            # The committee of the body instance, or the body's one committee.
            prepared = year.by_instance.get((preparation.body, instance), []) + (
                year.by_instance.get((preparation.body, ""), []) if instance else []
            )
            values = {
                "place": place(body, instance_name),
                "committee": committee.name if committee else preparation.body,
                "lead": _lead_words(preparation),
                "today": on.isoformat(),
            }
            where = {"body": body.id, "instance": instance}
            in_time, late = 0, False
            previous = None
            for meeting in meetings:
                linked = [m for m in prepared if m.prepares == meeting.id]
                candidates = linked or [
                    m
                    for m in prepared
                    if m.prepares is None
                    and m.day < meeting.day
                    and (previous is None or m.day > previous.day)
                ]
                previous = meeting
                deadline = _deadline(preparation, meeting.day)
                found = min(candidates, key=lambda m: m.day) if candidates else None
                if found is not None and found.day <= deadline:
                    in_time += deadline < on
                    continue
                if found is None and deadline >= on:
                    continue  # still time to plan it
                late = True
                values.update(
                    day=meeting.day.isoformat(),
                    deadline=deadline.isoformat(),
                    prepared=found.day.isoformat() if found else "",
                )
                if found is not None:
                    # Late for certain once the last day has passed; about to be before.
                    severity = ERROR if deadline < on else WARNING
                    message = _(
                        "%(place)s: %(committee)s prepares the meeting on %(day)s only on "
                        "%(prepared)s, less than %(lead)s before it (by %(deadline)s at the "
                        "latest)."
                    )
                else:
                    severity, message = (
                        ERROR,
                        _(
                            "%(place)s: %(committee)s has not met to prepare the meeting on "
                            "%(day)s; it should have by %(deadline)s, %(lead)s before."
                        ),
                    )
                yield context.finding(
                    severity, "preparation-lead", preparation, message % values, **where
                )
            if in_time and not late:
                values["n"] = in_time
                yield context.finding(
                    OK,
                    "preparation-lead",
                    preparation,
                    _(
                        "%(place)s: %(committee)s met at least %(lead)s before each meeting "
                        "so far (%(n)s by %(today)s), as the agreement asks."
                    )
                    % values,
                    **where,
                )


@rule("elections-last-meeting", gettext_lazy("Elections at the year's last meeting"))
def elections_last_meeting(context: Context) -> Iterator[Finding]:
    """Offices elected at the year's last meeting: an election item on that meeting's agenda."""
    year = meeting_year(context)
    if not year.kept:
        return
    for body in context.agreement.bodies:
        offices = [o for o in body.offices if o.term and o.term.elected_at_last_meeting]
        if not offices:
            continue
        names = ", ".join(office_name(o) for o in offices)
        for instance, instance_name in context.instances(body):
            meetings = [m for m in year.own(body.id, instance) if m.counts_for_year(context.on)]
            values = {"place": place(body, instance_name), "offices": names, "year": year.year}
            where = {"body": body.id, "instance": instance}
            if not meetings:
                yield context.finding(
                    WARNING,
                    "elections-last-meeting",
                    offices[0],
                    _(
                        "%(place)s: no meeting in %(year)s at which to elect %(offices)s for "
                        "the coming year."
                    )
                    % values,
                    **where,
                )
                continue
            last = meetings[-1]
            values["day"] = last.day.isoformat()
            if last.id in year.elections:
                severity, message = (
                    OK,
                    _(
                        "%(place)s: the election of %(offices)s for the coming year is on the "
                        "agenda of the year's last meeting (%(day)s)."
                    ),
                )
            elif last.day < context.on:
                severity, message = (
                    ERROR,
                    _(
                        "%(place)s: the year's last meeting (%(day)s) had no election of "
                        "%(offices)s on its agenda."
                    ),
                )
            else:
                severity, message = (
                    WARNING,
                    _(
                        "%(place)s: the year's last meeting (%(day)s) has no election of "
                        "%(offices)s on its agenda yet."
                    ),
                )
            yield context.finding(
                severity, "elections-last-meeting", offices[0], message % values, **where
            )


@rule("minutes-approved", gettext_lazy("Minutes approved in time"))
def minutes_approved(context: Context) -> Iterator[Finding]:
    """The minutes of each held meeting approved within the county's days: each late one is a
    finding; where all so far were in time, one finding says so for the body instance."""
    year = meeting_year(context)
    bodies = {b.id: b for b in context.agreement.bodies}
    on = context.on
    in_time: dict[tuple[str, str], int] = defaultdict(int)
    late: set[tuple[str, str]] = set()
    for meeting in year.meetings:
        body = bodies.get(meeting.body)
        if body is None or not meeting.held_by(on):
            continue
        key = (meeting.body, meeting.instance)
        days = year.minutes_days
        deadline = meeting.day + datetime.timedelta(days=days)
        approved = year.approved.get(meeting.id)
        if approved is not None and approved > on:
            approved = None
        if approved is not None and approved <= deadline:
            in_time[key] += 1
            continue
        if approved is None and deadline >= on:
            continue  # still within the time
        late.add(key)
        values = {
            "place": place(body, year.instance_name(context, body, meeting.instance)),
            "day": meeting.day.isoformat(),
            "approved": approved.isoformat() if approved else "",
            "days": days,
            "deadline": deadline.isoformat(),
        }
        message = (
            _(
                "%(place)s: the minutes of the meeting on %(day)s were approved on "
                "%(approved)s, later than the county's %(days)s days (by %(deadline)s)."
            )
            if approved
            else _(
                "%(place)s: the minutes of the meeting on %(day)s are not approved; the "
                "county's %(days)s days ran out on %(deadline)s."
            )
        )
        yield context.finding(
            WARNING,
            "minutes-approved",
            body.meetings or body,
            message % values,
            body=body.id,
            instance=meeting.instance,
        )
    for (body_id, instance), count in in_time.items():
        if (body_id, instance) in late:
            continue
        body = bodies[body_id]
        values = {
            "place": place(body, year.instance_name(context, body, instance)),
            "n": count,
            "days": year.minutes_days,
            "today": on.isoformat(),
        }
        yield context.finding(
            OK,
            "minutes-approved",
            body.meetings or body,
            _(
                "%(place)s: the minutes of every meeting so far (%(n)s by %(today)s) were "
                "approved within the county's %(days)s days."
            )
            % values,
            body=body_id,
            instance=instance,
        )


@dataclass(frozen=True)
class Representation:
    """A party (or any one party of a kind) the seats ask to be represented."""

    parties: frozenset[str]
    name: str
    advice: bool


def required_parties(
    agreement: schema.Agreement, body: schema.Body, instance: str
) -> list[Representation]:
    """The parties the body's seats name: a seat's own party, each party in scope of a seat
    per municipality or party, and for a seat of a kind of party for the whole body any one of
    them. A seat whose number may be nought asks for no one."""
    scope = [p for p in agreement.parties if _in_scope(agreement, body, instance, p)]
    found: dict[frozenset[str], Representation] = {}
    for seat in body.seats:
        if seat.count.lower == 0:
            continue
        if seat.party:
            groups = [(frozenset([seat.party]), party_name(agreement, seat.party))]
        elif seat.party_kind is None:
            continue
        else:
            fitting = [p for p in scope if p.kind == seat.party_kind]
            if seat.per == "body":
                groups = [
                    (
                        frozenset(p.id for p in fitting),
                        str(labels.PARTY_KINDS_PLURAL[seat.party_kind]),
                    )
                ]
            else:
                groups = [(frozenset([p.id]), p.name) for p in fitting]
        for parties, name in groups:
            if not parties:
                continue
            advice = bool(seat.count.advice)
            known = found.get(parties)
            # Required by any seat is required: advice only where every seat only suggests it.
            advice = advice and (known is None or known.advice)
            found[parties] = Representation(parties, name, advice)
    return list(found.values())


def _in_scope(agreement: schema.Agreement, body: schema.Body, instance: str, party) -> bool:
    if body.instances == schema.Instances.PER_AREA and party.kind == schema.PartyKind.MUNICIPALITY:
        area = next((a for a in agreement.areas if a.id == instance), None)
        return area is not None and party.id in area.municipalities
    if body.instances == schema.Instances.PER_MUNICIPALITY:
        return party.kind != schema.PartyKind.MUNICIPALITY or party.id == instance
    return True


@rule("parties-present", gettext_lazy("Every party at each meeting"))
def parties_present(context: Context) -> Iterator[Finding]:
    """Every party the body's seats name attended each held meeting, by a member or a
    substitute; a theme day with another body is left out, its attendance being the two
    bodies'. Each meeting a party missed is a finding; where every party attended every
    meeting so far, one finding says so for the body instance."""
    year = meeting_year(context)
    agreement = context.agreement
    on = context.on
    # Only the bodies whose seats name a party have anyone to miss (a municipality's own group
    # chooses its members): their attendance alone is read.
    bodies = {
        b.id: b
        for b in agreement.bodies
        if any(s.count.lower and (s.party or s.party_kind) for s in b.seats)
    }
    if not any(m.body in bodies and m.held_by(on) for m in year.meetings):
        return
    present, recorded = year.attendance(list(bodies))
    required: dict[tuple[str, str], list[Representation]] = {}
    complete: dict[tuple[str, str], int] = defaultdict(int)
    incomplete: set[tuple[str, str]] = set()
    for meeting in year.meetings:
        body = bodies.get(meeting.body)
        if body is None or meeting.kind == Meeting.Kind.THEME_DAY or not meeting.held_by(on):
            continue
        key = (meeting.body, meeting.instance)
        if key not in required:
            required[key] = required_parties(agreement, body, meeting.instance)
        if not required[key]:
            continue
        missing = [r for r in required[key] if not r.parties & present.get(meeting.id, set())]
        if meeting.id in recorded and not missing:
            complete[key] += 1
            continue
        incomplete.add(key)
        values = {
            "place": place(body, year.instance_name(context, body, meeting.instance)),
            "day": meeting.day.isoformat(),
        }
        where = {"body": body.id, "instance": meeting.instance}
        if meeting.id not in recorded:
            yield context.finding(
                WARNING,
                "parties-present",
                body,
                _("%(place)s: who attended the meeting on %(day)s is not recorded.") % values,
                **where,
            )
            continue
        for advice in (False, True):
            group = [r for r in missing if r.advice == advice]
            if not group:
                continue
            values["parties"] = ", ".join(r.name for r in group)
            yield context.finding(
                ADVICE if advice else ERROR,
                "parties-present",
                body,
                _("%(place)s: no one attended the meeting on %(day)s for %(parties)s.") % values,
                **where,
            )
    for (body_id, instance), count in complete.items():
        if (body_id, instance) in incomplete:
            continue
        body = bodies[body_id]
        values = {
            "place": place(body, year.instance_name(context, body, instance)),
            "n": count,
            "today": on.isoformat(),
        }
        yield context.finding(
            OK,
            "parties-present",
            body,
            _(
                "%(place)s: every party the seats name attended every meeting so far (%(n)s "
                "by %(today)s)."
            )
            % values,
            body=body_id,
            instance=instance,
        )
