"""The structure's indicators: whether the bodies meet as planned, whether every party comes,
whether the minutes are approved in time, how many seats stand empty and what the compliance
check finds. They count meetings, seats and findings, never individuals (`personal=False`).

A period lies within one calendar year (base.Period), so that the meetings of a period are read
through the meetings app's own year of the compliance rules (`meetings.compliance.MeetingYear`):
the same reading of a held meeting, of its attendance and of its approved minutes as the check.
Figures are taken up to the period's end, or up to today while the period runs; a period that
has not begun has no data.

Under the area and municipality breakdowns a body's figures go to the area or municipality its
instance is (a länsdel's group, a municipality's own group); a county-wide body belongs to no
area and is counted in the county's figure only. Party figures (attendance, vacancies) go to the
party's group as the engine groups principals (`base.groups`).
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter, defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import schema
from agreements.models import Agreement
from meetings.compliance import MeetingYear, required_parties
from meetings.models import AdoptedPlan, Meeting
from structure.compliance import ADVICE, ERROR, WARNING, Context, evaluate
from structure.models import Appointment, Organisation
from structure.rules.common import exception_count, seats
from structure.rules.composition import _parties_in_scope

from .base import (
    OTHER,
    Breakdown,
    Groups,
    Indicator,
    Scope,
    Tally,
    Unit,
    Value,
    group_values,
    groups,
    register,
)

# Where the rules the indicators follow stand in each county's agreement.
MEETING_RULES = (
    "001_47e6bb73daa8c2fc.txt, Arbetsformer länsstyrgruppen (minst fyra möten per år); "
    "002_49e81f7be204c1a6.txt, 6.1.5 Arbetsordning; "
    "003_27a7c1c535d04ef9.txt, Strategisk nivå (mötesfrekvens i samband med årsplanering)"
)
REPRESENTATION = (
    "001_47e6bb73daa8c2fc.txt, Representanter länsstyrgruppen; "
    "002_49e81f7be204c1a6.txt, 5.1.3 Representation and 6.1.3 Representation i "
    "Länssamverkansgruppen; 003_27a7c1c535d04ef9.txt, Representation and Länsledning"
)
MINUTES = (
    "001_47e6bb73daa8c2fc.txt, Arbetsformer länsstyrgruppen (minnesanteckningar förs av "
    "samverkansledare/samordnare); the days to approve them are the county's meeting setting "
    "(default 14, kommunallagen 5 kap. 69 §)"
)
COMPLIANCE = (
    "Each county's agreement in force, every clause the compliance check tests (the findings "
    "cite their clause); 001_47e6bb73daa8c2fc.txt, 002_49e81f7be204c1a6.txt, "
    "003_27a7c1c535d04ef9.txt"
)


def _until(scope: Scope) -> datetime.date | None:
    """The last day the period's figures are taken on: its end, or today while it runs."""
    today = timezone.localdate()
    if scope.period.start > today:
        return None
    return min(scope.period.end, today)


def _agreement_row(scope: Scope) -> Agreement | None:
    return Agreement.objects.structure_in_force(county=scope.county)


def _reading(scope: Scope) -> tuple[Groups, datetime.date | None, Agreement | None]:
    """The breakdown's groups, the day the figures are taken on, and the agreement in force
    (None when the period has not begun, or the county has no agreement)."""
    until = _until(scope)
    return groups(scope), until, _agreement_row(scope) if until else None


def _shown_groups(found: Groups, *, parties: bool) -> dict[str, str]:
    """The groups a value is given for: every group of the breakdown, except the principals'
    remainder where the figures are the bodies' (a county-wide body is nobody's area)."""
    if parties:
        return found.labels
    return {key: label for key, label in found.labels.items() if key != OTHER}


def _instance_group(
    scope: Scope, found: Groups, body: schema.Body | None, instance: str
) -> str | None:
    """The group a body instance's figures go to under the breakdown; None for none of them."""
    if scope.breakdown == Breakdown.COUNTY:
        return ""
    if body is None or scope.breakdown == Breakdown.PRINCIPAL:
        return None
    if body.instances == schema.Instances.PER_AREA:
        return instance if scope.breakdown == Breakdown.AREA else None
    if body.instances == schema.Instances.PER_MUNICIPALITY:
        group = found.of(instance)
        return None if group == OTHER else group
    return None


def _counts(
    scope: Scope,
    key: str,
    shown: dict[str, str],
    figures: dict[str, Tally],
) -> list[Value]:
    """One count per group shown, where nought is a figure (no vacant seat, no error): the
    value and numerator `met` of `counted` things looked at; no data where nothing was."""
    result = []
    for group, label in shown.items():
        tally = figures.get(group) or Tally()
        counted = bool(tally.counted)
        result.append(
            Value(
                indicator=key,
                period=scope.period.key,
                group=group,
                group_label=label,
                value=Decimal(tally.met) if counted else None,
                numerator=tally.met if counted else None,
                denominator=tally.counted if counted else None,
                distribution=dict(tally.cells) if counted else None,
            )
        )
    return result


def _meeting_year(scope: Scope, agreement_row: Agreement, until: datetime.date) -> MeetingYear:
    """The meetings app's reading of the period's year, as the compliance rules read it."""
    organisations = {o.id: o for o in Organisation.objects.filter(county=scope.county)}
    return MeetingYear(Context(agreement_row, until, [], organisations))


# -- Meetings held against planned ---------------------------------------------------------------


def _planned(scope: Scope, until: datetime.date) -> list[tuple[str, str, uuid.UUID]]:
    """The meetings the bodies' year plans listed when first adopted, planned for a day of the
    period up to `until`: (body, instance, uid). A meeting listed as cancelled was never planned;
    an entry that cannot be read is left out rather than break the count."""
    zone = timezone.get_current_timezone()
    planned = []
    adoptions = AdoptedPlan.objects.filter(
        plan__county=scope.county, plan__year=scope.period.start.year, number=1
    ).values_list("plan__body", "plan__instance", "meetings")
    for body, instance, meetings in adoptions:
        for entry in meetings if isinstance(meetings, list) else []:
            try:
                day = datetime.datetime.fromisoformat(entry["starts_at"]).astimezone(zone).date()
                uid = uuid.UUID(str(entry["uid"]))
            except (KeyError, TypeError, ValueError):
                continue
            if entry.get("status") == Meeting.Status.CANCELLED:
                continue
            if scope.period.start <= day <= until:
                planned.append((body, instance, uid))
    return planned


def _held_of_planned(scope: Scope) -> dict[tuple[str, str], Tally]:
    """Per body instance, the planned meetings held (`met`) of those planned (`counted`)."""
    until = _until(scope)
    if until is None:
        return {}
    planned = _planned(scope, until)
    held = set(
        Meeting.objects.filter(
            county=scope.county,
            uid__in=[uid for _body, _instance, uid in planned],
            status=Meeting.Status.HELD,
        ).values_list("uid", flat=True)
    )
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for body, instance, uid in planned:
        tallies[(body, instance)].met += uid in held
        tallies[(body, instance)].counted += 1
    return tallies


def meetings_held(scope: Scope) -> list[Value]:
    if scope.breakdown == Breakdown.PRINCIPAL:
        return []
    per_instance = _held_of_planned(scope)
    agreement_row = _agreement_row(scope) if per_instance else None
    agreement = agreement_row.document if agreement_row else None
    found = groups(scope)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for (body_id, instance), tally in per_instance.items():
        body = agreement.body(body_id) if agreement else None
        group = _instance_group(scope, found, body, instance)
        if group is not None:
            tallies[group].met += tally.met
            tallies[group].counted += tally.counted
            if tally.counted > tally.met:
                tallies[group].cells[body_id] += tally.counted - tally.met
    return group_values(MEETINGS_HELD.key, scope, Unit.SHARE, tallies)


MEETINGS_HELD = register(
    Indicator(
        key="meetings_held_as_planned",
        title=_("Meetings held as planned"),
        definition=_(
            "The share of the meetings the bodies' year plans listed when first adopted, for a "
            "day of the period up to today, that were held. Denominator: the meetings of the "
            "first adopted year plans (not those listed as cancelled). Numerator: those of them "
            "marked held, on the planned day or another. Extra meetings added later are not "
            "counted. The distribution gives the planned meetings not held per body. Per area or "
            "municipality: the meetings of its own groups (a municipality's group counts in its "
            "area too)."
        ),
        source=MEETING_RULES,
        unit=Unit.SHARE,
        personal=False,
        compute=meetings_held,
    )
)


# -- Attendance by party ------------------------------------------------------------------------


def attendance(scope: Scope) -> list[Value]:
    found, until, agreement_row = _reading(scope)
    tallies: dict[str, Tally] = defaultdict(Tally)
    if agreement_row is None:
        return group_values(ATTENDANCE.key, scope, Unit.SHARE, tallies)
    agreement = agreement_row.document
    year = _meeting_year(scope, agreement_row, until)
    bodies = {
        b.id: b
        for b in agreement.bodies
        if any(s.count.lower and (s.party or s.party_kind) for s in b.seats)
    }
    meetings = [
        m
        for m in year.meetings
        if m.body in bodies
        and m.kind != Meeting.Kind.THEME_DAY
        and m.held_by(until)
        and m.day >= scope.period.start
    ]
    present, recorded = year.attendance(list(bodies)) if meetings else ({}, set())
    required: dict[tuple[str, str], list] = {}
    for meeting in meetings:
        if meeting.id not in recorded:
            continue
        key = (meeting.body, meeting.instance)
        if key not in required:
            required[key] = required_parties(agreement, bodies[meeting.body], meeting.instance)
        for representation in required[key]:
            if scope.breakdown == Breakdown.COUNTY:
                group = ""
            elif len(representation.parties) == 1:
                group = found.of(next(iter(representation.parties)))
            else:
                continue  # a seat any one party of a kind may fill is no one party's
            tallies[group].met += bool(representation.parties & present.get(meeting.id, set()))
            tallies[group].counted += 1
    return group_values(ATTENDANCE.key, scope, Unit.SHARE, tallies)


ATTENDANCE = register(
    Indicator(
        key="meetings_parties_present",
        title=_("Parties present at the meetings"),
        definition=_(
            "For the meetings held in the period whose attendance is recorded, the share of "
            "the parties the body's seats name that came, by a member or a substitute. "
            "Denominator: each held meeting times each party its seats name. Numerator: those "
            "where someone attended for the party. Theme days with another body are left out. "
            "A seat that any one party of a kind may fill counts for the whole county only."
        ),
        source=REPRESENTATION,
        unit=Unit.SHARE,
        personal=False,
        compute=attendance,
    )
)


# -- Minutes approved in time -------------------------------------------------------------------


def minutes_in_time(scope: Scope) -> list[Value]:
    if scope.breakdown == Breakdown.PRINCIPAL:
        return []
    found, until, agreement_row = _reading(scope)
    tallies: dict[str, Tally] = defaultdict(Tally)
    if agreement_row is None:
        return group_values(MINUTES_IN_TIME.key, scope, Unit.SHARE, tallies)
    agreement = agreement_row.document
    year = _meeting_year(scope, agreement_row, until)
    # The approval of a period's last meetings may come after it ends: it is judged today.
    today = timezone.localdate()
    days = year.minutes_days
    every_day: set[int] = set()
    for meeting in year.meetings:
        if not meeting.held_by(until) or meeting.day < scope.period.start:
            continue
        group = _instance_group(scope, found, agreement.body(meeting.body), meeting.instance)
        if group is None:
            continue
        deadline = meeting.day + datetime.timedelta(days=days)
        approved = year.approved.get(meeting.id)
        if approved is None and deadline >= today:
            continue  # still within the time
        tallies[group].counted += 1
        if approved is not None:
            tallies[group].met += approved <= deadline
            tallies[group].cells[str((approved - meeting.day).days)] += 1
            every_day.add((approved - meeting.day).days)
    cells = [str(day) for day in sorted(every_day)]
    return group_values(MINUTES_IN_TIME.key, scope, Unit.SHARE, tallies, cells)


MINUTES_IN_TIME = register(
    Indicator(
        key="minutes_approved_in_time",
        title=_("Minutes approved in time"),
        definition=_(
            "The share of the meetings held in the period whose minutes were approved within "
            "the county's days for approving minutes. Denominator: the held meetings whose "
            "minutes are approved or whose time has run out. Numerator: those approved in time "
            "(the first approval; a later correction does not count). The distribution gives "
            "the days from the meeting to the approval. Per area or municipality: the meetings "
            "of its own groups (a municipality's group counts in its area too)."
        ),
        source=MINUTES,
        unit=Unit.SHARE,
        personal=False,
        compute=minutes_in_time,
    )
)


# -- Vacancies ----------------------------------------------------------------------------------


def vacancies(scope: Scope) -> list[Value]:
    found, until, agreement_row = _reading(scope)
    shown = _shown_groups(found, parties=True)
    if agreement_row is None:
        return _counts(scope, VACANCIES.key, shown, {})
    appointments = list(
        Appointment.objects.filter(county=scope.county, role=Appointment.Role.MEMBER).on(until)
    )
    organisations = {o.id: o for o in Organisation.objects.filter(county=scope.county)}
    context = Context(agreement_row, until, appointments, organisations)
    tallies: dict[str, Tally] = defaultdict(Tally)

    def count(group: str | None, body: schema.Body, missing: int, asked: int) -> None:
        if group is None or group not in shown or not asked:
            return
        tallies[group].met += missing
        tallies[group].counted += asked
        if missing:
            tallies[group].cells[body.id] += missing

    for body, instance, _name, seat in seats(context):
        members = context.members(body.id, instance, seat.id)
        if seat.per == "body":
            if not seat.count.advice:
                missing = max(0, seat.count.lower - len(members))
                count(
                    _instance_group(scope, found, body, instance), body, missing, seat.count.lower
                )
            continue
        exceptions = {e.party: exception_count(e, seat.count) for e in seat.exceptions}
        for party in _parties_in_scope(context, body, instance, seat):
            asked = exceptions.get(party.id, seat.count)
            if asked.advice:
                continue
            held = sum(context.principal(m) == party.id for m in members)
            group = "" if scope.breakdown == Breakdown.COUNTY else found.of(party.id)
            count(group, body, max(0, asked.lower - held), asked.lower)
    return _counts(scope, VACANCIES.key, shown, tallies)


VACANCIES = register(
    Indicator(
        key="vacant_seats",
        title=_("Vacant seats"),
        definition=_(
            "The seats the agreement requires that no member held on the period's last day (or "
            "today while the period runs). Value and numerator: the seats missing a member; "
            "denominator: the seats required. A number the agreement only suggests is not "
            "counted. The distribution gives the vacant seats per body. Per municipality or "
            "principal: the seats that are the party's own and a municipality's own group's; "
            "per area: those of its municipalities and its groups."
        ),
        source=REPRESENTATION,
        unit=Unit.COUNT,
        personal=False,
        compute=vacancies,
    )
)


# -- Compliance findings ------------------------------------------------------------------------

SEVERITIES = (ERROR, WARNING, ADVICE)


def compliance_findings(scope: Scope) -> list[Value]:
    if scope.breakdown == Breakdown.PRINCIPAL:
        return []
    found, until, agreement_row = _reading(scope)
    shown = _shown_groups(found, parties=False)
    if agreement_row is None:
        return _counts(scope, COMPLIANCE_FINDINGS.key, shown, {})
    agreement = agreement_row.document
    # Once, on the period's last day: the check over every day would cost a check per day.
    report = evaluate(scope.county.slug, on=until)
    tallies: dict[str, Tally] = {
        group: Tally(cells=Counter(dict.fromkeys(SEVERITIES, 0))) for group in shown
    }
    for finding in report.findings:
        group = _instance_group(scope, found, agreement.body(finding.body), finding.instance)
        if group is None or group not in tallies:
            continue
        tallies[group].counted += 1
        tallies[group].met += finding.severity == ERROR
        if finding.severity in SEVERITIES:
            tallies[group].cells[finding.severity] += 1
    return _counts(scope, COMPLIANCE_FINDINGS.key, shown, tallies)


COMPLIANCE_FINDINGS = register(
    Indicator(
        key="compliance_errors",
        title=_("Compliance errors"),
        definition=_(
            "What the compliance check finds in the structure on the period's last day (or "
            "today while the period runs). Value and numerator: the findings where the "
            "structure breaks what the agreement requires; denominator: every finding, those "
            "that hold included. The distribution gives the errors, warnings and advice. Under "
            "the area and municipality breakdowns only the findings of an area's or a "
            "municipality's own body are counted."
        ),
        source=COMPLIANCE,
        unit=Unit.COUNT,
        personal=False,
        compute=compliance_findings,
    )
)
