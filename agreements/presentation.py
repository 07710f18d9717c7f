"""An agreement as text that reads like the agreement: levels, bodies, seats, offices, meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import labels
from .schema import Agreement, Body


def _cite(section: str) -> str:
    return f"  [{section}]"


@dataclass
class SeatRow:
    role: str
    count: str
    party: str
    details: list[str]
    exceptions: list[str]
    substitutes: str
    source: str


@dataclass
class OfficeRow:
    role: str
    rule: str
    description: str
    source: str


@dataclass
class RelationRow:
    text: str
    other: str
    source: str


@dataclass
class BodyDescription:
    """A body as the pages and the text form show it: every rule already put into words."""

    body: Body
    kind: str
    instances: str
    seats: list[SeatRow]
    co_opted: list[str]
    offices: list[OfficeRow]
    meetings: list[str]
    relations: list[RelationRow] = field(default_factory=list)


def describe_body(body: Body, agreement: Agreement) -> BodyDescription:
    seats = []
    for seat in body.seats:
        details = [str(labels.CONSTRAINTS[c]) for c in seat.constraints]
        if seat.ex_officio:
            details.append(seat.ex_officio)
        exceptions = []
        for exception in seat.exceptions:
            party = agreement.party(exception.party)
            text = _("%(party)s: %(count)s") % {
                "party": party.name if party else exception.party,
                "count": labels.count(exception.count),
            }
            if exception.substitutes:
                text += ", " + _("substitutes: %(count)s") % {
                    "count": labels.count(exception.substitutes)
                }
            exceptions.append(text)
        substitutes = ""
        if seat.substitutes:
            sub = seat.substitutes
            substitutes = _("substitutes: %(count)s") % {"count": labels.count(sub.count)}
            if sub.from_roles:
                substitutes += f" ({sub.from_roles})"
            if sub.same_area:
                substitutes += ", " + _("from the same area")
            if sub.when:
                substitutes += f"; {sub.when}"
        seats.append(
            SeatRow(
                role=seat.role,
                count=labels.seat_count(seat, agreement),
                party=labels.seat_party(seat, agreement),
                details=details,
                exceptions=exceptions,
                substitutes=substitutes,
                source=seat.source.section,
            )
        )
    co_opted = [c.role + (f" ({c.when})" if c.when else "") for c in body.co_opted]
    offices = []
    for office in body.offices:
        parts = [labels.rotation(office.rotation, agreement), labels.term(office.term)]
        offices.append(
            OfficeRow(
                role=str(labels.OFFICES[office.role]),
                rule="; ".join(p for p in parts if p),
                description=office.description or "",
                source=office.source.section,
            )
        )
    meetings: list[str] = []
    rules = body.meetings
    if rules:
        if rules.per_year:
            meetings.append(_("Meetings per year: %(n)s") % {"n": labels.count(rules.per_year)})
        if rules.decided_by:
            meetings.append(_("Number of meetings decided by: %(who)s") % {"who": rules.decided_by})
        if rules.hours:
            meetings.append(
                _("Hours: %(start)s–%(end)s")
                % {
                    "start": rules.hours.start.strftime("%H.%M"),
                    "end": rules.hours.end.strftime("%H.%M"),
                }
            )
        meetings += [t for t in (rules.morning_agenda, rules.extra_on_request, rules.note) if t]
        for theme in rules.theme_days:
            other = agreement.body(theme.with_body)
            meetings.append(
                _("Theme days with %(body)s: %(n)s per year")
                % {
                    "body": other.name if other else theme.with_body,
                    "n": labels.count(theme.per_year),
                }
            )
        if rules.prepared_by:
            prep = rules.prepared_by
            other = agreement.body(prep.body)
            text = _("Prepared by %(body)s") % {"body": other.name if other else prep.body}
            if prep.lead_days is not None:
                unit = _("working days") if prep.lead_days_are_working_days else _("days")
                text += ", " + _("at least %(n)s %(unit)s before") % {
                    "n": prep.lead_days,
                    "unit": unit,
                }
            meetings.append(text)
    relations = []
    for relation in agreement.relations:
        if body.id not in (relation.source_body, relation.target_body):
            continue
        source = agreement.body(relation.source_body)
        target = agreement.body(relation.target_body)
        relations.append(
            RelationRow(
                text=f"{source.name} {labels.RELATIONS[relation.kind]} {target.name}",
                other=target.id if relation.source_body == body.id else source.id,
                source=relation.source.section,
            )
        )
    return BodyDescription(
        body=body,
        kind=str(labels.BODY_KINDS[body.kind]),
        instances=str(labels.INSTANCES[body.instances]),
        seats=seats,
        co_opted=co_opted,
        offices=offices,
        meetings=meetings,
        relations=relations,
    )


def body_lines(body: Body, agreement: Agreement) -> list[str]:
    described = describe_body(body, agreement)
    lines = [f"{body.name} ({described.kind}, {described.instances})" + _cite(body.source.section)]
    if body.description:
        lines.append(f"  {body.description}")
    if body.mandate:
        lines.append("  " + _("Mandate:"))
        lines += [f"    - {duty.text}" for duty in body.mandate]
    if described.seats:
        lines.append("  " + _("Seats:"))
    for seat in described.seats:
        details = ", ".join(d for d in [seat.party, *seat.details] if d)
        lines.append(
            f"    - {seat.count} × {seat.role}"
            + (f" ({details})" if details else "")
            + _cite(seat.source)
        )
        lines += [f"        {text}" for text in [*seat.exceptions, seat.substitutes] if text]
    lines += ["  " + _("Co-opted: %(role)s") % {"role": text} for text in described.co_opted]
    if described.offices:
        lines.append("  " + _("Offices:"))
    for office in described.offices:
        lines.append(
            f"    - {office.role}: {office.rule or office.description}" + _cite(office.source)
        )
    if described.meetings:
        lines.append("  " + _("Meetings:"))
        lines += [f"    - {text}" for text in described.meetings]
    return lines


def render_text(agreement: Agreement, *, in_force: bool) -> str:
    doc = agreement.document
    status = _("in force") if in_force else _("superseded")
    lines = [
        doc.title,
        f"{labels.DOCUMENT_KINDS[doc.kind]}, "
        + _("version %(v)s") % {"v": doc.version}
        + f" ({status}); "
        + _("seed: %(seed)s") % {"seed": doc.seed},
        f"{agreement.county.name}",
        "",
    ]
    if agreement.focus_areas:
        lines.append(_("Focus areas: %(areas)s") % {"areas": ", ".join(agreement.focus_areas)})
        lines.append("")
    lines.append(_("Parties"))
    for party in agreement.parties:
        code = f" ({party.scb_code})" if party.scb_code else ""
        lines.append(f"  - {party.name}{code}, {labels.PARTY_KINDS[party.kind]}")
    lines.append("")
    for level in sorted(agreement.levels, key=lambda lv: lv.rank):
        bodies = [b for b in agreement.bodies if b.level == level.id]
        if not bodies:
            continue
        lines.append(level.name.upper())
        for body in bodies:
            lines += ["  " + line for line in body_lines(body, agreement)]
            lines.append("")
    if agreement.areas:
        lines.append(_("Areas"))
        for area in agreement.areas:
            names = [agreement.party(m).name for m in area.municipalities if agreement.party(m)]
            lines.append(f"  - {area.name}: {', '.join(names)}" + _cite(area.source.section))
        lines.append("")
    if agreement.relations:
        lines.append(_("Relations"))
        for relation in agreement.relations:
            source = agreement.body(relation.source_body)
            target = agreement.body(relation.target_body)
            source_name = source.name if source else relation.source_body
            target_name = target.name if target else relation.target_body
            lines.append(f"  - {source_name} {labels.RELATIONS[relation.kind]} {target_name}")
        lines.append("")
    individual = agreement.individual
    if individual:
        lines.append(_("Individual level"))
        if individual.target_group:
            lines.append(f"  {individual.target_group.description}")
        if individual.network_meeting:
            meeting = individual.network_meeting
            lines.append("  " + _("Notice: %(rule)s") % {"rule": labels.deadline(meeting.notice)})
            lines.append(
                "  " + _("Network meeting: %(rule)s") % {"rule": labels.deadline(meeting.meeting)}
            )
        if individual.sip:
            lines.append("  " + _("The SIP shall state:"))
            lines += [
                f"    {n}. {point}" for n, point in enumerate(individual.sip.required_points, 1)
            ]
        if individual.plan_owner:
            lines.append(
                "  "
                + _("Plan owner required when the coordinator is outside: %(s)s")
                % {
                    "s": ", ".join(
                        str(labels.SECTORS[s])
                        for s in individual.plan_owner.required_when_coordinator_outside
                    )
                }
            )
        if individual.network_meeting:
            lines.append(
                "  "
                + _("The network meeting is called by: %(who)s")
                % {"who": individual.network_meeting.decided_by}
            )
        if individual.coordinator:
            coordinator = individual.coordinator
            lines.append(
                "  "
                + _("Plan coordinator, named by %(who)s:") % {"who": coordinator.named_by.lower()}
            )
            lines += [f"    - {duty}" for duty in coordinator.duties]
        if individual.placement:
            placement = individual.placement
            lines.append(
                "  "
                + _("Out-of-home placement: %(sector)s coordinates")
                % {"sector": labels.SECTORS[placement.coordination_by]}
            )
            lines.append(
                "  "
                + _("Cost allocation at placement: %(rule)s")
                % {"rule": labels.deadline(placement.cost_allocation)}
            )
        if individual.deviations:
            lines.append(
                "  " + _("Deviations: %(rule)s") % {"rule": individual.deviations.reported_by}
            )
        if individual.attachments:
            lines.append("  " + _("Attachments:"))
            lines += [f"    {a.number}. {a.title}" for a in individual.attachments]
        lines.append("")
    if agreement.matter_flow and agreement.matter_flow.dispute_paths:
        lines.append(_("Disputes"))
        for path in agreement.matter_flow.dispute_paths:
            names = [(agreement.body(s) or agreement.level(s)).name for s in path.steps]
            lines.append(f"  - {path.subject}: {' → '.join(names)}")
        lines.append("")
    if agreement.cost_sharing:
        lines.append(_("Cost sharing"))
        for cost in agreement.cost_sharing:
            lines.append(f"  - {cost.subject}")
            for share in cost.shares:
                who = (
                    labels.PARTY_KINDS_PLURAL[share.party_kind] if share.party_kind else share.party
                )
                lines.append(f"      {who}: {share.percent} %")
            for item in cost.items:
                amount = f"{item.amount_msek} mnkr" if item.amount_msek is not None else ""
                lines.append(f"      {item.level or ''} {item.resource} {amount}".rstrip())
            if cost.total_msek is not None:
                lines.append("      " + _("Total: %(total)s mnkr") % {"total": cost.total_msek})
        lines.append("")
    if agreement.follow_up:
        lines.append(_("Follow-up"))
        for follow_up in agreement.follow_up:
            due = f" ({follow_up.due.isoformat()})" if follow_up.due else ""
            lines.append(f"  - {follow_up.subject}{due}")
            lines += [f"      · {goal}" for goal in follow_up.effect_goals]
        lines.append("")
    if agreement.validity:
        validity = agreement.validity
        lines.append(_("Validity"))
        if validity.until_further_notice:
            lines.append("  " + _("Until further notice."))
        if validity.termination and validity.termination.notice_months is not None:
            lines.append(
                "  "
                + _("Notice of termination: %(n)s months")
                % {"n": validity.termination.notice_months}
            )
    return "\n".join(lines).rstrip() + "\n"
