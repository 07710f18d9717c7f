"""Deadlines that other apps of the individual level add to an organisation's worklist.

Placements and deviations keep their own due dates (stored on their rows) and live above
`plans`; the worklist lists them beside the cases' deadlines without importing them. Each app
registers a source in its `AppConfig.ready`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from workdays.calendar import working_days_left


@dataclass(frozen=True)
class WorklistRow:
    """One deadline of another app: what it belongs to and what is due, in the reader's
    language, by when, and the page where it is met. No personal data."""

    title: str
    step: str
    due_on: datetime.date
    url: str
    working_days_left: int

    @property
    def overdue_by(self) -> int:
        return -self.working_days_left if self.working_days_left < 0 else 0


@dataclass(frozen=True)
class WorklistSource:
    key: str
    # (user, today) -> (title, step, due_on, url) for each deadline the user's organisation
    # must meet, in a constant number of queries.
    rows: Callable[[object, datetime.date], list[tuple[str, str, datetime.date, str]]]


_sources: dict[str, WorklistSource] = {}


def register(source: WorklistSource) -> None:
    _sources[source.key] = source


def rows_for(user, today: datetime.date) -> list[WorklistRow]:
    """Every registered source's deadlines, nearest first."""
    rows = [
        WorklistRow(title, step, due_on, url, working_days_left(today, due_on))
        for source in sorted(_sources.values(), key=lambda s: s.key)
        for title, step, due_on, url in source.rows(user, today)
    ]
    return sorted(rows, key=lambda row: (row.due_on, row.url))
