"""Matters waiting for a body are proposed for its meetings' agendas (meetings.registry): the
meetings app never imports matters."""

from __future__ import annotations

from meetings.models import AgendaItem, Meeting
from meetings.registry import ProposedItem, propose_for_agenda

from .models import Matter


@propose_for_agenda
def waiting_matters(meeting: Meeting) -> list[ProposedItem]:
    matters = Matter.objects.filter(
        county_id=meeting.county_id,
        body=meeting.body,
        instance=meeting.instance,
        state__in=[Matter.State.OPEN, Matter.State.PREPARATION],
    ).order_by("raised_on", "pk")
    return [
        ProposedItem(
            title=matter.title[:300],
            kind=AgendaItem.Kind.DISCUSSION,
            origin=f"matter:{matter.pk}",
        )
        for matter in matters
    ]
