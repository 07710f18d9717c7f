"""Matters waiting for a body are proposed for its meetings' agendas (meetings.registry): the
meetings app never imports matters."""

from __future__ import annotations

from collections.abc import Mapping

from meetings.models import AgendaItem, Meeting
from meetings.registry import ProposedItem, propose_for_agenda, title_code

from .models import Matter


@title_code("matter")
def matter_title(params: Mapping) -> str:
    # The matter's own title, as it was raised.
    return str(params["title"])


@propose_for_agenda
def waiting_matters(meeting: Meeting) -> list[ProposedItem]:
    matters = Matter.objects.filter(
        county_id=meeting.county_id,
        body=meeting.body,
        instance=meeting.instance,
        state__in=[Matter.State.OPEN, Matter.State.PREPARATION],
    ).order_by("raised_on", "pk")
    return [
        ProposedItem.coded(
            "matter",
            {"matter": matter.pk, "title": matter.title[:300]},
            AgendaItem.Kind.DISCUSSION,
            f"matter:{matter.pk}",
        )
        for matter in matters
    ]
