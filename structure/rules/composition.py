"""Who sits where: members per seat, their party and unit, geographic spread, one per
municipality or different municipalities, and the working committee drawn from its body.

Each finding cites the seat or relation it comes from (e.g. 001 "Representanter
länsstyrgruppen": five social services chiefs with geographic spread)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext_lazy, ngettext

from agreements import schema
from structure.compliance import ADVICE, ERROR, OK, WARNING, Context, Finding, rule
from structure.compliance import gettext as _
from structure.models import Appointment

from .common import count_words, exception_count, place, seats


@rule("seat-count", gettext_lazy("Number of members"))
def seat_count(context: Context) -> Iterator[Finding]:
    """The number of members per seat rule: exact, minimum or maximum, per body or per party;
    a number the agreement only suggests is advice."""
    for body, instance, instance_name, seat in seats(context):
        members = context.members(body.id, instance, seat.id)
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        if seat.per == "body":
            groups = [("", seat.count, members)]
        else:
            parties = _parties_in_scope(context, body, instance, seat)
            exceptions = {e.party: exception_count(e, seat.count) for e in seat.exceptions}
            # The members by party once, not a walk over every member per party: a seat per
            # municipality of a county-wide body has as many of each as the county has
            # municipalities.
            by_party = defaultdict(list)
            for member in members:
                by_party[context.principal(member)].append(member)
            groups = [
                (party.name, exceptions.get(party.id, seat.count), by_party.get(party.id, []))
                for party in parties
            ]
        for party_name, count, held in groups:
            if count.admits(len(held)):
                message = _("%(place)s: %(role)s, %(held)s as the agreement asks (%(count)s).")
                severity = OK
            elif count.advice:
                message = _(
                    "%(place)s: %(held)s %(role)s; the agreement suggests %(count)s, without "
                    "requiring it."
                )
                severity = ADVICE
            else:
                message = _("%(place)s: %(held)s %(role)s where the agreement asks for %(count)s.")
                severity = ERROR if len(held) < count.lower else WARNING
            role = f"{seat.role} – {party_name}" if party_name else seat.role
            values = {
                "place": place(body, instance_name),
                "role": role,
                "held": len(held),
                "count": count_words(count),
            }
            yield context.finding(severity, "seat-count", seat, message % values, **where)


def _parties_in_scope(context, body, instance, seat) -> list[schema.Party]:
    agreement = context.agreement
    # The instance's own parties first, then the seat's rule: a body per municipality asks of
    # one party, not of every party in the county (which made a county's check grow with the
    # square of its municipalities).
    if body.instances == schema.Instances.PER_AREA:
        area = next(a for a in agreement.areas if a.id == instance)
        members = set(area.municipalities)
        candidates = [p for p in agreement.parties if p.id in members]
    elif body.instances == schema.Instances.PER_MUNICIPALITY:
        candidates = [agreement.party(instance)]
    else:
        candidates = agreement.parties
    return [
        p
        for p in candidates
        if p is not None and agreement.party_fits(p.id, seat.party, seat.party_kind)
    ]


@rule("seat-party", gettext_lazy("Party of each seat"))
def seat_party(context: Context) -> Iterator[Finding]:
    """Each member represents a party the seat rule allows."""
    agreement = context.agreement
    for body, instance, instance_name, seat in seats(context):
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
                    "place": place(body, instance_name),
                    "person": appointment.person.name,
                    "party": party.name if party else principal,
                    "role": seat.role,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )


@rule("geographic-spread", gettext_lazy("Geographic spread"))
def geographic_spread(context: Context) -> Iterator[Finding]:
    """Seats with geographic spread cover the areas: every area while there are enough seats."""
    agreement = context.agreement
    if not agreement.areas:
        return
    for body, instance, instance_name, seat in seats(context):
        spread = schema.SeatConstraint.GEOGRAPHIC_SPREAD
        if spread not in seat.constraints and spread not in seat.advice:
            continue
        members = context.members(body.id, instance, seat.id)
        covered = {area.id for m in members if (area := context.area_of(m)) is not None}
        missing = [a.name for a in agreement.areas if a.id not in covered]
        wanted = min(seat.count.lower, len(agreement.areas))
        where = {"body": body.id, "instance": instance, "seat": seat.id}
        values = {
            "place": place(body, instance_name),
            "role": seat.role,
            "held": len(members),
            "count": count_words(seat.count),
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
            ERROR if spread in seat.constraints else ADVICE,
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


@rule("one-per-municipality", gettext_lazy("One per municipality"))
def one_per_municipality(context: Context) -> Iterator[Finding]:
    """Seats the agreement gives one per municipality hold no more from any one of them."""
    for body, instance, instance_name, seat in seats(context):
        if schema.SeatConstraint.ONE_PER_MUNICIPALITY not in seat.constraints:
            continue
        by_party = defaultdict(list)
        for member in context.members(body.id, instance, seat.id):
            by_party[context.principal(member)].append(member)
        limits = {e.party: exception_count(e, seat.count) for e in seat.exceptions}
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
                    "place": place(body, instance_name),
                    "held": len(held),
                    "role": seat.role,
                    "party": party.name if party else principal,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )


@rule("different-municipalities", gettext_lazy("From different municipalities"))
def different_municipalities(context: Context) -> Iterator[Finding]:
    """The seats of a body that are to be held from different municipalities, taken together
    (HälSam's presidium: the social and the school presidium's chairs, 003 "Politisk samverkan
    inom HälSam", a recommendation and so advice)."""
    wanted = schema.SeatConstraint.DIFFERENT_MUNICIPALITIES
    for body in context.agreement.bodies:
        spread = [s for s in body.seats if wanted in s.constraints or wanted in s.advice]
        if not spread:
            continue
        required = any(wanted in s.constraints for s in spread)
        for instance, instance_name in context.instances(body):
            by_party: dict[str, list[tuple[schema.Seat, Appointment]]] = defaultdict(list)
            for seat in spread:
                for member in context.members(body.id, instance, seat.id):
                    by_party[context.principal(member)].append((seat, member))
            for principal, held in by_party.items():
                seat = held[-1][0]
                values = {
                    "place": place(body, instance_name),
                    "people": ", ".join(m.person.name for _seat, m in held),
                    "party": context.agreement.party(principal).name
                    if context.agreement.party(principal)
                    else principal,
                }
                if len(held) < 2:
                    yield context.finding(
                        OK,
                        "different-municipalities",
                        seat,
                        _("%(place)s: %(people)s is the only one from %(party)s.") % values,
                        body=body.id,
                        instance=instance,
                        seat=seat.id,
                    )
                    continue
                yield context.finding(
                    ERROR if required else ADVICE,
                    "different-municipalities",
                    seat,
                    (
                        _(
                            "%(place)s: %(people)s all come from %(party)s; the agreement asks "
                            "for different municipalities."
                        )
                        if required
                        else _(
                            "%(place)s: %(people)s all come from %(party)s; the agreement "
                            "recommends different municipalities."
                        )
                    )
                    % values,
                    body=body.id,
                    instance=instance,
                    seat=seat.id,
                )


@rule("seat-unit", gettext_lazy("Unit of each seat"))
def seat_unit(context: Context) -> Iterator[Finding]:
    """A seat the agreement gives to a unit (a division, an administration) is held from it."""
    agreement = context.agreement
    for body, instance, instance_name, seat in seats(context):
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
                    "place": place(body, instance_name),
                    "person": appointment.person.name,
                    "organisation": organisation.name,
                    "role": seat.role,
                    "unit": wanted,
                },
                body=body.id,
                instance=instance,
                seat=seat.id,
            )


@rule("working-committee", gettext_lazy("Working committee from its body"))
def working_committee(context: Context) -> Iterator[Finding]:
    """A working committee is appointed from the members of the body it works for."""
    agreement = context.agreement
    for relation in agreement.relations:
        if relation.kind != schema.RelationKind.WORKING_COMMITTEE_OF:
            continue
        committee = agreement.body(relation.source_body)
        parent = agreement.body(relation.target_body)
        # The day's appointments of the two bodies by instance, read in one walk rather than
        # one per instance of the committee.
        in_parent: dict[str, set[int]] = defaultdict(set)
        committee_members: dict[str, list[Appointment]] = defaultdict(list)
        for appointment in context.appointments:
            if appointment.body == parent.id:
                in_parent[appointment.instance].add(appointment.person_id)
            if appointment.body == committee.id and appointment.role == Appointment.Role.MEMBER:
                committee_members[appointment.instance].append(appointment)
        for instance, instance_name in context.instances(committee):
            for appointment in committee_members.get(instance, []):
                values = {
                    "place": place(committee, instance_name),
                    "person": appointment.person.name,
                    "parent": parent.name,
                }
                held = appointment.person_id in in_parent[instance]
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
