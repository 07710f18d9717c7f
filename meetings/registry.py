"""What other apps add to a body's meetings, without meetings importing them: the apps above
(matters) register here what they propose for an agenda."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .models import Meeting


@dataclass(frozen=True)
class ProposedItem:
    """An agenda item another app proposes for a meeting: `origin` names it ("matter:12"), so
    that a proposal accepted once is not proposed again."""

    title: str
    kind: str  # an AgendaItem.Kind value
    origin: str
    presenter: str = ""
    minutes: int = 15


AgendaProposer = Callable[[Meeting], list[ProposedItem]]
AGENDA_PROPOSERS: list[AgendaProposer] = []


def propose_for_agenda(proposer: AgendaProposer) -> AgendaProposer:
    """Register a function that proposes agenda items for a meeting (a decorator)."""
    if proposer not in AGENDA_PROPOSERS:
        AGENDA_PROPOSERS.append(proposer)
    return proposer
