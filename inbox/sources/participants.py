"""The structure's participant changes, for its coordinators: the seats of their county that
start or end in the coming weeks, each on its day (003 "Administrativt stöd": "Förändringar av
deltagare anmäls till Samverkanskoordinator"; the change itself is mailed when it is saved, by
structure.notifications). One query for the county, one for the seats."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.roles import can_manage_structure, works_with_individuals
from meetings.feeds import BodyNames
from structure.models import Appointment

from . import Item, Source, person_of, register

AHEAD = datetime.timedelta(days=14)

WHAT = {
    "starts": gettext_lazy("A seat in %(body)s starts on %(day)s"),
    "ends": gettext_lazy("A seat in %(body)s ends on %(day)s"),
}
NEXT_STEP = gettext_lazy("Check the body's members and substitutes")


def _county_id(user) -> int | None:
    membership = getattr(user, "membership", None)
    if membership is not None:
        return membership.organisation.county_id
    person = person_of(user)
    return person.county_id if person is not None else None


def collect(user, today: datetime.date, limit: int) -> list[Item]:
    # Whoever works with individuals holds none of the structure's roles: known already from
    # the cases' source (accounts.roles keeps it on the user), so a case worker costs no query.
    if works_with_individuals(user) or not can_manage_structure(user):
        return []
    county_id = _county_id(user)
    if county_id is None:
        return []
    until = today + AHEAD
    changes = list(
        Appointment.objects.filter(county_id=county_id)
        .filter(Q(starts__gte=today, starts__lte=until) | Q(ends__gte=today, ends__lte=until))
        .select_related("county")
        .order_by("starts", "pk")[: limit + 1]
    )
    names = BodyNames()
    items = []
    for seat in changes:
        change, day = (
            ("starts", seat.starts) if today <= seat.starts <= until else ("ends", seat.ends)
        )
        body = names.body(seat.county_id, seat.body, seat.instance)
        items.append(
            Item(
                source="participants",
                what=str(WHAT[change]) % {"body": body, "day": day.isoformat()},
                next_step=str(NEXT_STEP),
                url=reverse("structure:members", args=[seat.county.slug, seat.body]),
                due_on=day,
            )
        )
    return items


SOURCE = register(Source("participants", collect))
