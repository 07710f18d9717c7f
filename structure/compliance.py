"""The compliance engine: where the live structure breaks the agreement in force, clause by clause.

`evaluate(county, on=date)` reads the agreement in force and the appointments and office terms of
that day, runs every registered rule and returns its findings. A rule is a function of a
`Context` that yields `Finding`s, registered with `@rule(...)`; later rules (meeting cadence,
document revision) plug in the same way. Each finding names the clause it comes from (seed and
section) and says in a sentence a chair understands what is wrong, or what holds.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agreements import labels, schema
from agreements.models import Agreement

from . import rotation
from .models import Appointment, OfficeTerm, Organisation

ERROR, WARNING, OK = "error", "warning", "ok"


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    seed: str
    section: str
    message: str
    body: str = ""
    instance: str = ""
    seat: str = ""


@dataclass
class Context:
    """What a rule reads: the agreement in force and the live state on one day."""

    agreement_row: Agreement
    on: datetime.date
    appointments: list[Appointment]
    organisations: dict[int, Organisation]
    office_terms: list[OfficeTerm] = field(default_factory=list)
    # Start days of appointments that begin after the day, per (body, instance, seat).
    successors: dict[tuple[str, str, str], list[datetime.date]] = field(default_factory=dict)

    @property
    def agreement(self) -> schema.Agreement:
        return self.agreement_row.document

    @cached_property
    def by_seat(self) -> dict[tuple[str, str, str, str], list[Appointment]]:
        """Appointments by (body, instance, seat, role)."""
        grouped = defaultdict(list)
        for appointment in self.appointments:
            key = (appointment.body, appointment.instance, appointment.seat, appointment.role)
            grouped[key].append(appointment)
        return grouped

    def members(self, body: str, instance: str, seat: str) -> list[Appointment]:
        return self.by_seat.get((body, instance, seat, Appointment.Role.MEMBER), [])

    def substitutes(self, body: str, instance: str, seat: str) -> list[Appointment]:
        return self.by_seat.get((body, instance, seat, Appointment.Role.SUBSTITUTE), [])

    def principal(self, appointment: Appointment) -> str:
        return self.organisations[appointment.organisation_id].principal

    def area_of(self, appointment: Appointment) -> schema.Area | None:
        return self.agreement.area_of(self.principal(appointment))

    def instances(self, body: schema.Body) -> list[tuple[str, str]]:
        return self.agreement.instances_of(body)

    def finding(self, severity, rule_id, element, message, **where) -> Finding:
        source = element.source
        return Finding(
            severity=severity,
            rule=rule_id,
            seed=source.seed or self.agreement.document.seed,
            section=source.section,
            message=message,
            **where,
        )


Rule = Callable[[Context], Iterable[Finding]]
RULES: dict[str, Rule] = {}
RULE_NAMES = {
    "seat-count": gettext_lazy("Number of members"),
    "seat-party": gettext_lazy("Party of each seat"),
    "geographic-spread": gettext_lazy("Geographic spread"),
    "substitutes": gettext_lazy("Substitutes"),
    "one-per-municipality": gettext_lazy("One per municipality"),
    "office-filled": gettext_lazy("Offices held"),
    "office-rotation": gettext_lazy("Rotation of offices"),
    "overlapping-terms": gettext_lazy("Overlapping terms"),
    "working-committee": gettext_lazy("Working committee from its body"),
    "term-ending": gettext_lazy("Terms about to end"),
    "seat-unit": gettext_lazy("Unit of each seat"),
}
# How far ahead an ending appointment without a successor is worth a warning.
ENDING_WITHIN_DAYS = 60


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        RULES[rule_id] = function
        return function

    return register


@dataclass
class Report:
    county: str
    on: datetime.date
    findings: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != OK]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def filtered(self, *, body: str = "", rule: str = "", severity: str = "") -> list[Finding]:
        return [
            f
            for f in self.findings
            if (not body or f.body == body)
            and (not rule or f.rule == rule)
            and (not severity or f.severity == severity)
        ]


def evaluate(county: str, on: datetime.date | None = None) -> Report:
    """Every rule's findings for the county's structure agreement in force on the day."""
    on = on or timezone.localdate()
    agreement_row = Agreement.objects.structure_in_force(county__slug=county)
    if agreement_row is None:
        raise LookupError(
            _("No agreement in force for the county '%(county)s'.") % {"county": county}
        )
    appointments = list(
        Appointment.objects.filter(county=agreement_row.county).on(on).select_related("person")
    )
    organisations = {o.id: o for o in Organisation.objects.filter(county=agreement_row.county)}
    successors: dict[tuple[str, str, str], list[datetime.date]] = defaultdict(list)
    for body, instance, seat, starts in Appointment.objects.filter(
        county=agreement_row.county, starts__gt=on, role=Appointment.Role.MEMBER
    ).values_list("body", "instance", "seat", "starts"):
        successors[(body, instance, seat)].append(starts)
    # Every office term, not only the day's: the rotation is judged from the history.
    office_terms = list(OfficeTerm.objects.filter(county=agreement_row.county).order_by("starts"))
    context = Context(agreement_row, on, appointments, organisations, office_terms, successors)
    report = Report(county=county, on=on)
    for function in RULES.values():
        report.findings.extend(function(context))
    order = {ERROR: 0, WARNING: 1, OK: 2}
    report.findings.sort(key=lambda f: (order[f.severity], f.body, f.instance, f.seat, f.rule))
    return report


def _count_words(count: schema.Count) -> str:
    if count.exact is not None:
        return str(count.exact)
    if count.max is None:
        return _("at least %(n)s") % {"n": count.min}
    if count.min is None:
        return _("at most %(n)s") % {"n": count.max}
    return _("%(min)s to %(max)s") % {"min": count.min, "max": count.max}


def _seats(context: Context) -> Iterator[tuple[schema.Body, str, str, schema.Seat]]:
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for seat in body.seats:
                yield body, instance, instance_name, seat


def _place(body: schema.Body, instance_name: str) -> str:
    return f"{body.name} ({instance_name})" if instance_name else body.name


@rule("seat-count")
def seat_count(context: Context) -> Iterator[Finding]:
    """The number of members per seat rule: exact, minimum or maximum, per body or per party."""
    for body, instance, instance_name, seat in _seats(context):
        members = context.members(body.id, instance, seat.id)
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        if seat.per == "body":
            groups = [("", seat.count, members)]
        else:
            parties = _parties_in_scope(context, body, instance, seat)
            exceptions = {e.party: _exception_count(e, seat.count) for e in seat.exceptions}
            groups = [
                (
                    party.name,
                    exceptions.get(party.id, seat.count),
                    [m for m in members if context.principal(m) == party.id],
                )
                for party in parties
            ]
        for party_name, count, held in groups:
            place = _place(body, instance_name)
            if count.admits(len(held)):
                message = _("%(place)s: %(role)s, %(held)s as the agreement asks (%(count)s).")
                severity = OK
            else:
                message = _("%(place)s: %(held)s %(role)s where the agreement asks for %(count)s.")
                severity = ERROR if len(held) < count.lower else WARNING
            role = f"{seat.role} – {party_name}" if party_name else seat.role
            yield context.finding(
                severity,
                "seat-count",
                seat,
                message
                % {"place": place, "role": role, "held": len(held), "count": _count_words(count)},
                **where,
            )


def _exception_count(exception: schema.SeatException, base: schema.Count) -> schema.Count:
    """A party's own count; "up to two" for Umeå still means at least the seat's own one."""
    count = exception.count
    if count.exact is None and count.min is None:
        return schema.Count(min=base.lower, max=count.max)
    return count


def _parties_in_scope(context, body, instance, seat) -> list[schema.Party]:
    agreement = context.agreement
    parties = [
        p for p in agreement.parties if agreement.party_fits(p.id, seat.party, seat.party_kind)
    ]
    if body.instances == schema.Instances.PER_AREA:
        area = next(a for a in agreement.areas if a.id == instance)
        parties = [p for p in parties if p.id in area.municipalities]
    elif body.instances == schema.Instances.PER_MUNICIPALITY:
        parties = [p for p in parties if p.id == instance]
    return parties


@rule("seat-party")
def seat_party(context: Context) -> Iterator[Finding]:
    """Each member represents a party the seat rule allows."""
    agreement = context.agreement
    for body, instance, instance_name, seat in _seats(context):
        for appointment in context.members(body.id, instance, seat.id) + context.substitutes(
            body.id, instance, seat.id
        ):
            principal = context.principal(appointment)
            if agreement.party_fits(principal, seat.party, seat.party_kind):
                continue
            party = agreement.party(principal)
            yield context.finding(
                ERROR,
                "seat-party",
                seat,
                _(
                    "%(place)s: %(person)s represents %(party)s, "
                    "but the seat %(role)s is not theirs."
                )
                % {
                    "place": _place(body, instance_name),
                    "person": appointment.person.name,
                    "party": party.name if party else principal,
                    "role": seat.role,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )


@rule("geographic-spread")
def geographic_spread(context: Context) -> Iterator[Finding]:
    """Seats with geographic spread cover the areas: every area while there are enough seats."""
    agreement = context.agreement
    if not agreement.areas:
        return
    for body, instance, instance_name, seat in _seats(context):
        if schema.SeatConstraint.GEOGRAPHIC_SPREAD not in seat.constraints:
            continue
        members = context.members(body.id, instance, seat.id)
        covered = {area.id for m in members if (area := context.area_of(m)) is not None}
        missing = [a.name for a in agreement.areas if a.id not in covered]
        wanted = min(seat.count.lower, len(agreement.areas))
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        values = {
            "place": _place(body, instance_name),
            "role": seat.role,
            "held": len(members),
            "count": _count_words(seat.count),
            "areas": ", ".join(missing),
        }
        if len(covered) >= wanted:
            yield context.finding(
                OK,
                "geographic-spread",
                seat,
                _("%(place)s: %(role)s come from every area the seats can cover.") % values,
                **where,
            )
            continue
        yield context.finding(
            ERROR,
            "geographic-spread",
            seat,
            ngettext(
                "%(place)s: %(held)s of %(count)s %(role)s; area %(areas)s has none, "
                "the agreement asks for geographic spread.",
                "%(place)s: %(held)s of %(count)s %(role)s; areas %(areas)s have none, "
                "the agreement asks for geographic spread.",
                len(missing),
            )
            % values,
            **where,
        )


@rule("substitutes")
def substitutes(context: Context) -> Iterator[Finding]:
    """Required substitutes are appointed, and from the member's area where the rule says so."""
    for body, instance, instance_name, seat in _seats(context):
        rule_ = seat.substitutes
        if rule_ is None or not rule_.required or rule_.count is None:
            continue
        members = context.members(body.id, instance, seat.id)
        subs = context.substitutes(body.id, instance, seat.id)
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        clause = rule_ if rule_.source else seat
        for member in members:
            own = [s for s in subs if s.substitute_for_id == member.id]
            values = {
                "place": _place(body, instance_name),
                "person": member.person.name,
                "role": seat.role,
                "count": _count_words(rule_.count),
            }
            if not rule_.count.admits(len(own)) and len(own) < rule_.count.lower:
                yield context.finding(
                    ERROR,
                    "substitutes",
                    clause,
                    _(
                        "%(place)s: %(person)s (%(role)s) has no substitute; the agreement asks "
                        "for %(count)s."
                    )
                    % values,
                    **where,
                )
                continue
            area = context.area_of(member)
            if rule_.same_area and area is not None:
                elsewhere = [s for s in own if context.area_of(s) != area]
                for substitute in elsewhere:
                    yield context.finding(
                        ERROR,
                        "substitutes",
                        clause,
                        _(
                            "%(place)s: the substitute %(substitute)s for %(person)s is not from "
                            "the area %(area)s, as the agreement asks."
                        )
                        % {**values, "substitute": substitute.person.name, "area": area.name},
                        **where,
                    )
                if elsewhere:
                    continue
            yield context.finding(
                OK,
                "substitutes",
                clause,
                _("%(place)s: %(person)s (%(role)s) has a substitute as the agreement asks.")
                % values,
                **where,
            )


@rule("one-per-municipality")
def one_per_municipality(context: Context) -> Iterator[Finding]:
    """Seats the agreement spreads one per municipality, or over different municipalities."""
    spread = {
        schema.SeatConstraint.ONE_PER_MUNICIPALITY,
        schema.SeatConstraint.DIFFERENT_MUNICIPALITIES,
    }
    for body, instance, instance_name, seat in _seats(context):
        if not spread.intersection(seat.constraints):
            continue
        by_party = defaultdict(list)
        for member in context.members(body.id, instance, seat.id):
            by_party[context.principal(member)].append(member)
        limits = {e.party: _exception_count(e, seat.count) for e in seat.exceptions}
        for principal, held in by_party.items():
            limit = limits.get(principal)
            if len(held) <= (limit.max if limit and limit.max is not None else 1):
                continue
            party = context.agreement.party(principal)
            yield context.finding(
                ERROR,
                "one-per-municipality",
                seat,
                _(
                    "%(place)s: %(held)s %(role)s from %(party)s; the agreement asks for one per "
                    "municipality."
                )
                % {
                    "place": _place(body, instance_name),
                    "held": len(held),
                    "role": seat.role,
                    "party": party.name if party else principal,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )


# Offices that must be held at all times; the others (minutes, rapporteur) follow from a seat.
REQUIRED_OFFICES = {
    schema.OfficeRole.CHAIR,
    schema.OfficeRole.VICE_CHAIR,
    schema.OfficeRole.SECOND_VICE_CHAIR,
    schema.OfficeRole.SECRETARY,
    schema.OfficeRole.CONVENER,
}


def _terms(context: Context, body: str, instance: str, role: str) -> list[OfficeTerm]:
    return [
        t
        for t in context.office_terms
        if t.body == body and t.instance == instance and t.role == role
    ]


def _office_name(office: schema.Office) -> str:
    return str(labels.OFFICES.get(office.role, office.role))


@rule("office-filled")
def office_filled(context: Context) -> Iterator[Finding]:
    """Chairs, vice chairs, secretaries and conveners are held on the day."""
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                if office.role not in REQUIRED_OFFICES:
                    continue
                held = [
                    t
                    for t in _terms(context, body.id, instance, office.role)
                    if t.covers(context.on)
                ]
                values = {"place": _place(body, instance_name), "office": _office_name(office)}
                yield context.finding(
                    OK if held else ERROR,
                    "office-filled",
                    office,
                    (
                        _("%(place)s: the office of %(office)s is held.")
                        if held
                        else _("%(place)s: no one holds the office of %(office)s.")
                    )
                    % values,
                    body=body.id,
                    instance=instance,
                    seat=office.role,
                )


@rule("office-rotation")
def office_rotation(context: Context) -> Iterator[Finding]:
    """Each recorded term went to the party the rotation names, for the term's length."""
    agreement = context.agreement
    for body in agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                if office.rotation is None or office.rotation.kind == "elected":
                    continue
                terms = _terms(context, body.id, instance, office.role)
                of_terms = (
                    _terms(context, body.id, instance, office.rotation.of)
                    if office.rotation.of
                    else []
                )
                yield from _rotation_findings(
                    context, body, instance, instance_name, office, terms, of_terms
                )


def _recorded(terms: list[OfficeTerm]) -> list[rotation.RecordedTerm]:
    return [rotation.RecordedTerm(t.starts, t.ends, t.principal) for t in terms]


def _rotation_findings(context, body, instance, instance_name, office, terms, of_terms):
    agreement = context.agreement
    place = _place(body, instance_name)
    expected = rotation.schedule(
        agreement,
        body,
        office,
        _recorded(terms),
        until=context.on,
        recorded_of=_recorded(of_terms),
    )
    where = {"body": body.id, "instance": instance, "seat": office.role}
    by_start = {term.starts: term for term in expected}
    for term in terms:
        if term.starts > context.on:
            continue
        values = {
            "place": place,
            "office": _office_name(office),
            "starts": term.starts.isoformat(),
            "party": _party_name(agreement, term.principal),
        }
        wanted = by_start.get(term.starts)
        holder = wanted.holder if wanted else None
        if holder is not None and not rotation.matches(agreement, holder, term.principal):
            if term.exception:
                continue
            values["wanted"] = holder.label or _party_name(agreement, holder.party or "")
            yield context.finding(
                ERROR,
                "office-rotation",
                office,
                _(
                    "%(place)s: the %(office)s from %(starts)s is from %(party)s; the rotation "
                    "asks for %(wanted)s."
                )
                % values,
                **where,
            )
            continue
        longest = rotation.term_end(office, term.starts)
        if term.ends and term.ends > longest and not term.exception:
            values["years"] = rotation.term_years(office)
            yield context.finding(
                ERROR,
                "office-rotation",
                office,
                ngettext(
                    "%(place)s: the %(office)s from %(starts)s runs longer than the term of "
                    "%(years)s year without a recorded decision.",
                    "%(place)s: the %(office)s from %(starts)s runs longer than the term of "
                    "%(years)s years without a recorded decision.",
                    values["years"],
                )
                % values,
                **where,
            )
            continue
        yield context.finding(
            OK,
            "office-rotation",
            office,
            _("%(place)s: the %(office)s from %(starts)s (%(party)s) follows the rotation.")
            % values,
            **where,
        )


def _party_name(agreement: schema.Agreement, party_id: str) -> str:
    party = agreement.party(party_id)
    return party.name if party else party_id


@rule("overlapping-terms")
def overlapping_terms(context: Context) -> Iterator[Finding]:
    """An office has one holder at a time (two vice chairs where the agreement has two)."""
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for office in body.offices:
                terms = _terms(context, body.id, instance, office.role)
                for earlier, later in zip(terms, terms[1:], strict=False):
                    if earlier.ends is not None and earlier.ends < later.starts:
                        continue
                    if office.count > 1:
                        continue
                    yield context.finding(
                        ERROR,
                        "overlapping-terms",
                        office,
                        _("%(place)s: two terms of %(office)s overlap from %(starts)s.")
                        % {
                            "place": _place(body, instance_name),
                            "office": _office_name(office),
                            "starts": later.starts.isoformat(),
                        },
                        body=body.id,
                        instance=instance,
                        seat=office.role,
                    )


@rule("working-committee")
def working_committee(context: Context) -> Iterator[Finding]:
    """A working committee is appointed from the members of the body it works for."""
    agreement = context.agreement
    for relation in agreement.relations:
        if relation.kind != schema.RelationKind.WORKING_COMMITTEE_OF:
            continue
        committee = agreement.body(relation.source_body)
        parent = agreement.body(relation.target_body)
        for instance, instance_name in context.instances(committee):
            in_parent = {
                a.person_id
                for a in context.appointments
                if a.body == parent.id and a.instance == instance
            }
            for appointment in context.appointments:
                if (
                    appointment.body != committee.id
                    or appointment.instance != instance
                    or appointment.role != Appointment.Role.MEMBER
                ):
                    continue
                values = {
                    "place": _place(committee, instance_name),
                    "person": appointment.person.name,
                    "parent": parent.name,
                }
                held = appointment.person_id in in_parent
                yield context.finding(
                    OK if held else ERROR,
                    "working-committee",
                    relation,
                    (
                        _("%(place)s: %(person)s is also a member of %(parent)s.")
                        if held
                        else _(
                            "%(place)s: %(person)s is not a member of %(parent)s, from which the "
                            "working committee is appointed."
                        )
                    )
                    % values,
                    body=committee.id,
                    instance=instance,
                    seat=appointment.seat,
                )


@rule("term-ending")
def term_ending(context: Context) -> Iterator[Finding]:
    """Members whose appointment ends soon with no one appointed to follow them."""
    horizon = context.on + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    ending = [
        a
        for a in context.appointments
        if a.role == Appointment.Role.MEMBER and a.ends is not None and a.ends <= horizon
    ]
    if not ending:
        return
    successors = context.successors
    agreement = context.agreement
    for appointment in ending:
        key = (appointment.body, appointment.instance, appointment.seat)
        if any(day > appointment.ends for day in successors.get(key, [])):
            continue
        body = agreement.body(appointment.body)
        seat = next((s for s in body.seats if s.id == appointment.seat), None) if body else None
        if body is None or seat is None:
            continue
        names = dict(context.instances(body))
        yield context.finding(
            WARNING,
            "term-ending",
            seat,
            _(
                "%(place)s: the appointment of %(person)s (%(role)s) ends on %(day)s and no "
                "successor is appointed."
            )
            % {
                "place": _place(body, names.get(appointment.instance, "")),
                "person": appointment.person.name,
                "role": seat.role,
                "day": appointment.ends.isoformat(),
            },
            body=body.id,
            instance=appointment.instance,
            seat=seat.id,
        )


@rule("seat-unit")
def seat_unit(context: Context) -> Iterator[Finding]:
    """A seat the agreement gives to a unit (a division, an administration) is held from it."""
    agreement = context.agreement
    for body, instance, instance_name, seat in _seats(context):
        if not seat.unit:
            continue
        for appointment in context.members(body.id, instance, seat.id) + context.substitutes(
            body.id, instance, seat.id
        ):
            organisation = context.organisations[appointment.organisation_id]
            if organisation.unit == seat.unit:
                continue
            wanted = next(
                (u.name for u in agreement.units_of(organisation.principal) if u.id == seat.unit),
                seat.unit,
            )
            yield context.finding(
                ERROR,
                "seat-unit",
                seat,
                _(
                    "%(place)s: %(person)s represents %(organisation)s; the seat %(role)s is "
                    "held from %(unit)s."
                )
                % {
                    "place": _place(body, instance_name),
                    "person": appointment.person.name,
                    "organisation": organisation.name,
                    "role": seat.role,
                    "unit": wanted,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )
