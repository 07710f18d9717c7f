"""Sections that other apps of the individual level add to a case's page.

Placements, deviations, disputes and the plan's exports live in their own apps beside `plans`;
the case page shows them without importing them. Each app registers a section in its
`AppConfig.ready` by the dotted path of its context function, which is imported when a case page
is first shown: starting a process (a command, a worker) loads none of the sections' views,
PDF or calendar libraries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.module_loading import import_string

from .models import Case


@dataclass(frozen=True)
class CaseView:
    """What a section knows of the page being shown: who reads which case, on what basis, when."""

    user: Any
    case: Case
    basis: Any
    today: date
    can_act: bool


@dataclass(frozen=True)
class CaseSection:
    key: str
    order: int
    template: str
    # The dotted path of the function (CaseView) -> dict | None giving the section's context,
    # or None when it has nothing to show on this case for this reader.
    context: str

    def context_for(self, view: CaseView) -> dict | None:
        function: Callable[[CaseView], dict | None] = import_string(self.context)
        return function(view)


_sections: dict[str, CaseSection] = {}


def register(section: CaseSection) -> None:
    _sections[section.key] = section


def shown(view: CaseView) -> list[tuple[str, dict]]:
    """(template, context) for every section with something to show, in the sections' order."""
    out = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context_for(view)
        if context is not None:
            out.append((section.template, context))
    return out
