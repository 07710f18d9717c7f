"""A body's year of meetings proposed from its rules: how many (the agreement's number, or the
county's default with the reason), spread over the year on working days outside the county's
quiet periods, at the rules' hours; the working committee's meeting the lead time before each
meeting it prepares; theme days held with another body; the rules' own events with their
standing agendas; who sets a seminar's programme; the elections at the year's last meeting; and
who convenes each meeting, from the live offices.

Every proposed meeting carries the rules it follows with their source in the agreement file, so
that the page cites them. `propose_year` and `propose_county_year` write nothing: the actions
(year_actions) store what is proposed, adjusted and adopted. `departures` and `clashes` say what
is wrong with a meeting's day and time, for the proposal, the pages and the actions alike.

A county's year is computed once for all its body instances: each body's own meetings once
(copied for each of its instances), one calendar, the conveners in one query; the double
bookings of any number of meetings are read in two queries.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import labels, schema
from agreements.citation import source_document
from agreements.models import County
from structure.actions import agreement_in_force
from structure.models import Appointment, OfficeTerm, Person
from workdays import calendar

from . import revision
from .agenda import election_items, event_items
from .county_settings import settings_for
from .models import AgendaItem, Meeting, MeetingSettings, QuietPeriod
from .registry import ProposedItem

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Kind = Meeting.Kind

# Bodies that meet on need, never on a yearly plan: a consultation called when a question
# arises (Västerbotten 5.3), a support function that holds no meetings of its own.
MEETS_ON_NEED = {schema.BodyKind.BILATERAL_CONSULTATION, schema.BodyKind.SUPPORT_FUNCTION}
# Meetings on Tuesdays to Thursdays leave Mondays and Fridays for travel across a large county.
PREFERRED_WEEKDAYS = {1, 2, 3}
# How far back a preparatory meeting is looked for before its latest possible day.
PREPARATION_SEARCH_DAYS = 60


@dataclass(frozen=True)
class Rule:
    """A rule a meeting follows, in the reader's words, with where the agreement states it
    (`section` empty: a county setting, not the agreement)."""

    code: str
    text: str
    section: str = ""
    document: str = ""
    quote: str = ""
    advice: bool = False


@dataclass(eq=False)
class Proposed:
    """A meeting the rules propose. `body` is whose meeting it is: a theme day held with this
    body belongs to the body whose rule it is, and is shown in both."""

    body: str
    instance: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    kind: str
    title: str = ""
    event: str = ""
    with_body: str = ""
    with_instance: str = ""
    prepares: Proposed | None = None
    # The working committee's meeting before this one, where the rules ask for it.
    prepared: Proposed | None = None
    agenda: list[ProposedItem] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    convener: Person | None = None
    convener_role: str = ""
    programme_by: str = ""

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at, STOCKHOLM).date()


@dataclass(frozen=True)
class Departure:
    """What is wrong with a meeting's day or hours: a holiday, a weekend, a quiet period,
    hours outside the rule's."""

    code: str
    text: str


def _rule(code: str, text: str, source: schema.Source | None, agreement, advice=False) -> Rule:
    if source is None:
        return Rule(code, text, advice=advice)
    return Rule(
        code,
        text,
        section=source.section,
        document=source_document(source, agreement),
        quote=source.quote or "",
        advice=advice,
    )


@functools.lru_cache(maxsize=256)
def _open_days(year: int, periods: tuple[tuple[int, int, int, int], ...]) -> tuple:
    """The year's working days outside the quiet periods (each as its months and days): the
    same for every body, page and county that keeps the same periods."""
    first = datetime.date(year, 1, 1)
    length = (datetime.date(year, 12, 31) - first).days + 1
    quiet = [
        QuietPeriod(starts_month=a, starts_day=b, ends_month=c, ends_day=d)
        for a, b, c, d in periods
    ]
    found = []
    for day in (first + datetime.timedelta(days=n) for n in range(length)):
        if calendar.is_working_day(day) and not any(p.covers(day) for p in quiet):
            found.append(day)
    return tuple(found), frozenset(found)


class Calendar:
    """The year's days as the county plans them: working days outside its quiet periods."""

    def __init__(self, year: int, periods: list[QuietPeriod]):
        self.year = year
        self.periods = periods
        kept = {(p.starts_month, p.starts_day, p.ends_month, p.ends_day) for p in periods}
        self._open_days, self._open = _open_days(year, tuple(sorted(kept)))

    def quiet(self, day: datetime.date) -> QuietPeriod | None:
        return next((p for p in self.periods if p.covers(day)), None)

    def is_open(self, day: datetime.date) -> bool:
        if day.year == self.year:
            return day in self._open
        return calendar.is_working_day(day) and self.quiet(day) is None

    def open_days(self) -> list[datetime.date]:
        return list(self._open_days)


def spread(days: list[datetime.date], count: int) -> list[datetime.date]:
    """`count` days spread evenly over `days` (sorted): the middle of each equal share, moved
    to the nearest Tuesday to Thursday within the share."""
    if count <= 0 or not days:
        return []
    chosen = []
    for index in range(count):
        low = index * len(days) // count
        high = max(low + 1, (index + 1) * len(days) // count)
        middle = (low + high) // 2
        share = range(low, high)
        preferred = [i for i in share if days[i].weekday() in PREFERRED_WEEKDAYS]
        best = min(preferred or share, key=lambda i: abs(i - middle))
        chosen.append(days[best])
    return chosen


def interleave(groups: list[int]) -> list[int]:
    """The order in which groups of meetings (their counts) take the year's evenly spread
    slots, each group spread over the year: [4, 2] gives 0, 1, 0, 0, 1, 0."""
    total = sum(groups)
    keyed = [
        ((j + 0.5) * total / count, number)
        for number, count in enumerate(groups)
        for j in range(count)
    ]
    return [number for _position, number in sorted(keyed)]


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=STOCKHOLM)


def hours_of(body: schema.Body, agreement, settings: MeetingSettings) -> tuple:
    rules = body.meetings
    if rules and rules.hours:
        text = _("From %(start)s to %(end)s") % {
            "start": rules.hours.start.strftime("%H:%M"),
            "end": rules.hours.end.strftime("%H:%M"),
        }
        return rules.hours.start, rules.hours.end, _rule("hours", text, rules.source, agreement)
    text = _("The county's hours, %(start)s to %(end)s: the agreement gives none") % {
        "start": settings.default_start.strftime("%H:%M"),
        "end": settings.default_end.strftime("%H:%M"),
    }
    return settings.default_start, settings.default_end, _rule("hours", text, None, agreement)


def preparing_for(agreement: schema.Agreement, body_id: str) -> list[schema.Body]:
    """The bodies whose meetings the body prepares (its `prepared_by` in their rules)."""
    return [
        other
        for other in agreement.bodies
        if other.meetings
        and other.meetings.prepared_by
        and other.meetings.prepared_by.body == body_id
    ]


def count_rule(
    agreement: schema.Agreement, body: schema.Body, settings: MeetingSettings
) -> tuple[int, Rule]:
    """How many ordinary meetings the year has, and why."""
    rules = body.meetings
    source = rules.source if rules else body.source
    if body.kind in MEETS_ON_NEED:
        return 0, _rule(
            "per_year", _("Meets on need: the rules set no yearly meetings"), source, agreement
        )
    if rules and rules.per_year:
        count = rules.per_year
        n = count.lower
        if count.advice:
            text = ngettext(
                "Preferably at least %(count)s meeting a year: a recommendation",
                "Preferably at least %(count)s meetings a year: a recommendation",
                n,
            )
        elif count.exact is not None:
            text = ngettext("%(count)s meeting a year", "%(count)s meetings a year", n)
        else:
            text = ngettext(
                "At least %(count)s meeting a year", "At least %(count)s meetings a year", n
            )
        return count.lower, _rule(
            "per_year", text % {"count": count.lower}, source, agreement, advice=bool(count.advice)
        )
    if rules and rules.events:
        text = _(
            "The rules' own meetings are the year's meetings: the agreement gives no other number"
        )
        return 0, _rule("per_year", text, source, agreement)
    prepared = preparing_for(agreement, body.id)
    if prepared:
        text = _("Meets before each meeting of %(body)s") % {
            "body": ", ".join(b.name for b in prepared)
        }
        return 0, _rule("per_year", text, prepared[0].meetings.prepared_by.source, agreement)
    if rules and rules.decided_by:
        text = _(
            "The agreement gives no number (%(decided_by)s decides): the county's default of "
            "%(count)s is proposed"
        ) % {"decided_by": rules.decided_by, "count": settings.default_per_year}
    else:
        text = _("The agreement gives no number: the county's default of %(count)s is proposed") % {
            "count": settings.default_per_year
        }
    return settings.default_per_year, _rule("per_year", text, source, agreement)


class Conveners:
    """Who convenes a body instance's meetings on a day: the live convener, else the chair."""

    ROLES = (schema.OfficeRole.CONVENER.value, schema.OfficeRole.CHAIR.value)

    def __init__(self, terms: Iterable[OfficeTerm] = ()):
        self.terms = list(terms)  # the newest first

    def on(self, day: datetime.date) -> tuple[Person | None, str]:
        for role in self.ROLES:
            for term in self.terms:
                if term.role == role and term.covers(day):
                    return term.person, role
        return None, ""


def conveners_of(county: County, year: int) -> dict[tuple[str, str], Conveners]:
    """The conveners in the year of every body instance of the county, read in one query."""
    found: dict[tuple[str, str], Conveners] = defaultdict(Conveners)
    terms = (
        OfficeTerm.objects.filter(
            county=county, role__in=Conveners.ROLES, starts__lte=datetime.date(year, 12, 31)
        )
        .filter(Q(ends__isnull=True) | Q(ends__gte=datetime.date(year, 1, 1)))
        .exclude(person=None)
        .select_related("person")
        .order_by("-starts", "pk")
    )
    for term in terms:
        found[(term.body, term.instance)].terms.append(term)
    return found


def preparation_day(
    day: datetime.date, preparation: schema.Preparation, lead: int, days: Calendar
) -> datetime.date | None:
    """The latest open day at least the lead time before `day`."""
    if preparation.lead_days_are_working_days:
        latest, counted = day, 0
        while counted < lead:
            latest -= datetime.timedelta(days=1)
            counted += calendar.is_working_day(latest)
    else:
        latest = day - datetime.timedelta(days=lead)
    for back in range(PREPARATION_SEARCH_DAYS):
        candidate = latest - datetime.timedelta(days=back)
        if candidate.year != days.year:
            return None
        if days.is_open(candidate):
            return candidate
    return None


def preparation_rule(
    agreement: schema.Agreement, preparing: schema.Body, prepared: schema.Body, settings
) -> tuple[int, Rule]:
    """The lead time of the working committee's meeting before each meeting it prepares."""
    preparation = prepared.meetings.prepared_by
    if preparation.lead_days is not None:
        unit = (
            _("%(days)s working days")
            if preparation.lead_days_are_working_days
            else _("%(days)s days")
        ) % {"days": preparation.lead_days}
        text = _("%(committee)s meets at least %(lead)s before each meeting of %(body)s") % {
            "committee": preparing.name,
            "lead": unit,
            "body": prepared.name,
        }
        return preparation.lead_days, _rule(
            "prepared_by", text, preparation.source, agreement, advice=not preparation.per_meeting
        )
    text = _(
        "%(committee)s prepares the meetings of %(body)s; the agreement gives no lead time: "
        "it meets before the notice goes out, %(days)s days before"
    ) % {"committee": preparing.name, "body": prepared.name, "days": settings.notice_days}
    return settings.notice_days, _rule(
        "prepared_by", text, preparation.source, agreement, advice=not preparation.per_meeting
    )


def _own_meetings(
    county: County,
    agreement: schema.Agreement,
    body: schema.Body,
    instance: str,
    days: Calendar,
    settings: MeetingSettings,
) -> list[Proposed]:
    """The body's own meetings of the year: ordinary ones, theme days it holds with another
    body, its rules' events; each ordinary one with the working committee's meeting before it
    where the rules ask for one."""
    rules = body.meetings
    start, end, hours_rule = hours_of(body, agreement, settings)
    ordinary_count, per_year = count_rule(agreement, body, settings)
    groups: list[tuple[int, Callable]] = []

    def ordinary(day):
        return Proposed(
            body.id,
            instance,
            at(day, start),
            at(day, end),
            Kind.ORDINARY,
            rules=[per_year, hours_rule],
        )

    groups.append((ordinary_count, ordinary))
    for theme in rules.theme_days if rules else []:
        text = _("%(count)s theme days a year with %(body)s") % {
            "count": theme.per_year.lower,
            "body": _body_name(agreement, theme.with_body),
        }
        theme_rule = _rule("theme_days", text, theme.source, agreement, bool(theme.per_year.advice))

        def theme_day(day, theme=theme, theme_rule=theme_rule):
            return Proposed(
                body.id,
                instance,
                at(day, start),
                at(day, end),
                Kind.THEME_DAY,
                with_body=theme.with_body,
                rules=[theme_rule, hours_rule],
            )

        groups.append((theme.per_year.lower, theme_day))
    for event in rules.events if rules else []:
        text = _("%(name)s, %(count)s a year") % {"name": event.name, "count": event.per_year.lower}
        event_rule = _rule("event", text, event.source, agreement, bool(event.per_year.advice))

        def held(day, event=event, event_rule=event_rule):
            return Proposed(
                body.id,
                instance,
                at(day, start),
                at(day, end),
                Kind.EVENT,
                title=event.name,
                event=event.id,
                agenda=event_items(event),
                rules=[event_rule, hours_rule],
            )

        groups.append((event.per_year.lower, held))

    preparation = rules.prepared_by if rules else None
    candidates = days.open_days()
    if preparation is not None:
        preparing = agreement.body(preparation.body)
        lead, prep_rule = preparation_rule(agreement, preparing, body, settings)
        # Only days whose preparatory meeting falls in the same year: the first meeting comes
        # late enough for the committee to meet before it.
        candidates = [d for d in candidates if preparation_day(d, preparation, lead, days)]
    counts = [count for count, _make in groups]
    slots = spread(candidates, sum(counts))
    proposed = [
        groups[number][1](day) for number, day in zip(interleave(counts), slots, strict=True)
    ]
    if rules and rules.programme_by:
        setter = _body_name(agreement, rules.programme_by)
        item = ProposedItem.coded(
            "programme", {"body": setter}, AgendaItem.Kind.INFORMATION, "programme"
        )
        text = _("%(body)s sets the programme") % {"body": setter}
        programme_rule = _rule("programme_by", text, rules.source, agreement)
        for meeting in proposed:
            meeting.programme_by = setter
            meeting.agenda.insert(0, item)
            meeting.rules.append(programme_rule)
    if preparation is not None:
        for meeting in proposed:
            if meeting.kind != Kind.ORDINARY:
                continue
            day = preparation_day(meeting.day, preparation, lead, days)
            prep_start, prep_end, prep_hours = hours_of(preparing, agreement, settings)
            meeting.rules.append(prep_rule)
            meeting.prepared = Proposed(
                preparing.id,
                "",
                at(day, prep_start),
                at(day, prep_end),
                Kind.PREPARATORY,
                prepares=meeting,
                rules=[prep_rule, prep_hours],
            )
    return proposed


def _elections(agreement: schema.Agreement, body: schema.Body, proposed: list[Proposed]) -> None:
    """The offices elected at the year's last meeting: an election item on that meeting."""
    elected = [o for o in body.offices if o.term and o.term.elected_at_last_meeting]
    own = sorted((p for p in proposed if p.body == body.id), key=lambda p: p.starts_at)
    if not elected or not own:
        return
    text = _("The %(offices)s for the coming year are elected at the year's last meeting") % {
        "offices": ", ".join(str(labels.OFFICES[o.role]) for o in elected)
    }
    last = own[-1]
    last.agenda += election_items(body)
    last.rules.append(_rule("election", text, elected[0].source, agreement))


def _body_name(agreement: schema.Agreement, body_id: str) -> str:
    found = agreement.body(body_id)
    return found.name if found else body_id


def _copied(meetings: Iterable[Proposed], instance: str) -> list[Proposed]:
    """Fresh copies of a body's meetings for one of its instances: each instance's year is its
    own to change (its election item, its conveners), and a working committee's meeting before
    one of them prepares the copy."""
    copies = []
    for meeting in meetings:
        copy = replace(
            meeting, instance=instance, agenda=list(meeting.agenda), rules=list(meeting.rules)
        )
        if meeting.prepared is not None:
            copy.prepared = replace(
                meeting.prepared,
                prepares=copy,
                agenda=list(meeting.prepared.agenda),
                rules=list(meeting.prepared.rules),
            )
        copies.append(copy)
    return copies


class _Year:
    """A county's year as the rules propose it, each body's own meetings computed once and
    copied for each body instance that asks."""

    def __init__(
        self,
        county: County,
        year: int,
        agreement: schema.Agreement,
        settings: MeetingSettings,
        periods: list[QuietPeriod],
    ):
        self.county = county
        self.year = year
        self.agreement = agreement
        self.settings = settings
        self.days = Calendar(year, periods)
        # The revisions of mandates held so far, read once and only where a body revises one.
        self._revisions: dict[str, datetime.date] | None = None
        self._own: dict[str, list[Proposed]] = {}
        # The bodies that hold theme days with each body.
        self.theme_hosts: dict[str, list[schema.Body]] = defaultdict(list)
        for other in agreement.bodies:
            if other.meetings:
                for with_body in dict.fromkeys(t.with_body for t in other.meetings.theme_days):
                    self.theme_hosts[with_body].append(other)

    def own(self, body: schema.Body) -> list[Proposed]:
        """The body's own meetings, for the instance "" (to be copied, never changed)."""
        if body.id not in self._own:
            self._own[body.id] = _own_meetings(
                self.county, self.agreement, body, "", self.days, self.settings
            )
        return self._own[body.id]

    def propose(self, body: schema.Body, instance: str) -> list[Proposed]:
        """The body instance's year in order: its own meetings, the theme days another body
        holds with it, and, for a working committee, its meeting before each meeting it
        prepares; with the election item on its last meeting, without conveners."""
        proposed = _copied(self.own(body), instance)
        proposed.extend(
            [m.prepared for m in proposed if m.prepared is not None and m.prepared.body == body.id]
        )
        for other in self.theme_hosts.get(body.id, ()):
            if other.id != body.id:
                proposed.extend(
                    _copied(
                        (
                            p
                            for p in self.own(other)
                            if p.kind == Kind.THEME_DAY and p.with_body == body.id
                        ),
                        "",
                    )
                )
        for prepared_body in preparing_for(self.agreement, body.id):
            proposed.extend(
                p.prepared for p in _copied(self.own(prepared_body), "") if p.prepared is not None
            )
        _elections(self.agreement, body, proposed)
        self._mandate_revisions(body, proposed)
        proposed.sort(key=lambda p: p.starts_at)
        return proposed

    def _mandate_revisions(self, body: schema.Body, proposed: list[Proposed]) -> None:
        """The revision of each mandate the body gives, on its meeting before the revision
        falls due in the year (Västerbotten 6.2: "minst vartannat år")."""
        revised = revision.revised_by(self.agreement, body.id)
        if not revised:
            return
        if self._revisions is None:
            self._revisions = revision.last_revisions(self.county.pk)
        own = sorted(
            (p for p in proposed if p.body == body.id and p.kind == Kind.ORDINARY),
            key=lambda p: p.starts_at,
        )
        placed = revision.plan_revisions(
            revised, self._revisions, self.year, own, AgendaItem.Kind.DECISION
        )
        for revised_body, meeting in placed:
            text = ngettext(
                "The mandate and staffing of %(body)s are revised at least every %(n)s month",
                "The mandate and staffing of %(body)s are revised at least every %(n)s months",
                revised_body.revised_every.every_months,
            ) % {"body": revised_body.name, "n": revised_body.revised_every.every_months}
            meeting.rules.append(
                _rule("mandate_revision", text, revised_body.revised_every.source, self.agreement)
            )


def _county_year(
    county: County,
    year: int,
    agreement: schema.Agreement | None,
    settings: MeetingSettings | None,
    periods: list[QuietPeriod] | None,
) -> _Year:
    agreement = agreement or agreement_in_force(county.pk)
    settings = settings or settings_for(county)
    if periods is None:
        # settings_for has made the default quiet periods of a county that had none.
        periods = list(QuietPeriod.objects.filter(county=county))
    return _Year(county, year, agreement, settings, periods)


def _convened(proposed: list[Proposed], conveners: dict[tuple[str, str], Conveners]) -> None:
    for meeting in proposed:
        found = conveners.get((meeting.body, meeting.instance))
        meeting.convener, meeting.convener_role = found.on(meeting.day) if found else (None, "")


def propose_year(
    county: County,
    body_id: str,
    instance: str,
    year: int,
    agreement: schema.Agreement | None = None,
    *,
    settings: MeetingSettings | None = None,
    periods: list[QuietPeriod] | None = None,
    conveners: dict[tuple[str, str], Conveners] | None = None,
) -> list[Proposed]:
    """The year's proposed meetings of a body instance, in order: its own, the theme days
    another body holds with it, and, for a working committee, its meeting before each meeting
    it prepares; each with its convener. Raises LookupError for a body or instance the
    agreement does not have. A page that has read the county's settings, quiet periods or
    conveners passes them."""
    agreement = agreement or agreement_in_force(county.pk)
    body = agreement.body(body_id)
    if body is None or instance not in dict(agreement.instances_of(body)):
        raise LookupError(body_id)
    proposed = _county_year(county, year, agreement, settings, periods).propose(body, instance)
    _convened(proposed, conveners if conveners is not None else conveners_of(county, year))
    return proposed


def propose_county_year(
    county: County, year: int, agreement: schema.Agreement | None = None
) -> dict[tuple[str, str], list[Proposed]]:
    """Every body instance's proposed year, by (body, instance): what `propose_year` gives each,
    computed at once (each body's meetings once, the county's settings, quiet periods and
    conveners in a query each)."""
    planned = _county_year(county, year, agreement, None, None)
    conveners = conveners_of(county, year)
    found = {}
    for body in planned.agreement.bodies:
        for instance, _name in planned.agreement.instances_of(body):
            proposed = planned.propose(body, instance)
            _convened(proposed, conveners)
            found[(body.id, instance)] = proposed
    return found


def departures(
    agreement: schema.Agreement,
    body_id: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    settings: MeetingSettings,
    periods: list[QuietPeriod],
) -> list[Departure]:
    """What keeps the day and hours from the rules: a public or de facto holiday, a weekend,
    a quiet period of the county, hours outside the body's."""
    found = []
    starts = timezone.localtime(starts_at, STOCKHOLM)
    ends = timezone.localtime(ends_at, STOCKHOLM)
    day = starts.date()
    holiday = calendar.holidays_in(day.year).get(day)
    if holiday:
        found.append(
            Departure(
                "holiday",
                _("%(day)s is a holiday: %(name)s") % {"day": day.isoformat(), "name": holiday},
            )
        )
    elif not calendar.is_working_day(day):
        found.append(
            Departure("weekend", _("%(day)s is not a working day") % {"day": day.isoformat()})
        )
    quiet = next((p for p in periods if p.covers(day)), None)
    if quiet is not None:
        found.append(
            Departure(
                "quiet",
                _("%(day)s falls in the county's quiet period “%(name)s”")
                % {"day": day.isoformat(), "name": quiet.label},
            )
        )
    body = agreement.body(body_id)
    start, end, _hours_rule = hours_of(body, agreement, settings) if body else (None, None, None)
    if (
        body
        and body.meetings
        and body.meetings.hours
        and (starts.time() < start or ends.time() > end or ends.date() != day)
    ):
        found.append(
            Departure(
                "hours",
                _("Outside the body's hours, %(start)s to %(end)s")
                % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")},
            )
        )
    return found


def shown_in(body: str, instance: str) -> Q:
    """The body instance's own meetings and those another body holds with it, as a filter."""
    return Q(body=body, instance=instance) | Q(with_body=body, with_instance=instance)


@dataclass(frozen=True)
class Clash:
    person: str
    meeting: Meeting


@dataclass(frozen=True)
class Slot:
    """A body instance's meeting time to check for double bookings (`exclude`: the meeting
    itself, when stored)."""

    body: str
    instance: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    exclude: int | None = None

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at, STOCKHOLM).date()


def clashes_of(county: County, slots: list[Slot]) -> list[list[Clash]]:
    """For each slot, the body instance's members (on the day) who have another meeting at the
    same time, in another body they sit in: warned about, never refused. Two queries for any
    number of slots: the seats of everyone who sits in the slots' bodies in their period, and
    the meetings of those seats' body instances at the slots' times."""
    if not slots:
        return []
    first = min(slot.day for slot in slots)
    last = max(slot.day for slot in slots)
    in_period = Appointment.objects.filter(county=county, starts__lte=last).filter(
        Q(ends__isnull=True) | Q(ends__gte=first)
    )
    sitting = in_period.filter(body__in={slot.body for slot in slots}).values("person_id")
    # Each row a seat of a person: (person, name, body, instance, starts, ends).
    seats = list(
        in_period.filter(person_id__in=sitting).values_list(
            "person_id", "person__name", "body", "instance", "starts", "ends"
        )
    )
    names = {row[0]: row[1] for row in seats}
    by_key: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in seats:
        by_key[(row[2], row[3])].append(row)
    at_the_times = Q()
    for starts_at, ends_at in {(slot.starts_at, slot.ends_at) for slot in slots}:
        at_the_times |= Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    overlapping = [
        meeting
        for meeting in Meeting.objects.filter(
            at_the_times, county=county, body__in={key[0] for key in by_key}
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "pk")
        if (meeting.body, meeting.instance) in by_key
    ]

    def on(rows, day):
        return {row[0] for row in rows if row[4] <= day and (row[5] is None or day <= row[5])}

    found = []
    for slot in slots:
        day, key = slot.day, (slot.body, slot.instance)
        people = on(by_key.get(key, ()), day)
        clashing = []
        for other in overlapping:
            other_key = (other.body, other.instance)
            if (
                other_key == key
                or other.pk == slot.exclude
                or not (other.starts_at < slot.ends_at and other.ends_at > slot.starts_at)
            ):
                continue
            for person_id in sorted(people & on(by_key.get(other_key, ()), day)):
                clashing.append(Clash(names[person_id], other))
        found.append(clashing)
    return found


def clashes(
    county: County,
    body: str,
    instance: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    exclude: int | None = None,
) -> list[Clash]:
    """The body instance's members (on the day) who have another meeting at the same time, in
    another body they sit in."""
    return clashes_of(county, [Slot(body, instance, starts_at, ends_at, exclude)])[0]
