"""What several families of rules share: the seats of every body instance, and the words for
places, counts and parties."""

from __future__ import annotations

from collections.abc import Iterator

from agreements import labels, schema
from structure.compliance import Context
from structure.compliance import gettext as _
from structure.models import OfficeTerm


def count_words(count: schema.Count) -> str:
    if count.exact is not None:
        return str(count.exact)
    if count.max is None:
        return _("at least %(n)s") % {"n": count.min}
    if count.min is None:
        return _("at most %(n)s") % {"n": count.max}
    return _("%(min)s to %(max)s") % {"min": count.min, "max": count.max}


def seats(context: Context) -> Iterator[tuple[schema.Body, str, str, schema.Seat]]:
    for body in context.agreement.bodies:
        for instance, instance_name in context.instances(body):
            for seat in body.seats:
                yield body, instance, instance_name, seat


def place(body: schema.Body, instance_name: str) -> str:
    return f"{body.name} ({instance_name})" if instance_name else body.name


def exception_count(exception: schema.SeatException, base: schema.Count) -> schema.Count:
    """A party's own count; "up to two" for Umeå still means at least the seat's own one."""
    count = exception.count
    if count.exact is None and count.min is None:
        return schema.Count(min=base.lower, max=count.max, advice=count.advice)
    return count


def party_name(agreement: schema.Agreement, party_id: str) -> str:
    party = agreement.party(party_id)
    return party.name if party else party_id


def terms(context: Context, body: str, instance: str, role: str) -> list[OfficeTerm]:
    return context.terms(body, instance, role)


def office_name(office: schema.Office) -> str:
    return str(labels.OFFICES.get(office.role, office.role))
