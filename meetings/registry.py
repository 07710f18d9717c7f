"""What other apps add to a body's meetings, without meetings importing them: the apps above
(matters) register here what they propose for an agenda, and how its titles are written
(`title_code`, from meetings.titles)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import titles
from .models import Meeting
from .titles import title_code

__all__ = ["AGENDA_PROPOSERS", "ProposedItem", "propose_for_agenda", "title_code"]


@dataclass(frozen=True)
class ProposedItem:
    """An agenda item proposed for a meeting, by the rules or another app: `origin` names it
    ("matter:12"), so that a proposal accepted once is not proposed again. An item the rules
    or an app make has a title `code` and its `params` (meetings.titles), stored as such; its
    `title` is then written in the active language, for the page that shows the proposal."""

    title: str
    kind: str  # an AgendaItem.Kind value
    origin: str
    presenter: str = ""
    minutes: int = 15
    code: str = ""
    params: Mapping = field(default_factory=dict)

    @classmethod
    def coded(cls, code: str, params: Mapping, kind: str, origin: str) -> ProposedItem:
        return cls(titles.render(code, params), kind, origin, code=code, params=dict(params))


AgendaProposer = Callable[[Meeting], list[ProposedItem]]
AGENDA_PROPOSERS: list[AgendaProposer] = []


def propose_for_agenda(proposer: AgendaProposer) -> AgendaProposer:
    """Register a function that proposes agenda items for a meeting (a decorator)."""
    if proposer not in AGENDA_PROPOSERS:
        AGENDA_PROPOSERS.append(proposer)
    return proposer
