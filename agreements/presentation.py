"""An agreement as text that reads like the agreement: levels, bodies, seats, offices, meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import citation, labels, measures
from .schema import (
    Agreement,
    Body,
    DeviationLevel,
    DeviationRecurrence,
    EffectGoal,
    IndividualLevel,
    Source,
)


def _cite(source: Source | None, agreement: Agreement) -> str:
    """'  [section “…”]' for the document's own sections, with the title for another's."""
    if source is None:
        return ""
    return f"  [{citation.cite_other(source, agreement)}]"


def interpretation_lines(source: Source | None, indent: str) -> list[str]:
    """Where the encoding reads something into the words: what it reads, and the words."""
    if source is None or not source.interpretation:
        return []
    return [
        indent + _("Interpretation: %(text)s") % {"text": source.interpretation},
        indent + _("The document's words: “%(quote)s”") % {"quote": source.quote},
    ]


@dataclass
class SeatRow:
    role: str
    count: str
    party: str
    details: list[str]
    exceptions: list[str]
    substitutes: str
    source: Source
    note: str = ""
    advice: bool = False
    # Where the rule for substitutes has a source of its own (and maybe an interpretation).
    substitutes_source: Source | None = None


@dataclass
class OfficeRow:
    role: str
    rule: str
    description: str
    source: Source


@dataclass
class RelationRow:
    text: str
    other: str
    source: Source
    note: str = ""


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
    # The document only recommends the number of meetings ("förslagsvis").
    meetings_advice: bool = False


def describe_body(body: Body, agreement: Agreement) -> BodyDescription:
    seats = []
    for seat in body.seats:
        details = [str(labels.CONSTRAINTS[c]) for c in seat.constraints]
        details += labels.advice_constraints(seat)
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
            substitutes = _("substitutes: %(count)s") % {
                "count": labels.substitutes(seat.substitutes)
            }
        seats.append(
            SeatRow(
                role=seat.role,
                count=labels.seat_count(seat, agreement),
                party=labels.seat_party(seat, agreement),
                details=details,
                exceptions=exceptions,
                substitutes=substitutes,
                source=seat.source,
                note=seat.note or "",
                advice=bool(seat.advice or seat.count.advice),
                substitutes_source=seat.substitutes.source if seat.substitutes else None,
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
                source=office.source,
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
        meetings += [
            t
            for t in (rules.morning_agenda, rules.extra_on_request, rules.minutes_by, rules.note)
            if t
        ]
        for theme in rules.theme_days:
            other = agreement.body(theme.with_body)
            meetings.append(
                _("Theme days with %(body)s: %(n)s per year")
                % {
                    "body": other.name if other else theme.with_body,
                    "n": labels.count(theme.per_year),
                }
            )
        for event in rules.events:
            meetings.append(
                _("%(name)s: %(n)s per year")
                % {"name": event.name, "n": labels.count(event.per_year)}
            )
            meetings += [_("On its agenda: %(item)s") % {"item": item} for item in event.agenda]
            if event.note:
                meetings.append(event.note)
        if rules.programme_by:
            other = agreement.body(rules.programme_by)
            meetings.append(
                _("Programme set by %(body)s")
                % {"body": other.name if other else rules.programme_by}
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
                source=relation.source,
                note=relation.note or "",
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
        meetings_advice=bool(rules and rules.per_year and rules.per_year.advice),
    )


def body_lines(body: Body, agreement: Agreement) -> list[str]:
    described = describe_body(body, agreement)
    lines = [
        f"{body.name} ({described.kind}, {described.instances})" + _cite(body.source, agreement)
    ]
    if body.short_name:
        lines.append("  " + _("Short name: %(name)s") % {"name": body.short_name})
    if body.named_instances:
        lines.append("  " + _("Instances: %(names)s") % {"names": ", ".join(body.named_instances)})
    if not body.part_of_structure:
        lines.append("  " + _("Not part of the fixed structure."))
    lines += [f"  {text}" for text in (body.description, body.note) if text]
    if body.size:
        lines.append("  " + _("Size: %(n)s") % {"n": labels.count(body.size)})
    if body.mandate:
        lines.append("  " + _("Mandate:") + _cite(body.mandate_source, agreement))
        area = None
        for duty in body.mandate:
            # The document's own headings over groups of duties (e.g. "Politisk nivå").
            if duty.area and duty.area != area:
                lines.append(f"    {duty.area}:")
            area = duty.area
            lines.append(f"    - {duty.text}")
    if described.seats:
        lines.append("  " + _("Seats:"))
    for seat in described.seats:
        details = ", ".join(d for d in [seat.party, *seat.details] if d)
        lines.append(
            f"    - {seat.count} × {seat.role}"
            + (f" ({details})" if details else "")
            + _cite(seat.source, agreement)
        )
        lines += [
            f"        {text}" for text in [*seat.exceptions, seat.substitutes, seat.note] if text
        ]
        lines += interpretation_lines(seat.source, "        ")
        if seat.substitutes_source:
            lines += interpretation_lines(seat.substitutes_source, "        ")
    for co_opted, text in zip(body.co_opted, described.co_opted, strict=True):
        lines.append(
            "  " + _("Co-opted: %(role)s") % {"role": text} + _cite(co_opted.source, agreement)
        )
    if described.offices:
        lines.append("  " + _("Offices:"))
    for office in described.offices:
        text = "; ".join(t for t in (office.rule, office.description) if t)
        lines.append(f"    - {office.role}: {text}" + _cite(office.source, agreement))
        lines += interpretation_lines(office.source, "        ")
    if described.meetings:
        lines.append("  " + _("Meetings:") + _cite(body.meetings.source, agreement))
        lines += [f"    - {text}" for text in described.meetings]
        lines += interpretation_lines(body.meetings.source, "      ")
        if described.meetings_advice and body.meetings.source.quote:
            lines.append(
                "      "
                + _("The document's words: “%(quote)s”") % {"quote": body.meetings.source.quote}
            )
    return lines


def relation_rows(agreement: Agreement) -> list[RelationRow]:
    """Every relation between the bodies, in words."""
    rows = []
    for relation in agreement.relations:
        source = agreement.body(relation.source_body)
        target = agreement.body(relation.target_body)
        rows.append(
            RelationRow(
                text=f"{source.name} {labels.RELATIONS[relation.kind]} {target.name}",
                other=target.id,
                source=relation.source,
                note=relation.note or "",
            )
        )
    return rows


def page_items(lines: list[str]) -> list[str]:
    """A part of the text form (matter flow, costs, follow-up, validity) as a page's list items:
    the heading line left out, the text's own bullets and indentation too."""
    return [line.strip().lstrip("-·").strip() for line in lines[1:] if line.strip()]


def _sectors(sectors: list) -> str:
    return ", ".join(str(labels.SECTORS[s]) for s in sectors)


def _deadline_lines(name: str, rule, agreement: Agreement) -> list[str]:
    lines = ["    " + name % {"rule": labels.deadline(rule)} + _cite(rule.source, agreement)]
    if rule.counted_from:
        lines.append(
            "      "
            + _("Counted from: %(step)s") % {"step": labels.DEADLINE_STARTS[rule.counted_from]}
        )
    return lines + interpretation_lines(rule.source, "      ")


def individual_lines(individual: IndividualLevel, agreement: Agreement) -> list[str]:
    """The individual level in the order of a guideline: target group, principles, actors, the
    working model (notice, network meeting, SIP, coordinator, plan owner), placement, deviations
    and attachments."""
    lines = [_("Individual level") + _cite(individual.source, agreement)]
    for group in individual.target_groups:
        lines.append(f"  {group.description}" + _cite(group.source, agreement))
        if group.min_age is not None:
            lines.append("  " + _("From %(n)s years") % {"n": group.min_age})
        if group.max_age is not None:
            lines.append("  " + _("Up to %(n)s years") % {"n": group.max_age})
        lines += interpretation_lines(group.source, "  ")
    if individual.consent:
        lines.append("  " + _("Consent given by:") + _cite(individual.consent.source, agreement))
        for giver in individual.consent.givers:
            who = ", ".join(
                str(d)
                for d in (
                    labels.CONSENT_GIVERS[giver.giver],
                    labels.ages(giver.min_age, giver.max_age),
                    giver.own_view and _("with the individual's own view"),
                )
                if d
            )
            lines.append(f"    - {who}" + _cite(giver.source, agreement))
            lines += interpretation_lines(giver.source, "        ")
    if individual.own_pages:
        pages = individual.own_pages
        lines.append("  " + _("My pages:"))
        for text, limit in (
            (_("the individual from %(n)s years"), pages.individual_from),
            (_("the guardians until %(n)s years"), pages.guardians_until),
        ):
            lines.append(f"    - {text % {'n': limit.age}}" + _cite(limit.source, agreement))
            lines += interpretation_lines(limit.source, "        ")
    if individual.principles:
        lines.append("  " + _("Principles:"))
        lines += [f"    - {text}" for text in individual.principles]
    if individual.actors:
        lines.append("  " + _("Actors:"))
    for actor in individual.actors:
        who = labels.PARTY_KINDS[actor.party_kind] if actor.party_kind else _("both principals")
        details = ", ".join(str(d) for d in (who, actor.ages) if d)
        lines.append(f"    - {actor.name} ({details})" + _cite(actor.source, agreement))
        lines += [f"        · {text}" for text in actor.responsibilities]
        lines += interpretation_lines(actor.source, "        ")
    meeting = individual.network_meeting
    if meeting:
        lines.append("  " + _("Network meeting") + _cite(meeting.source, agreement))
        lines.append("    " + meeting.raised_by)
        lines += _deadline_lines(_("Notice: %(rule)s"), meeting.notice, agreement)
        lines.append(
            "    " + _("The network meeting is called by: %(who)s") % {"who": meeting.decided_by}
        )
        lines.append("    " + _("Participants: %(who)s") % {"who": meeting.participants})
        lines.append("    " + _("Purpose: %(what)s") % {"what": meeting.purpose})
        lines += _deadline_lines(_("Network meeting: %(rule)s"), meeting.meeting, agreement)
        if meeting.priority:
            lines.append(f"    {meeting.priority}")
        lines += interpretation_lines(meeting.source, "    ")
    sip = individual.sip
    if sip:
        lines.append(
            "  "
            + _("Coordinated individual plan (SIP): %(law)s") % {"law": "; ".join(sip.legal_basis)}
            + _cite(sip.source, agreement)
        )
        lines.append("    " + _("The SIP shall state:"))
        lines += [f"      {n}. {point}" for n, point in enumerate(sip.required_points, 1)]
        if sip.plan_contents:
            lines.append("    " + _("The plan shall also make clear:"))
            lines += [f"      - {text}" for text in sip.plan_contents]
        flags = [
            (sip.consent_required, _("consent required")),
            (sip.approval_required, _("approval of the individual or the guardians required")),
            (sip.start_without_delay, _("work on the plan starts without delay")),
            (
                sip.no_further_action_documented,
                _("an actor that sees no need to act documents it"),
            ),
        ]
        stated = [str(text) for on, text in flags if on]
        if stated:
            lines.append("    " + "; ".join(stated))
        lines += [f"    {text}" for text in (sip.relatives_may_take_part, sip.school_role) if text]
        lines += [f"    - {text}" for text in sip.provisions]
        lines += interpretation_lines(sip.source, "    ")
    coordinator = individual.coordinator
    if coordinator:
        lines.append(
            "  "
            + _("Plan coordinator, named by %(who)s:") % {"who": coordinator.named_by}
            + _cite(coordinator.source, agreement)
        )
        lines += [f"    - {duty}" for duty in coordinator.duties]
        if coordinator.preferred_sector:
            sector = labels.SECTORS[coordinator.preferred_sector]
            if coordinator.preferred_when:
                text = _("Preferably from %(sector)s when %(when)s") % {
                    "sector": sector,
                    "when": coordinator.preferred_when,
                }
            else:
                text = _("Preferably from %(sector)s") % {"sector": sector}
            lines.append(f"    {text}")
        if coordinator.family_may_express_views:
            lines.append(
                "    " + _("The child or young person and the parents may say who they want.")
            )
    owner = individual.plan_owner
    if owner:
        lines.append(
            "  "
            + _("Plan owner required when the coordinator is outside: %(s)s")
            % {"s": _sectors(owner.required_when_coordinator_outside)}
            + _cite(owner.source, agreement)
        )
        lines.append("    " + _("Plan owner from: %(s)s") % {"s": _sectors(owner.from_sectors)})
        if owner.reason:
            lines.append(f"    {owner.reason}")
    placement = individual.placement
    if placement:
        lines.append(
            "  "
            + _("Out-of-home placement: %(sector)s coordinates")
            % {"sector": labels.SECTORS[placement.coordination_by]}
            + _cite(placement.source, agreement)
        )
        lines.append(
            "    "
            + _("Pre-placement health examination: %(who)s")
            % {"who": placement.health_examination_by}
        )
        for row in placement.responsibilities:
            lines.append(f"    - {row.setting}")
            lines.append("        " + _("Municipality: %(what)s") % {"what": row.municipality})
            lines.append("        " + _("Region: %(what)s") % {"what": row.region})
        lines += _deadline_lines(
            _("Cost allocation at placement: %(rule)s"), placement.cost_allocation, agreement
        )
        if placement.cost_principle:
            lines.append(f"    {placement.cost_principle}")
        lines += [f"    - {text}" for text in placement.provisions]
    deviations = individual.deviations
    if deviations:
        lines.append(
            "  "
            + _("Deviations: %(rule)s") % {"rule": deviations.reported_by}
            + _cite(deviations.source, agreement)
        )
        lines += [f"    {text}" for text in (deviations.routine, deviations.form) if text]
        for level in deviations.levels:
            lines.append(
                f"    - {level.name}: {deviation_level_text(level)}"
                + _cite(level.source, agreement)
            )
            lines += interpretation_lines(level.source, "        ")
        if deviations.recurrence:
            recurrence = deviations.recurrence
            lines.append(
                "    "
                + recurrence_text(recurrence, agreement)
                + _cite(recurrence.source, agreement)
            )
            lines += interpretation_lines(recurrence.source, "      ")
    if individual.attachments:
        lines.append("  " + _("Attachments:"))
        lines += [f"    {a.number}. {a.title}" for a in individual.attachments]
    return lines


def deviation_level_text(level: DeviationLevel) -> str:
    """Who handles a deviation at one level of the routine, and in how many working days."""
    return _(
        "handled by %(who)s, acknowledged within %(acknowledge)s and closed within %(close)s "
        "working days of its arrival"
    ) % {
        "who": labels.DEVIATION_HANDLERS[level.handled_by],
        "acknowledge": level.acknowledge_working_days,
        "close": level.close_working_days,
    }


def recurrence_text(recurrence: DeviationRecurrence, agreement: Agreement) -> str:
    """When recurring deviations between two parties become a matter, and for which body."""
    return _(
        "%(count)s deviations between the same two parties within %(months)s months become a "
        "matter for %(area_body)s where the parties share an area, otherwise for %(county_body)s"
    ) % {
        "count": recurrence.count,
        "months": recurrence.months,
        "area_body": _body_or_level(agreement, recurrence.area_body),
        "county_body": _body_or_level(agreement, recurrence.county_body),
    }


def _body_or_level(agreement: Agreement, identifier: str | None) -> str:
    if not identifier:
        return ""
    found = agreement.body(identifier) or agreement.level(identifier)
    if found is None:
        party = agreement.party(identifier)
        return party.name if party else identifier
    return found.name


def matter_flow_lines(agreement: Agreement) -> list[str]:
    """How a matter travels: the principle in the document's words, and the disputes' paths."""
    flow = agreement.matter_flow
    if flow is None:
        return []
    lines = [_("Matter flow") + _cite(flow.source, agreement)]
    if flow.principle:
        lines.append(f"  {flow.principle}")
    stated = [
        (flow.decisions_by_principals, _("decisions are taken by the principals, in their line")),
        (flow.via_line, _("matters are raised via each principal's line")),
        (flow.documented, _("matters are documented")),
    ]
    stated_texts = [str(text) for on, text in stated if on]
    if stated_texts:
        lines.append("  " + capfirst("; ".join(stated_texts)) + ".")
    if flow.routines_decided_by:
        lines.append(
            "  "
            + _("Routines for the matter flow are decided by %(body)s.")
            % {"body": _body_or_level(agreement, flow.routines_decided_by)}
        )
    for path in flow.dispute_paths:
        names = [_body_or_level(agreement, step) for step in path.steps]
        lines.append(
            "  "
            + _("Disputes about %(subject)s: %(steps)s")
            % {"subject": path.subject, "steps": " → ".join(names)}
            + _cite(path.source, agreement)
        )
    return lines


def cost_lines(agreement: Agreement) -> list[str]:
    lines = [_("Cost sharing")] if agreement.cost_sharing else []
    for cost in agreement.cost_sharing:
        lines.append(f"  - {cost.subject}" + _cite(cost.source, agreement))
        if cost.full_time_equivalents is not None:
            lines.append(
                "      "
                + _("Full-time equivalents: %(n)s")
                % {"n": number_format(cost.full_time_equivalents)}
            )
        if cost.hosted_by:
            lines.append(
                "      "
                + _("Employed by: %(party)s") % {"party": _body_or_level(agreement, cost.hosted_by)}
            )
        for share in cost.shares:
            who = labels.PARTY_KINDS_PLURAL[share.party_kind] if share.party_kind else share.party
            if share.party:
                who = _body_or_level(agreement, share.party)
            lines.append(f"      {who}: {number_format(share.percent)} %")
        for item in cost.items:
            # A row of the document's cost table: level, resource, extent, amount.
            text = ", ".join(
                part
                for part in (
                    item.resource,
                    f"{number_format(item.extent_percent)} %"
                    if item.extent_percent is not None
                    else "",
                    item.multiplier or "",
                )
                if part
            )
            if item.level:
                text = f"{item.level}: {text}"
            if item.amount_msek is not None:
                text += f" – {number_format(item.amount_msek)} mnkr"
            lines.append(f"      {text}")
        if cost.total_msek is not None:
            lines.append(
                "      " + _("Total: %(total)s mnkr") % {"total": number_format(cost.total_msek)}
            )
        lines += [f"      {text}" for text in (cost.own_costs, cost.note) if text]
    return lines


def follow_up_lines(agreement: Agreement) -> list[str]:
    lines = [_("Follow-up")] if agreement.follow_up else []
    for follow_up in agreement.follow_up:
        due = f" ({follow_up.due.isoformat()})" if follow_up.due else ""
        lines.append(f"  - {follow_up.subject}{due}" + _cite(follow_up.source, agreement))
        for label, identifier in (
            (_("Initiated by: %(who)s"), follow_up.initiated_by),
            (_("Decided by: %(who)s"), follow_up.decided_by),
            (_("Reported at: %(who)s"), follow_up.reported_at),
        ):
            if identifier:
                lines.append("      " + label % {"who": _body_or_level(agreement, identifier)})
        if follow_up.revision_by:
            lines.append("      " + _("Revision: %(text)s") % {"text": follow_up.revision_by})
        if follow_up.yearly:
            lines.append("      " + _("Every year."))
        if follow_up.effect_goals:
            lines.append("      " + _("Effect goals:"))
            for goal in follow_up.effect_goals:
                lines += effect_goal_lines(goal, agreement)
            # Goals often share one source: its interpretation is said once, after them.
            for source in dict.fromkeys(goal.source for goal in follow_up.effect_goals):
                lines += interpretation_lines(source, "      ")
    return lines


def effect_goal_lines(goal: EffectGoal, agreement: Agreement) -> list[str]:
    """The goal, the indicators (by title where the platform names them) and the survey's
    statements that follow it, and the targets the county has set."""
    titles = measures.indicator_titles() or {}
    lines = [f"      · {goal.goal}" + _cite(goal.source, agreement)]
    for key in goal.indicators:
        lines.append("        " + _("Indicator: %(title)s") % {"title": titles.get(key, key)})
    for question in goal.questions:
        lines.append("        " + _("Survey question: %(text)s") % {"text": question.statement})
    for target in goal.targets:
        bound = (
            _("at least %(value)s") % {"value": number_format(target.at_least)}
            if target.at_least is not None
            else _("at most %(value)s") % {"value": number_format(target.at_most)}
        )
        measure = titles.get(target.measure, target.measure)
        lines.append(
            "        "
            + _("Target: %(measure)s %(bound)s") % {"measure": measure, "bound": bound}
            + (f" ({target.by.isoformat()})" if target.by else "")
            + _cite(target.source, agreement)
        )
    return lines


def validity_lines(agreement: Agreement) -> list[str]:
    validity = agreement.validity
    if validity is None:
        return []
    lines = [_("Validity") + _cite(validity.source, agreement)]
    if validity.valid_from:
        lines.append("  " + _("Valid from %(day)s.") % {"day": validity.valid_from.isoformat()})
    if validity.valid_to:
        lines.append("  " + _("Valid to %(day)s.") % {"day": validity.valid_to.isoformat()})
    if validity.until_further_notice:
        lines.append("  " + _("Until further notice."))
    termination = validity.termination
    if termination:
        if termination.notice_months is not None:
            lines.append(
                "  "
                + _("Notice of termination: %(n)s months") % {"n": termination.notice_months}
                + _cite(termination.source, agreement)
            )
        if termination.in_writing_to:
            lines.append(
                "  "
                + _("Terminated in writing to %(body)s.")
                % {"body": _body_or_level(agreement, termination.in_writing_to)}
            )
        if termination.from_event:
            lines.append(
                "  " + _("The notice period runs %(event)s.") % {"event": termination.from_event}
            )
    return lines


def party_lines(agreement: Agreement) -> list[str]:
    lines = [_("Parties")]
    for party in agreement.parties:
        code = f" ({party.scb_code})" if party.scb_code else ""
        lines.append(
            f"  - {party.name}{code}, {labels.PARTY_KINDS[party.kind]}"
            + _cite(party.source, agreement)
        )
        lines += [f"      {unit.name}" + _cite(unit.source, agreement) for unit in party.units]
    if agreement.municipal_units:
        lines.append("  " + _("Units in every municipality:"))
        lines += [
            f"      {unit.name}" + _cite(unit.source, agreement)
            for unit in agreement.municipal_units
        ]
    codes = agreement.county.codes_source
    if codes:
        lines.append(
            "  "
            + _("County and municipality codes: %(source)s")
            % {"source": citation.cite(codes, agreement)}
        )
    return lines


def render_text(agreement: Agreement, *, in_force: bool) -> str:
    doc = agreement.document
    status = _("in force") if in_force else _("superseded")
    lines = [
        doc.title,
        f"{labels.DOCUMENT_KINDS[doc.kind]}, "
        + _("version %(v)s") % {"v": doc.version}
        + f" ({status})",
        f"{agreement.county.name}",
    ]
    if doc.label:
        lines.append(doc.label)
    if doc.adopted:
        lines.append(_("Adopted: %(day)s") % {"day": doc.adopted.isoformat()})
    if doc.signatories:
        lines.append(_("Signed by: %(names)s") % {"names": "; ".join(doc.signatories)})
    lines += [_("Revised: %(what)s") % {"what": text} for text in doc.revised]
    if doc.note:
        lines.append(doc.note)
    lines.append("")
    for heading, texts in (
        (_("Purpose"), agreement.purpose),
        (_("Goals"), agreement.goals),
        (_("Principles"), agreement.principles),
    ):
        if texts:
            lines.append(heading)
            lines += [f"  - {text}" for text in texts]
            lines.append("")
    if agreement.focus_areas:
        lines.append(_("Focus areas: %(areas)s") % {"areas": ", ".join(agreement.focus_areas)})
        lines.append("")
    lines += party_lines(agreement)
    lines.append("")
    if agreement.levels:
        levels = sorted(agreement.levels, key=lambda lv: lv.rank)
        lines.append(_("Levels: %(names)s") % {"names": ", ".join(lv.name for lv in levels)})
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
            # An area another document names cites that document.
            lines.append(f"  - {area.name}: {', '.join(names)}" + _cite(area.source, agreement))
            if area.note:
                lines.append(f"      {area.note}")
        lines.append("")
    if agreement.relations:
        lines.append(_("Relations"))
        for relation in agreement.relations:
            source = agreement.body(relation.source_body)
            target = agreement.body(relation.target_body)
            source_name = source.name if source else relation.source_body
            target_name = target.name if target else relation.target_body
            lines.append(
                f"  - {source_name} {labels.RELATIONS[relation.kind]} {target_name}"
                + _cite(relation.source, agreement)
            )
            if relation.note:
                lines.append(f"      {relation.note}")
        lines.append("")
    for part in (
        matter_flow_lines(agreement),
        individual_lines(agreement.individual, agreement) if agreement.individual else [],
        cost_lines(agreement),
        follow_up_lines(agreement),
        validity_lines(agreement),
    ):
        if part:
            lines += [*part, ""]
    return "\n".join(lines).rstrip() + "\n"
