"""Factory-style builders for the live structure in tests: organisations, people, appointments."""

import datetime
import itertools

from agreements.models import County
from agreements.services import load_county
from structure.models import Appointment, OfficeTerm, Organisation, Person

_numbers = itertools.count(1)
START = datetime.date(2026, 1, 1)


def loaded_county(slug: str = "norrbotten") -> County:
    load_county(slug)
    return County.objects.get(slug=slug)


def organisation(county: County, principal: str, sector: str = "social_services", **fields):
    number = next(_numbers)
    return Organisation.objects.create(
        county=county,
        key=fields.pop("key", f"{principal}-{sector}-{number}"),
        name=fields.pop("name", f"{principal} {sector} {number}"),
        principal=principal,
        sector=sector,
        **fields,
    )


def person(org: Organisation, name: str | None = None, **fields) -> Person:
    return Person.objects.create(
        county=org.county,
        organisation=org,
        name=name or f"Person {next(_numbers)}",
        title=fields.pop("title", ""),
        email=fields.pop("email", ""),
        **fields,
    )


def appoint(
    holder: Person,
    body: str,
    seat: str,
    *,
    role: str = Appointment.Role.MEMBER,
    instance: str = "",
    starts: datetime.date = START,
    ends: datetime.date | None = None,
    substitute_for: Appointment | None = None,
    organisation: Organisation | None = None,
) -> Appointment:
    return Appointment.objects.create(
        county=holder.county,
        person=holder,
        body=body,
        instance=instance,
        seat=seat,
        role=role,
        organisation=organisation or holder.organisation,
        starts=starts,
        ends=ends,
        substitute_for=substitute_for,
    )


def member_from(county: County, principal: str, body: str, seat: str, **kwargs) -> Appointment:
    """A member from a new organisation of the party, in one call."""
    sector = kwargs.pop("sector", "social_services")
    return appoint(person(organisation(county, principal, sector)), body, seat, **kwargs)


def office_term(county: County, body: str, role: str, principal: str, **fields) -> OfficeTerm:
    return OfficeTerm.objects.create(
        county=county,
        body=body,
        role=role,
        principal=principal,
        starts=fields.pop("starts", START),
        **fields,
    )
