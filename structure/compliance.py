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

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import schema
from agreements.models import Agreement

from .models import Appointment, Organisation

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
        """The body's instances as (id, name): one per area or municipality, or the body."""
        if body.instances == schema.Instances.PER_AREA:
            return [(area.id, area.name) for area in self.agreement.areas]
        if body.instances == schema.Instances.PER_MUNICIPALITY:
            return [(party.id, party.name) for party in self.agreement.municipalities]
        return [("", "")]

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


def evaluate(county: str, on: datetime.date | None = None) -> Report:
    """Every rule's findings for the county's structure agreement in force on the day."""
    on = on or datetime.date.today()
    agreement_row = (
        Agreement.objects.filter(county__slug=county, in_force=True, kind="agreement")
        .select_related("county")
        .order_by("document_id")
        .first()
    )
    if agreement_row is None:
        raise LookupError(
            _("No agreement in force for the county '%(county)s'.") % {"county": county}
        )
    appointments = list(
        Appointment.objects.filter(county=agreement_row.county).on(on).select_related("person")
    )
    organisations = {o.id: o for o in Organisation.objects.filter(county=agreement_row.county)}
    context = Context(agreement_row, on, appointments, organisations)
    report = Report(county=county, on=on)
    for function in RULES.values():
        report.findings.extend(function(context))
    order = {ERROR: 0, WARNING: 1, OK: 2}
    report.findings.sort(key=lambda f: (order[f.severity], f.body, f.instance, f.seat, f.rule))
    return report


def _seat_fits(agreement: schema.Agreement, seat: schema.Seat, principal: str) -> bool:
    if seat.party:
        return seat.party == principal
    if seat.party_kind:
        party = agreement.party(principal)
        return party is not None and party.kind == seat.party_kind
    return True


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
            exceptions = {e.party: e.count for e in seat.exceptions}
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


def _parties_in_scope(context, body, instance, seat) -> list[schema.Party]:
    agreement = context.agreement
    parties = [p for p in agreement.parties if _seat_fits(agreement, seat, p.id)]
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
            if _seat_fits(agreement, seat, principal):
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
