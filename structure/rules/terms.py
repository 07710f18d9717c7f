"""Appointments about to end: a member whose appointment ends within the horizon with no one
appointed to follow is a warning, so that the seat is filled before it falls empty."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext_lazy

from structure.compliance import WARNING, Context, Finding, rule
from structure.compliance import gettext as _
from structure.models import Appointment

from .common import place

# How far ahead an ending appointment without a successor is worth a warning.
ENDING_WITHIN_DAYS = 60


@rule("term-ending", gettext_lazy("Terms about to end"))
def term_ending(context: Context) -> Iterator[Finding]:
    """Members whose appointment ends soon with no one appointed to follow them."""
    horizon = context.on + datetime.timedelta(days=ENDING_WITHIN_DAYS)
    ending = [
        a
        for a in context.appointments
        if a.role == Appointment.Role.MEMBER and a.ends is not None and a.ends <= horizon
    ]
    agreement = context.agreement
    names: dict[str, dict[str, str]] = {}
    for appointment in ending:
        key = (appointment.body, appointment.instance, appointment.seat)
        if any(day > appointment.ends for day in context.successors.get(key, [])):
            continue
        body = agreement.body(appointment.body)
        seat = next((s for s in body.seats if s.id == appointment.seat), None) if body else None
        if body is None or seat is None:
            continue
        if body.id not in names:
            names[body.id] = dict(context.instances(body))
        yield context.finding(
            WARNING,
            "term-ending",
            seat,
            _(
                "%(place)s: the appointment of %(person)s (%(role)s) ends on %(day)s and no "
                "successor is appointed."
            )
            % {
                "place": place(body, names[body.id].get(appointment.instance, "")),
                "person": appointment.person.name,
                "role": seat.role,
                "day": appointment.ends.isoformat(),
            },
            body=body.id,
            instance=appointment.instance,
            seat=seat.id,
        )
