"""Live structures built from an agreement: the demo county's people, and synthetic states.

`populate` fills every seat of every body instance as the agreement asks (members from the
right parties, spread over the areas, substitutes from the same area, offices held in turn),
so that the compliance engine finds nothing; the demo then breaks a few rules on purpose.
Names are invented and every row is marked as demo data.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from agreements import schema
from agreements.models import Agreement, County

from . import rotation
from .models import Appointment, OfficeTerm, Organisation, Person
from .organisations import ensure_organisations, unit_key

FIRST_NAMES = [
    "Anna",
    "Lars",
    "Maria",
    "Erik",
    "Karin",
    "Johan",
    "Eva",
    "Anders",
    "Lena",
    "Per",
    "Kristina",
    "Mikael",
    "Sara",
    "Jonas",
    "Emma",
    "Fredrik",
    "Linnéa",
    "Mattias",
    "Elin",
    "Niklas",
    "Ida",
    "Henrik",
    "Malin",
    "Tomas",
    "Sofia",
    "Magnus",
    "Hanna",
    "Ulf",
    "Frida",
    "Stefan",
    "Märta",
    "Åsa",
    "Örjan",
    "Inga",
    "Nils",
    "Greta",
    "Sven",
    "Aino",
    "Juhani",
    "Sanna",
]
LAST_NAMES = [
    "Lindqvist",
    "Nilsson",
    "Berg",
    "Holm",
    "Stenlund",
    "Öberg",
    "Lundström",
    "Marklund",
    "Boström",
    "Nordin",
    "Lindberg",
    "Sundberg",
    "Wikström",
    "Eriksson",
    "Hedlund",
    "Johansson",
    "Burman",
    "Nyström",
    "Lantto",
    "Keskitalo",
    "Rova",
    "Isaksson",
    "Öhman",
    "Strömbäck",
    "Palo",
    "Forsman",
    "Granström",
    "Sandberg",
    "Fjällström",
    "Kuoppa",
]
SECTOR_UNITS = {
    "social_services": "Socialtjänsten",
    "school": "Skolförvaltningen",
    "health_care": "Hälso- och sjukvården",
    "elderly_care": "Äldreomsorgen",
    "public_health": "Folkhälsoenheten",
    "administration": "Kansliet",
    "political": "Förtroendevalda",
}


@dataclass
class Builder:
    county: County
    agreement: schema.Agreement
    starts: datetime.date
    rng: random.Random
    demo: bool = True
    organisations: dict[tuple[str, str], Organisation] = field(default_factory=dict)
    appointments: list[Appointment] = field(default_factory=list)

    def organisation(self, principal: str, sector: str, unit: str | None = None) -> Organisation:
        """The party's unit the seat names, else one for the sector (named by the sector)."""
        if unit and any(u.id == unit for u in self.agreement.units_of(principal)):
            cached = (principal, f"unit:{unit}")
            if cached not in self.organisations:
                self.organisations[cached] = Organisation.objects.get(
                    county=self.county, key=unit_key(principal, unit)
                )
            return self.organisations[cached]
        key = (principal, sector or "administration")
        if key not in self.organisations:
            party = self.agreement.party(principal)
            unit = SECTOR_UNITS.get(key[1], "Förvaltningen")
            self.organisations[key], _ = Organisation.objects.get_or_create(
                county=self.county,
                key=f"{principal}-{key[1]}".replace("_", "-")[:80],
                defaults={
                    "name": f"{unit}, {party.name if party else principal}",
                    "principal": principal,
                    "sector": key[1],
                    "is_demo": self.demo,
                },
            )
        return self.organisations[key]

    def person(self, organisation: Organisation, title: str) -> Person:
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        slug = name.lower().replace(" ", ".").translate(str.maketrans("åäöé", "aaoe"))
        return Person(
            county=self.county,
            name=name,
            title=title[:200],
            organisation=organisation,
            email=f"{slug}@{organisation.principal}.example.se",
            is_demo=self.demo,
        )


def _scope(agreement: schema.Agreement, body: schema.Body, instance: str) -> list[schema.Party]:
    if body.instances == schema.Instances.PER_AREA:
        area = next(a for a in agreement.areas if a.id == instance)
        return [
            p for p in agreement.parties if p.id in area.municipalities or p.kind != "municipality"
        ]
    if body.instances == schema.Instances.PER_MUNICIPALITY:
        return [p for p in agreement.parties if p.id == instance or p.kind != "municipality"]
    return list(agreement.parties)


def _spread(agreement: schema.Agreement, parties: list[schema.Party]) -> list[schema.Party]:
    """Parties in an order that visits every area before any area twice."""
    by_area: dict[str, list[schema.Party]] = {}
    for party in parties:
        area = agreement.area_of(party.id)
        by_area.setdefault(area.id if area else "", []).append(party)
    ordered = []
    while any(by_area.values()):
        for queue in by_area.values():
            if queue:
                ordered.append(queue.pop(0))
    return ordered


def _wanted(count: schema.Count) -> int:
    return count.lower or (1 if count.max is None or count.max >= 1 else 0)


def _seat_holders(builder: Builder, body, instance, seat, avoid=frozenset()) -> list[schema.Party]:
    """The parties a seat's members come from; `avoid`: parties to pass over while others fit
    (the municipalities that seats to be held from different municipalities already have)."""
    agreement = builder.agreement
    candidates = [
        p
        for p in _scope(agreement, body, instance)
        if agreement.party_fits(p.id, seat.party, seat.party_kind)
    ]
    candidates = [p for p in candidates if p.id not in avoid] or candidates
    if not candidates:
        return []
    if seat.per == "body":
        # A local group's open seats go to its own municipalities before the region's.
        if body.instances != schema.Instances.SINGLE:
            candidates.sort(key=lambda p: p.kind != schema.PartyKind.MUNICIPALITY)
        ordered = _spread(agreement, candidates)
        return [ordered[i % len(ordered)] for i in range(_wanted(seat.count))]
    exceptions = {e.party: e.count for e in seat.exceptions}
    holders = []
    for party in candidates:
        count = exceptions.get(party.id, seat.count)
        holders += [party] * max(_wanted(count), 1 if party.id in exceptions else 0)
    return holders


def _substitute_party(agreement: schema.Agreement, party: schema.Party, same_area: bool):
    area = agreement.area_of(party.id)
    if not same_area or area is None:
        return party
    others = [m for m in area.municipalities if m != party.id]
    return agreement.party(others[0]) if others else party


@transaction.atomic
def populate(
    county_slug: str,
    starts: datetime.date,
    *,
    seed: int = 1,
    demo: bool = True,
    offices: bool = True,
) -> Builder:
    """Fill the structure agreement in force as it asks; returns what was built."""
    agreement_row = Agreement.objects.structure_in_force(county__slug=county_slug)
    if agreement_row is None:
        raise LookupError(f"Inget avtal gäller för länet '{county_slug}'.")
    ensure_organisations(county_slug)
    builder = Builder(
        agreement_row.county, agreement_row.document, starts, random.Random(seed), demo
    )
    agreement = builder.agreement
    people: list[Person] = []
    pending: list[tuple[Appointment, Person, Appointment | None]] = []
    parents = {
        r.source_body: r.target_body
        for r in agreement.relations
        if r.kind == schema.RelationKind.WORKING_COMMITTEE_OF
    }
    seated: dict[tuple[str, str, str], list[Person]] = {}
    different = schema.SeatConstraint.DIFFERENT_MUNICIPALITIES
    for body in agreement.bodies:
        for instance, _name in agreement.instances_of(body):
            spread: set[str] = set()
            for seat in body.seats:
                apart = different in seat.constraints or different in seat.advice
                holders = _seat_holders(builder, body, instance, seat, spread if apart else set())
                if apart:
                    spread.update(p.id for p in holders)
                for party in holders:
                    organisation = builder.organisation(party.id, seat.sector or "", seat.unit)
                    # A working committee is appointed from its body's own members.
                    pool = seated.get((parents.get(body.id, ""), instance, party.id), [])
                    if pool:
                        member = pool.pop(0)
                        organisation = member.organisation
                    else:
                        member = builder.person(organisation, seat.role)
                        people.append(member)
                    seated.setdefault((body.id, instance, party.id), []).append(member)
                    appointment = Appointment(
                        county=builder.county,
                        body=body.id,
                        instance=instance,
                        seat=seat.id,
                        role=Appointment.Role.MEMBER,
                        organisation=organisation,
                        starts=starts,
                    )
                    pending.append((appointment, member, None))
                    rule = seat.substitutes
                    if rule is None or rule.count is None or not rule.count.lower:
                        continue
                    for _ in range(rule.count.lower):
                        sub_party = _substitute_party(agreement, party, rule.same_area)
                        sub_org = builder.organisation(sub_party.id, seat.sector or "", seat.unit)
                        substitute = builder.person(sub_org, seat.role)
                        people.append(substitute)
                        pending.append(
                            (
                                Appointment(
                                    county=builder.county,
                                    body=body.id,
                                    instance=instance,
                                    seat=seat.id,
                                    role=Appointment.Role.SUBSTITUTE,
                                    organisation=sub_org,
                                    starts=starts,
                                ),
                                substitute,
                                appointment,
                            )
                        )
    Person.objects.bulk_create(people)
    for appointment, holder, _ in pending:
        appointment.person = holder
    Appointment.objects.bulk_create([a for a, _, parent in pending if parent is None])
    for appointment, _, parent in pending:
        if parent is not None:
            appointment.substitute_for = parent
    Appointment.objects.bulk_create([a for a, _, parent in pending if parent is not None])
    builder.appointments = [a for a, _, _ in pending]
    if offices:
        _offices(builder)
    return builder


def _offices(builder: Builder) -> None:
    """Office terms from the start year to the current one, each to the party the rules name."""
    agreement = builder.agreement
    members = {}
    for appointment in builder.appointments:
        if appointment.role == Appointment.Role.MEMBER:
            members.setdefault((appointment.body, appointment.instance), []).append(appointment)
    terms = []
    for body in agreement.bodies:
        for instance, _name in agreement.instances_of(body):
            held = members.get((body.id, instance), [])
            for office in body.offices:
                terms += _office_terms(builder, body, instance, office, held)
    OfficeTerm.objects.bulk_create(terms)


def _office_terms(builder, body, instance, office, held) -> list[OfficeTerm]:
    agreement = builder.agreement
    if office.role not in {"chair", "vice_chair", "second_vice_chair", "secretary", "convener"}:
        return []
    rule = office.rotation
    steps: list[schema.Selector | None]
    if rule is not None and rule.kind == "alternate":
        steps = list(rule.between)
    elif rule is not None and rule.kind == "fixed":
        steps = [rule.holder]
    else:
        steps = [None]
    offset = {"vice_chair": 1, "second_vice_chair": 1}.get(office.role, 0)
    if rule is not None and rule.kind == "opposite":
        chair = next((o for o in body.offices if o.role == rule.of), None)
        if chair and chair.rotation and chair.rotation.kind == "alternate":
            steps, offset = list(chair.rotation.between), 1
    terms = []
    starts = builder.starts
    today = timezone.localdate()
    index = 0
    while starts <= today:
        ends = rotation.term_end(office, starts)
        wanted = steps[(index + offset) % len(steps)]
        holder = next(
            (
                a
                for a in held
                if wanted is None or rotation.matches(agreement, wanted, a.organisation.principal)
            ),
            None,
        )
        # A body whose seats the agreement leaves to others (a beredning) still has its chair.
        person = holder.person if holder else _office_holder(builder, wanted, office)
        terms.append(
            OfficeTerm(
                county=builder.county,
                body=body.id,
                instance=instance,
                role=office.role,
                person=person,
                principal=person.organisation.principal,
                starts=starts,
                ends=ends if ends < today else None,
            )
        )
        starts = ends + datetime.timedelta(days=1)
        index += 1
    return terms


def _office_holder(builder: Builder, wanted: schema.Selector | None, office) -> Person:
    agreement = builder.agreement
    party = next(
        (
            p
            for p in agreement.parties
            if wanted is None or rotation.matches(agreement, wanted, p.id)
        ),
        agreement.parties[0],
    )
    person = builder.person(builder.organisation(party.id, "administration"), office.role)
    person.save()
    return person
