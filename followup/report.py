"""The annual report of a county's collaboration for one year: the indicators, the effect goals
with what follows them, the meetings held, the matters and the principals' decisions, the
deviations and disputes, and the compliance check through the year; with charts whose data are
downloadable, as a page and as a PDF.

Everything here is an aggregate: the individual level's figures come through the indicator
engine (`indicators.compute`), which hides any figure about fewer individuals than the county's
small-number threshold. The report proposes itself as the basis for the follow-up the agreement
names (the body that receives it, from the data).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import schema
from agreements.models import County
from matters.models import Decision, Matter
from meetings.models import Meeting
from structure.actions import agreement_in_force

from . import charts, survey
from .indicators import Indicator, Unit, Value, compute, indicators
from .indicators.base import threshold
from .survey_models import SurveyRound

# The compliance check's history is read at the end of each quarter of the year.
QUARTERS = (1, 2, 3, 4)
HISTORY_KEYS = ("compliance_errors", "vacant_seats")


@dataclass(frozen=True)
class Figure:
    """An indicator's county-wide value for the year, with the words it is shown in."""

    indicator: Indicator
    value: Value | None
    text: str

    @property
    def has_value(self) -> bool:
        return self.value is not None and self.value.value is not None


def shown(value: Value | None, unit: str, minimum: int) -> str:
    """The value as the report writes it: no data is said, never 0; a hidden figure is said as
    under the threshold, never as a number."""
    if value is None or (value.value is None and not value.suppressed):
        return _("No data")
    if value.suppressed:
        return _("fewer than %(n)s") % {"n": minimum}
    amount = number_format(value.value, decimal_pos=1 if unit != Unit.COUNT else 0)
    if unit == Unit.SHARE:
        text = _("%(value)s %%") % {"value": amount}
    elif unit == Unit.DAYS:
        text = ngettext("%(value)s day", "%(value)s days", int(value.value)) % {"value": amount}
    else:
        text = amount
    if value.numerator is not None and value.denominator:
        text += " " + _("(%(n)s of %(d)s)") % {"n": value.numerator, "d": value.denominator}
    return text


@dataclass(frozen=True)
class GoalFigures:
    goal: schema.EffectGoal
    figures: list[Figure]
    questions: list[survey.QuestionResult]


@dataclass(frozen=True)
class BodyMeetings:
    name: str
    held: int
    cancelled: int
    other: int


@dataclass(frozen=True)
class MatterFigures:
    raised: int
    closed: int
    recommended: int
    decisions: dict[str, int]


@dataclass
class AnnualReport:
    county: County
    year: int
    agreement: schema.Agreement | None
    threshold: int
    figures: list[Figure] = field(default_factory=list)
    goals: list[GoalFigures] = field(default_factory=list)
    survey: survey.Results | None = None
    meetings: list[BodyMeetings] = field(default_factory=list)
    matters: MatterFigures | None = None
    history: list[tuple[str, list[Figure]]] = field(default_factory=list)
    charts: list[charts.Chart] = field(default_factory=list)

    @property
    def basis(self) -> tuple[str, schema.FollowUp] | None:
        """The body the agreement's follow-up is reported at (or initiated by), with the
        follow-up that names it: where the platform proposes the report to go."""
        if self.agreement is None:
            return None
        for follow_up in self.agreement.follow_up:
            for key in (follow_up.reported_at, follow_up.initiated_by):
                body = self.agreement.body(key) if key else None
                if body is not None:
                    return body.name, follow_up
        return None

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.indicator.key == key), None)

    def chart(self, key: str) -> charts.Chart | None:
        return next((c for c in self.charts if c.key == key), None)


def annual_report(county: County, year: int) -> AnnualReport:
    """The report for the county's year; a county without an agreement in force gets one
    that says so, never an error."""
    try:
        agreement = agreement_in_force(county.pk)
    except ValidationError:
        agreement = None
    report = AnnualReport(county, year, agreement, threshold(county))
    values = {v.indicator: v for v in compute(county, str(year)) if v.group == ""}
    report.figures = [
        Figure(item, values.get(item.key), shown(values.get(item.key), item.unit, report.threshold))
        for item in indicators()
    ]
    found = SurveyRound.objects.filter(county=county, year=year).first()
    report.survey = survey.results(found) if found else None
    report.goals = _goals(report)
    report.meetings = _meetings(county, year, agreement)
    report.matters = _matters(county, year)
    report.history = _history(report)
    report.charts = _charts(report)
    return report


def _goals(report: AnnualReport) -> list[GoalFigures]:
    if report.agreement is None:
        return []
    return [
        GoalFigures(
            goal=goal,
            figures=[f for key in goal.indicators if (f := report.figure(key)) is not None],
            questions=report.survey.of_goal(goal.id) if report.survey else [],
        )
        for follow_up in report.agreement.follow_up
        for goal in follow_up.effect_goals
    ]


def _year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _meetings(county: County, year: int, agreement) -> list[BodyMeetings]:
    first, last = _year_span(year)
    rows = (
        Meeting.objects.filter(county=county, starts_at__date__range=(first, last))
        .values("body")
        .annotate(
            held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
            cancelled=Count("pk", filter=Q(status=Meeting.Status.CANCELLED)),
            total=Count("pk"),
        )
        .order_by("body")
    )
    names = {body.id: body.name for body in agreement.bodies} if agreement else {}
    return [
        BodyMeetings(
            name=names.get(row["body"], row["body"]),
            held=row["held"],
            cancelled=row["cancelled"],
            other=row["total"] - row["held"] - row["cancelled"],
        )
        for row in rows
    ]


def _matters(county: County, year: int) -> MatterFigures:
    first, last = _year_span(year)
    counts = Matter.objects.filter(county=county).aggregate(
        raised=Count("pk", filter=Q(raised_on__range=(first, last))),
        recommended=Count("pk", filter=Q(recommended_on__range=(first, last))),
        closed=Count("pk", filter=Q(state=Matter.State.CLOSED, raised_on__range=(first, last))),
    )
    decisions = dict(
        Decision.objects.filter(matter__county=county, decided_on__range=(first, last))
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(Decision.Outcome.choices)
    return MatterFigures(
        raised=counts["raised"],
        closed=counts["closed"],
        recommended=counts["recommended"],
        decisions={str(labels.get(k, k)): n for k, n in sorted(decisions.items())},
    )


def _history(report: AnnualReport) -> list[tuple[str, list[Figure]]]:
    """The compliance check's errors and the vacant seats at each quarter's end."""
    chosen = [item for item in indicators() if item.key in HISTORY_KEYS]
    rows = []
    for quarter in QUARTERS:
        key = f"{report.year}Q{quarter}"
        values = {
            v.indicator: v
            for v in compute(report.county, key, keys=[i.key for i in chosen])
            if v.group == ""
        }
        rows.append(
            (
                key,
                [
                    Figure(i, values.get(i.key), shown(values.get(i.key), i.unit, report.threshold))
                    for i in chosen
                ],
            )
        )
    return rows


def _charts(report: AnnualReport) -> list[charts.Chart]:
    made = []
    shares = [f for f in report.figures if f.indicator.unit == Unit.SHARE and f.has_value]
    if shares:
        made.append(
            charts.Chart(
                key="andelar",
                title=_("Shares in time, %(year)s") % {"year": report.year},
                kind=charts.HORIZONTAL,
                columns=[_("Indicator"), _("Share (%)")],
                rows=[(str(f.indicator.title), [f.value.value]) for f in shares],
                maximum=Decimal(100),
            )
        )
    if report.meetings:
        made.append(
            charts.Chart(
                key="moten",
                title=_("Meetings per body, %(year)s") % {"year": report.year},
                kind=charts.STACKED,
                columns=[_("Body"), _("Held"), _("Cancelled"), _("Planned, not held")],
                rows=[(m.name, [m.held, m.cancelled, m.other]) for m in report.meetings],
            )
        )
    history_rows = [
        (period, [f.value.value for f in figures])
        for period, figures in report.history
        if all(f.has_value for f in figures)
    ]
    if history_rows:
        made.append(
            charts.Chart(
                key="efterlevnad",
                title=_("Compliance through the year, %(year)s") % {"year": report.year},
                kind=charts.BARS,
                columns=[_("Quarter")] + [str(f.indicator.title) for f in report.history[0][1]],
                rows=history_rows,
            )
        )
    if report.survey and not report.survey.suppressed and report.survey.questions:
        made.append(
            charts.Chart(
                key="enkat",
                title=_("Survey of the members, %(year)s: mean per statement")
                % {"year": report.year},
                kind=charts.HORIZONTAL,
                columns=[_("Statement"), _("Mean (1–5)")],
                rows=[(q.text, [q.mean]) for q in report.survey.questions],
                maximum=Decimal(5),
            )
        )
    deviations = report.figure("deviations_by_kind")
    if deviations and deviations.has_value and deviations.value.distribution:
        made.append(
            charts.Chart(
                key="avvikelser",
                title=_("Deviations by kind, %(year)s") % {"year": report.year},
                kind=charts.HORIZONTAL,
                columns=[_("Kind"), _("Deviations")],
                rows=[(kind, [n]) for kind, n in deviations.value.distribution.items()],
            )
        )
    return made
