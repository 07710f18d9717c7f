"""The individual level's indicators: how cases, plans, placements, deviations and disputes
went against the county's guideline (Norrbus in Norrbotten).

Each indicator reads its rule (the working days, the step they run from, what an acute case
gets) from the county's guideline data through the registry, never from here, and adds up in
the database: one query per indicator groups the rows by principal and by the dates the rule
needs, and working days are counted once per distinct group of dates, never once per case.
A case belongs to the principal of the organisation that opened it, a placement to the
deciding organisation's, a deviation to the party that deviated, a dispute to the party that
raised it.
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case as Choose
from django.db.models import (
    CharField,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models import Value as Literal
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear, TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import schema
from agreements.models import Agreement, Body
from deviations.models import Deviation
from disputes.models import Dispute
from placements.models import CostAllocation, Placement
from placements.rules import cost_allocation_due
from plans.models import Case, Consent, Intervention, NetworkMeeting, Plan
from plans.rules import individual_rules
from workdays.calendar import OutOfRangeError, add_working_days, working_days_between

from .base import Indicator, Scope, Tally, Unit, Value, group_values, groups, once, register

NORRBUS = "004_f032565bf336a804.txt"

START_FIELDS = {
    schema.DeadlineStart.CONSENT: "consent_on",
    schema.DeadlineStart.DECISION_TO_CALL: "decided_on",
    schema.DeadlineStart.NOTICE: "notice_sent_on",
}


def individual_level(county) -> schema.IndividualLevel | None:
    """The county's individual-level rules, None where no document in force states them (read
    once per `compute`)."""
    return once(("individual_level", county.pk), lambda: _individual_level(county))


def _individual_level(county) -> schema.IndividualLevel | None:
    try:
        return individual_rules(county)[0]
    except LookupError:
        return None


def deadline_days(rule: schema.Deadline, acute: bool) -> int | None:
    """The working days the rule gives a case, as plans.deadlines counts them; None for an
    acute case the rule wants handled "as soon as possible" (no number to hold it to)."""
    if acute:
        if rule.acute == "as_soon_as_possible":
            return None
        if rule.acute_working_days is not None:
            return rule.acute_working_days
    return rule.working_days


def _after(start: datetime.date, days: int) -> datetime.date | None:
    try:
        return add_working_days(start, days)
    except OutOfRangeError:
        # A day stored beyond the calendar's years cannot be counted: left out, not a 500.
        return None


def _working_days(start: datetime.date, end: datetime.date) -> int | None:
    try:
        return working_days_between(start, end)
    except OutOfRangeError:
        return None


def days_cells(limit: int) -> list[str]:
    """The cells of a distribution of working days: each day up to the rule's, then up to
    twice it, then beyond."""
    return [
        *(str(day) for day in range(limit + 1)),
        f"{limit + 1}–{2 * limit}",
        f"{2 * limit + 1}+",
    ]


def days_cell(days: int, limit: int) -> str:
    if days <= limit:
        return str(days)
    return f"{limit + 1}–{2 * limit}" if days <= 2 * limit else f"{2 * limit + 1}+"


def _cases(scope: Scope):
    return Case.objects.filter(opening_organisation__county=scope.county)


def _period(scope: Scope) -> tuple[datetime.date, datetime.date]:
    return scope.period.start, scope.period.end


def _first_withdrawal():
    return Subquery(
        Consent.objects.filter(case=OuterRef("pk"), withdrawn_on__isnull=False)
        .order_by("withdrawn_on")
        .values("withdrawn_on")[:1],
        output_field=DateField(),
    )


def _step_rows(scope: Scope, start_field: str, done_field: str, **filters):
    """Cases whose step's deadline started in the period, grouped by principal, acute, the
    start, the day the step was done, and, for a step not done, the day nothing was owed any
    more (the case closed, or its consent withdrawn)."""
    undone = Q(**{f"{done_field}__isnull": True})
    return (
        _cases(scope)
        .filter(**{f"{start_field}__range": _period(scope)}, **filters)
        .annotate(
            # Only a case not done needs these: the others group by their dates alone.
            stopped=Choose(When(undone, then=F("closed_on")), output_field=DateField()),
            withdrawn=Choose(When(undone, then=_first_withdrawal()), output_field=DateField()),
        )
        .values_list(
            "opening_organisation__principal",
            "acute",
            start_field,
            done_field,
            "stopped",
            "withdrawn",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _no_data(key: str, unit: Unit):
    def compute(scope: Scope) -> list[Value]:
        return group_values(key, scope, unit, {})

    return compute


def _step_on_time(key: str, step: str, done_field: str, *, acute: bool | None):
    """A share: cases whose deadline for the step started in the period and that had it done
    within the rule's working days. A case not done counts once its deadline has passed,
    unless it was closed or its consent withdrawn by then (nothing was owed any more). An
    acute case the rule wants handled as soon as possible has no number to be held to and is
    left out."""

    def compute(scope: Scope) -> list[Value]:
        rules = individual_level(scope.county)
        if rules is None or rules.network_meeting is None:
            return group_values(key, scope, Unit.SHARE, {})
        rule = getattr(rules.network_meeting, step)
        filters = {} if acute is None else {"acute": acute}
        found, today = groups(scope), timezone.localdate()
        tallies: dict[str, Tally] = defaultdict(Tally)
        rows = _step_rows(scope, START_FIELDS[rule.counted_from], done_field, **filters)
        cells_limit = rule.working_days or 0
        dues: dict[tuple, datetime.date | None] = {}
        for principal, is_acute, start, done, stopped, withdrawn, n in rows:
            if (start, is_acute) not in dues:
                days = deadline_days(rule, is_acute)
                dues[start, is_acute] = _after(start, days) if days is not None else None
            due = dues[start, is_acute]
            if due is None:
                continue
            tally = tallies[found.of(principal)]
            if done is not None:
                taken = _working_days(start, done)
                if taken is None:
                    continue
                tally.counted += n
                tally.met += n if done <= due else 0
                tally.cells[days_cell(taken, cells_limit)] += n
                continue
            ended = min((d for d in (stopped, withdrawn) if d is not None), default=None)
            if due < today and (ended is None or ended > due):
                tally.counted += n
        return group_values(key, scope, Unit.SHARE, tallies, days_cells(cells_limit))

    return compute


def acute_meeting_days(scope: Scope) -> list[Value]:
    """Acute cases whose meeting deadline started in the period and whose meeting was held:
    the median working days to it (Norrbus sets no number: "snarast möjligt")."""
    key = "acute_network_meeting_days"
    rules = individual_level(scope.county)
    if rules is None or rules.network_meeting is None:
        return group_values(key, scope, Unit.DAYS, {})
    rule = rules.network_meeting.meeting
    start_field = START_FIELDS[rule.counted_from]
    found = groups(scope)
    rows = (
        _cases(scope)
        .filter(**{f"{start_field}__range": _period(scope)}, acute=True, meeting_on__isnull=False)
        .values_list("opening_organisation__principal", start_field, "meeting_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    limit = rule.working_days or 0
    for principal, start, held, n in rows:
        taken = _working_days(start, held)
        if taken is None:
            continue
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.days[taken] += n
        tally.cells[days_cell(taken, limit)] += n
    return group_values(key, scope, Unit.DAYS, tallies, days_cells(limit))


def plans_established(scope: Scope) -> list[Value]:
    """Cases whose plan (its first version) was established in the period."""
    found = groups(scope)
    rows = (
        Plan.objects.filter(
            case__opening_organisation__county=scope.county,
            number=1,
            established_on__range=_period(scope),
        )
        .values_list("case__opening_organisation__principal")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, n in rows:
        tallies[found.of(principal)].counted += n
    return group_values("plans_established", scope, Unit.COUNT, tallies)


def lead_time_to_plan(scope: Scope) -> list[Value]:
    """Plans (first versions) established in the period: the median of calendar days from the
    day the case was opened (the concern raised) to the day the plan was established."""
    found = groups(scope)
    taken = ExpressionWrapper(
        F("established_on") - TruncDate("case__opened_at"), output_field=DurationField()
    )
    rows = (
        Plan.objects.filter(
            case__opening_organisation__county=scope.county,
            number=1,
            established_on__range=_period(scope),
        )
        .annotate(taken=taken)
        .values_list("case__opening_organisation__principal", "taken")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, duration, n in rows:
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.days[max(duration.days, 0)] += n
    return group_values("lead_time_to_plan", scope, Unit.DAYS, tallies)


def sip_followed_up_on_time(scope: Scope) -> list[Value]:
    """Established plan versions whose first follow-up date (the earliest an intervention is to
    be followed up on after the plan was established) fell in the period: the share with a
    follow-up meeting held on or before it. A date not yet come without a meeting is left out,
    and so is a case closed by then without one."""
    key = "sip_followed_up_on_time"
    found, today = groups(scope), timezone.localdate()
    start, end = _period(scope)
    held = Subquery(
        NetworkMeeting.objects.filter(
            case=OuterRef("case"),
            kind=NetworkMeeting.Kind.FOLLOW_UP,
            held_on__gte=OuterRef("established_on"),
        )
        .order_by("held_on")
        .values("held_on")[:1],
        output_field=DateField(),
    )
    # One row per plan due in the period (the follow-up date is an aggregate of its
    # interventions, which a second grouping cannot take in the same query); the first
    # meeting held is looked up only for those.
    rows = (
        Plan.objects.filter(
            case__opening_organisation__county=scope.county,
            established_on__isnull=False,
            established_on__lt=end,
            # Only a plan with a follow-up date in the period can have its first one there.
            pk__in=Intervention.objects.filter(follow_up_on__range=(start, end)).values("plan"),
        )
        .annotate(
            due=Min(
                "interventions__follow_up_on",
                filter=Q(interventions__follow_up_on__gt=F("established_on")),
            )
        )
        .filter(due__range=(start, end))
        .annotate(held=held)
        .values_list("case__opening_organisation__principal", "due", "held", "case__closed_on")
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, due_on, held_on, closed_on in rows:
        tally = tallies[found.of(principal)]
        if held_on is not None and held_on <= due_on:
            tally.counted += 1
            tally.met += 1
        elif held_on is not None or due_on < today and (closed_on is None or closed_on > due_on):
            tally.counted += 1
    return group_values(key, scope, Unit.SHARE, tallies)


def age_groups(rules: schema.IndividualLevel | None) -> list[tuple[int, int | None]]:
    """The age groups the guideline's own ages draw: a new group begins at every age where a
    target group or who gives consent begins or ends (Norrbus: 0–17, 18–20, 21 and over)."""
    if rules is None:
        return []
    bounds = {0}
    ranges = [*rules.target_groups, *(rules.consent.givers if rules.consent else [])]
    for item in ranges:
        if item.min_age is not None:
            bounds.add(item.min_age)
        if item.max_age is not None:
            bounds.add(item.max_age + 1)
    ordered = sorted(bounds)
    closed = [(low, high - 1) for low, high in itertools.pairwise(ordered)]
    return [*closed, (ordered[-1], None)]


def age_label(low: int, high: int | None) -> str:
    if high is None:
        return gettext("%(age)s and over") % {"age": low}
    return f"{low}–{high}"


def cases_by_age_group(scope: Scope) -> list[Value]:
    """Cases opened in the period, by the individual's age the day the case was opened."""
    key = "cases_by_age_group"
    ages = age_groups(individual_level(scope.county))
    if not ages:
        return group_values(key, scope, Unit.COUNT, {})
    found = groups(scope)
    start, end = _period(scope)
    birthday_to_come = Q(opened_month__lt=F("born_month")) | Q(
        opened_month=F("born_month"), opened_day__lt=F("born_day")
    )
    bucket = Choose(
        *(
            When(age__lte=high, then=Literal(age_label(low, high)))
            for low, high in ages
            if high is not None
        ),
        default=Literal(age_label(*ages[-1])),
        output_field=CharField(),
    )
    rows = (
        _cases(scope)
        .annotate(opened=TruncDate("opened_at"))
        .filter(opened__range=(start, end))
        .annotate(
            opened_month=ExtractMonth("opened"),
            opened_day=ExtractDay("opened"),
            born_month=ExtractMonth("individual__birth_date"),
            born_day=ExtractDay("individual__birth_date"),
        )
        .annotate(
            age=ExtractYear("opened")
            - ExtractYear("individual__birth_date")
            - Choose(When(birthday_to_come, then=1), default=0)
        )
        .annotate(bucket=bucket)
        .values_list("opening_organisation__principal", "bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, cell, n in rows:
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.cells[cell] += n
    return group_values(key, scope, Unit.COUNT, tallies, [age_label(*a) for a in ages])


def health_examination_before(scope: Scope) -> list[Value]:
    """Placements that started in the period (up to today): the share whose health examination
    was done by the day the placement started ("inför placering")."""
    key = "placement_health_examination_before"
    rules = individual_level(scope.county)
    if rules is None or rules.placement is None:
        return group_values(key, scope, Unit.SHARE, {})
    found = groups(scope)
    start, end = _period(scope)
    rows = (
        Placement.objects.filter(
            case__opening_organisation__county=scope.county,
            starts_on__range=(start, min(end, timezone.localdate())),
        )
        .values_list(
            "deciding_organisation__principal", "starts_on", "health_examination__examined_on"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, starts, examined, n in rows:
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.met += n if examined is not None and examined <= starts else 0
    return group_values(key, scope, Unit.SHARE, tallies)


def _cost_allocation_on_time(key: str, *, acute: bool):
    """Placements decided in the period, acute or planned: the share whose first cost
    allocation was agreed by the day the rule sets (placements.rules.cost_allocation_due, from
    the county's data). One not agreed counts once that day has passed."""

    def compute(scope: Scope) -> list[Value]:
        rules = individual_level(scope.county)
        if rules is None or rules.placement is None:
            return group_values(key, scope, Unit.SHARE, {})
        found, today = groups(scope), timezone.localdate()
        first_agreed = Subquery(
            CostAllocation.objects.filter(placement=OuterRef("pk"))
            .order_by("agreed_on")
            .values("agreed_on")[:1],
            output_field=DateField(),
        )
        rows = (
            Placement.objects.filter(
                case__opening_organisation__county=scope.county,
                acute=acute,
                decided_on__range=_period(scope),
            )
            .annotate(agreed=first_agreed)
            .values_list("deciding_organisation__principal", "decided_on", "starts_on", "agreed")
            .annotate(n=Count("pk"))
            .order_by()
        )
        tallies: dict[str, Tally] = defaultdict(Tally)
        for principal, decided, starts, agreed, n in rows:
            try:
                due = cost_allocation_due(
                    rules.placement, acute=acute, decided_on=decided, starts_on=starts
                )
            except OutOfRangeError:
                continue
            tally = tallies[found.of(principal)]
            if agreed is not None:
                tally.counted += n
                tally.met += n if agreed <= due else 0
            elif due < today:
                tally.counted += n
        return group_values(key, scope, Unit.SHARE, tallies)

    return compute


def deviations_by_kind(scope: Scope) -> list[Value]:
    """Deviation reports made in the period, by the clause of the routine departed from."""
    found = groups(scope)
    rows = (
        Deviation.objects.filter(county=scope.county, reported_on__range=_period(scope))
        .values_list("party__principal", "section")
        .annotate(n=Count("pk"))
        .order_by("section")
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, section, n in rows:
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.cells[section] += n
    return group_values("deviations_by_kind", scope, Unit.COUNT, tallies)


def deviation_handling_days(scope: Scope) -> list[Value]:
    """Deviation reports closed in the period: the median working days from report to close."""
    found = groups(scope)
    rows = (
        Deviation.objects.filter(county=scope.county, closed_on__range=_period(scope))
        .values_list("party__principal", "reported_on", "closed_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, reported, closed, n in rows:
        taken = _working_days(reported, closed)
        if taken is None:
            continue
        tally = tallies[found.of(principal)]
        tally.counted += n
        tally.days[taken] += n
    return group_values("deviation_handling_days", scope, Unit.DAYS, tallies)


def disputes_by_level(scope: Scope) -> list[Value]:
    """Disputes raised in the period, by where they were resolved (the body of the dispute
    path that resolved them), or still open."""
    found = groups(scope)
    agreement = Agreement.objects.structure_in_force(county=scope.county)
    names = dict(Body.objects.filter(agreement=agreement).values_list("key", "name"))
    rows = (
        Dispute.objects.filter(
            case__opening_organisation__county=scope.county, raised_on__range=_period(scope)
        )
        .values_list("raised_by__principal", "state", "matter__body")
        .annotate(n=Count("pk"))
        .order_by()
    )
    still_open = gettext("Not yet resolved")
    tallies: dict[str, Tally] = defaultdict(Tally)
    for principal, state, body, n in rows:
        tally = tallies[found.of(principal)]
        tally.counted += n
        cell = names.get(body, body) if state == Dispute.State.RESOLVED else still_open
        tally.cells[cell] += n
    # The path climbs from the municipal level to the county: the bodies in that order (the
    # structure orders them from the county down), those that resolved any, then the open.
    seen = {cell for tally in tallies.values() for cell in tally.cells}
    cells = [name for name in reversed(names.values()) if name in seen]
    cells += sorted(seen - {*cells, still_open}) + ([still_open] if still_open in seen else [])
    return group_values("disputes_by_level", scope, Unit.COUNT, tallies, cells)


@dataclass(frozen=True)
class AppliedRule:
    """The rule an indicator holds a county's cases to, in its guideline's words, and where."""

    text: str
    source: schema.Source
    document: schema.Agreement


def _deadline_text(rule: schema.Deadline, *, acute_only: bool = False) -> str:
    parts = []
    if not acute_only and rule.working_days is not None:
        parts.append(
            gettext("%(days)s working days from %(event)s")
            % {"days": rule.working_days, "event": rule.from_event}
        )
    if rule.acute == "as_soon_as_possible":
        parts.append(gettext("acute cases as soon as possible"))
    elif rule.acute_working_days is not None:
        parts.append(
            gettext("%(days)s working days from %(event)s in acute cases")
            % {"days": rule.acute_working_days, "event": rule.from_event}
        )
    if not parts and rule.text:
        parts.append(rule.text)
    return "; ".join(parts)


def applied_rules(county) -> dict[str, AppliedRule]:
    """The county's rule for each indicator that holds cases to one, by indicator key."""
    try:
        rules, document = individual_rules(county)
    except LookupError:
        return {}
    found: dict[str, AppliedRule] = {}
    agreement = document.document
    meeting = rules.network_meeting
    if meeting is not None:
        notice = AppliedRule(_deadline_text(meeting.notice), meeting.notice.source, agreement)
        found["notice_on_time"] = notice
        found["network_meeting_on_time"] = AppliedRule(
            _deadline_text(meeting.meeting), meeting.meeting.source, agreement
        )
        found["acute_network_meeting_days"] = AppliedRule(
            _deadline_text(meeting.meeting, acute_only=True), meeting.meeting.source, agreement
        )
    if rules.placement is not None:
        cost = rules.placement.cost_allocation
        found["placement_cost_allocation_on_time_acute"] = AppliedRule(
            _deadline_text(cost, acute_only=True), cost.source, agreement
        )
        found["placement_cost_allocation_on_time_planned"] = AppliedRule(
            cost.text or _deadline_text(cost), cost.source, agreement
        )
        found["placement_health_examination_before"] = AppliedRule(
            rules.placement.health_examination_by, rules.placement.source, agreement
        )
    if rules.coordinator is not None:
        found["sip_followed_up_on_time"] = AppliedRule(
            "; ".join(rules.coordinator.duties), rules.coordinator.source, agreement
        )
    return found


ARBETSMODELL = f"{NORRBUS}, Arbetsmodell för samverkan"
NATVERKSMOTE = f"{NORRBUS}, Samordnad planering – nätverksmöte"

register(
    Indicator(
        key="notice_on_time",
        title=_("Notices within the working days of consent"),
        definition=_(
            "Cases whose consent was given in the period: the share whose notice to the network "
            "meeting was sent within the working days the county's guideline sets, "
            "counted from the step it names. A case without a notice counts as late once "
            "the deadline has passed, unless it was closed or its consent withdrawn before then; "
            "one whose deadline has not passed is not counted yet. The distribution gives the "
            "working days the notices took."
        ),
        source=ARBETSMODELL,
        unit=Unit.SHARE,
        personal=True,
        compute=_step_on_time("notice_on_time", "notice", "notice_sent_on", acute=None),
    )
)
register(
    Indicator(
        key="network_meeting_on_time",
        title=_("Network meetings within the working days of the decision"),
        definition=_(
            "Cases that are not acute whose decision to call a network meeting was made in the "
            "period: the share whose meeting was held within the working days the county's "
            "guideline sets, counted from the step it names. A case without a "
            "meeting counts as late once the deadline has passed, unless it was closed or its "
            "consent withdrawn before then."
        ),
        source=NATVERKSMOTE,
        unit=Unit.SHARE,
        personal=True,
        compute=_step_on_time("network_meeting_on_time", "meeting", "meeting_on", acute=False),
    )
)
register(
    Indicator(
        key="acute_network_meeting_days",
        title=_("Working days to the network meeting in acute cases"),
        definition=_(
            "Acute cases whose decision to call a network meeting was made in the period and "
            "whose meeting has been held: the median of working days from the step the "
            "guideline counts from to the meeting. Where the guideline asks for the meeting "
            "as soon as possible in acute cases, it sets no number of days to hold them to."
        ),
        source=NATVERKSMOTE,
        unit=Unit.DAYS,
        personal=True,
        compute=acute_meeting_days,
    )
)
register(
    Indicator(
        key="plans_established",
        title=_("Plans established"),
        definition=_(
            "Coordinated individual plans (SIP) whose first version was established in the "
            "period. Revisions of a plan are not counted again."
        ),
        source=f"{NORRBUS}, Samordnad individuell plan (SIP)",
        unit=Unit.COUNT,
        personal=True,
        compute=plans_established,
    )
)
register(
    Indicator(
        key="lead_time_to_plan",
        title=_("Days from concern to established plan"),
        definition=_(
            "Plans whose first version was established in the period: the median of calendar "
            "days from the day the case was opened, when the need was raised, to the day the "
            "plan was established."
        ),
        source=ARBETSMODELL,
        unit=Unit.DAYS,
        personal=True,
        compute=lead_time_to_plan,
    )
)
register(
    Indicator(
        key="sip_followed_up_on_time",
        title=_("SIP followed up on time"),
        definition=_(
            "Established plan versions whose first follow-up date (the earliest day an "
            "intervention of the plan is to be followed up after the plan was established) "
            "fell in the period: the share with a follow-up meeting held on or before that day. "
            "A plan whose day has not come is not counted yet, nor one whose case was closed by "
            "then without a follow-up."
        ),
        source=f"{NORRBUS}, Samordnare",
        unit=Unit.SHARE,
        personal=True,
        compute=sip_followed_up_on_time,
    )
)
register(
    Indicator(
        key="cases_by_age_group",
        title=_("Cases by age group"),
        definition=_(
            "Cases opened in the period, by the individual's age on the day the case was opened. "
            "The age groups begin where the guideline's target groups and its rules on who "
            "consents begin or end."
        ),
        source=f"{NORRBUS}, Målgrupp",
        unit=Unit.COUNT,
        personal=True,
        compute=cases_by_age_group,
    )
)
register(
    Indicator(
        key="placement_health_examination_before",
        title=_("Placements with a health examination before placement"),
        definition=_(
            "Placements outside the home that started in the period, up to today: the share whose "
            "health examination was done on or before the day the placement started."
        ),
        source=f"{NORRBUS}, Hälsoundersökningar",
        unit=Unit.SHARE,
        personal=True,
        compute=health_examination_before,
    )
)
register(
    Indicator(
        key="placement_cost_allocation_on_time_acute",
        title=_("Cost allocation in time for acute placements"),
        definition=_(
            "Acute placements decided in the period: the share whose first cost allocation was "
            "agreed within the working days after the decision that the county's guideline sets. "
            "One not agreed counts as late once that day has passed."
        ),
        source=f"{NORRBUS}, Kostnadsfördelning vid placering utanför hemmet",
        unit=Unit.SHARE,
        personal=True,
        compute=_cost_allocation_on_time("placement_cost_allocation_on_time_acute", acute=True),
    )
)
register(
    Indicator(
        key="placement_cost_allocation_on_time_planned",
        title=_("Cost allocation before planned placements"),
        definition=_(
            "Placements that were not acute, decided in the period: the share whose first cost "
            "allocation was agreed before the placement started, as the guideline asks. One not "
            "agreed counts as late once the placement has started."
        ),
        source=f"{NORRBUS}, Kostnadsfördelning vid placering utanför hemmet",
        unit=Unit.SHARE,
        personal=True,
        compute=_cost_allocation_on_time("placement_cost_allocation_on_time_planned", acute=False),
    )
)
register(
    Indicator(
        key="deviations_by_kind",
        title=_("Deviation reports by clause"),
        definition=_(
            "Deviation reports made in the period, by the clause of the routine the party "
            "departed from, and by the party that departed from it."
        ),
        source=f"{NORRBUS}, Avvikelsehantering",
        unit=Unit.COUNT,
        personal=False,
        compute=deviations_by_kind,
    )
)
register(
    Indicator(
        key="deviation_handling_days",
        title=_("Working days to handle a deviation report"),
        definition=_(
            "Deviation reports closed in the period: the median of working days from the day the "
            "report was made to the day it was closed, by the party that departed from the "
            "routine."
        ),
        source=f"{NORRBUS}, Avvikelsehantering",
        unit=Unit.DAYS,
        personal=False,
        compute=deviation_handling_days,
    )
)
register(
    Indicator(
        key="disputes_by_level",
        title=_("Disputes and where they were resolved"),
        definition=_(
            "Disputes on responsibility or cost raised in the period, by the body of the "
            "dispute path that resolved them (first the municipal level, then the area, then "
            "the county), or not yet resolved."
        ),
        source=f"{NORRBUS}, Oenighet vid tillämpning av riktlinjer",
        unit=Unit.COUNT,
        personal=True,
        compute=disputes_by_level,
    )
)
