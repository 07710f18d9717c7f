"""A body's mandate and staffing revised at least every so many months by the body that gives
the mandate (agreements.schema.MandateRevision; Västerbotten 6.2: "Beredningarnas uppdrag och
bemanning skall revideras vid behov och minst vartannat år", the mandate given by the
Länssamverkansgrupp). The revision is an agenda item of the revising body: its yearly plan
proposes one when a revision falls due in the year, and the compliance rule finds a revision
overdue. What counts as done is a held meeting of the revising body with the item."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator, Mapping

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements import schema
from structure.compliance import ERROR, OK, WARNING, Context, Finding, rule

from .compliance import meeting_year
from .models import AgendaItem, Meeting
from .registry import ProposedItem
from .titles import title_code

CODE = "mandate_revision"
# A revision due within this many days is a warning.
SOON = datetime.timedelta(days=60)


@title_code(CODE)
def _title(params: Mapping) -> str:
    # The body's name as the agreement writes it.
    return _("Revision of the mandate and staffing of %(body)s") % {"body": params["name"]}


def revised_by(agreement: schema.Agreement, body_id: str) -> list[schema.Body]:
    """The bodies whose mandate the body revises, in the agreement's order."""
    return [
        body
        for body in agreement.bodies
        if body.revised_every is not None and body.revised_every.revised_by == body_id
    ]


def last_revisions(county_id: int, before: datetime.date | None = None) -> dict[str, datetime.date]:
    """The day of each body's last revision held in the county (before `before` if given),
    by the revised body's id: one query."""
    rows = AgendaItem.objects.filter(
        title_code=CODE, meeting__county_id=county_id, meeting__status=Meeting.Status.HELD
    ).values_list("title_params", "meeting__starts_at")
    last: dict[str, datetime.date] = {}
    for params, starts_at in rows:
        body = params.get("body") if isinstance(params, dict) else None
        day = timezone.localdate(starts_at)
        if not isinstance(body, str) or (before is not None and day >= before):
            continue
        if body not in last or day > last[body]:
            last[body] = day
    return last


def due_on(last: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month = last.month - 1 + months
    year, month = last.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(last.day, calendar.monthrange(year, month)[1]))


def item_for(body: schema.Body, kind: str) -> ProposedItem:
    """The proposed agenda item revising the body's mandate and staffing."""
    return ProposedItem.coded(CODE, {"body": body.id, "name": body.name}, kind, f"{CODE}:{body.id}")


def plan_revisions(
    revised: list[schema.Body],
    last: dict[str, datetime.date],
    year: int,
    own: list,
    kind: str,
) -> list[tuple[schema.Body, object]]:
    """For each revised body whose revision falls due by the end of `year` (or that has none
    held), the meeting of `own` (the revising body's meetings of the year, in order) that takes
    it: the last one on or before the due day, else the year's first. Returns (body, meeting)
    pairs and puts the item on the meeting's agenda."""
    placed = []
    if not own:
        return placed
    for body in revised:
        held = last.get(body.id)
        due = due_on(held, body.revised_every.every_months) if held else None
        if due is not None and due.year > year:
            continue
        before = [m for m in own if due is None or m.day <= due]
        meeting = before[-1] if due is not None and before else own[0]
        meeting.agenda.append(item_for(body, kind))
        placed.append((body, meeting))
    return placed


@rule("mandate-revision", gettext_lazy("Mandates revised in time"))
def mandate_revision(context: Context) -> Iterator[Finding]:
    """Each body with a revision rule naming the revising body has its mandate and staffing
    revised at a held meeting of that body at least every `every_months` months."""
    bodies = [b for b in context.agreement.bodies if b.revised_every and b.revised_every.revised_by]
    if not bodies:
        return
    key = ("meetings.revision", context.agreement_row.county_id, context.on)
    if key not in context.shared:
        context.shared[key] = last_revisions(
            context.agreement_row.county_id, before=context.on + datetime.timedelta(days=1)
        )
    last = context.shared[key]
    # As the other meeting rules: a county that keeps neither its revisions nor its meetings of
    # the year here is not judged on what it would have recorded at them.
    if not last and not meeting_year(context).kept:
        return
    for body in bodies:
        revision = body.revised_every
        by = context.agreement.body(revision.revised_by)
        values = {"body": body.name, "by": by.name if by else revision.revised_by}
        held = last.get(body.id)
        if held is None:
            severity = WARNING
            message = _(
                "No revision of the mandate and staffing of %(body)s is recorded: put it on an "
                "agenda of %(by)s and hold it."
            )
        else:
            due = due_on(held, revision.every_months)
            values.update(held=held.isoformat(), due=due.isoformat())
            if due < context.on:
                severity = ERROR
                message = _(
                    "The mandate and staffing of %(body)s were last revised on %(held)s and "
                    "were due for revision by %(by)s on %(due)s."
                )
            elif due <= context.on + SOON:
                severity = WARNING
                message = _(
                    "The mandate and staffing of %(body)s were last revised on %(held)s and are "
                    "due for revision by %(by)s on %(due)s."
                )
            else:
                severity = OK
                message = _(
                    "The mandate and staffing of %(body)s were revised on %(held)s; next by "
                    "%(due)s."
                )
        yield context.finding(
            severity, "mandate-revision", revision, message % values, body=body.id
        )
