"""Deadlines that other apps of the individual level add to an organisation's worklist.

Placements and deviations keep their own due dates (stored on their rows) and live above
`plans`; the worklist lists them beside the cases' deadlines without importing them. Each app
registers a source in its `AppConfig.ready` by the dotted path of its function.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.module_loading import import_string

from .deadlines import TimeLeft


@dataclass(frozen=True)
class WorklistRow(TimeLeft):
    """One deadline of another app: what it belongs to and what is due, in the reader's
    language, by when, and the page where it is met. No personal data."""

    title: str
    step: str
    due_on: datetime.date
    url: str
    working_days_left: int | None
    # What only a case's deadline has (`plans.worklist.CaseDeadline`).
    acute = False
    opened = ""


@dataclass(frozen=True)
class WorklistSource:
    key: str
    # The dotted path of a function (user, today) -> (title, step, due_on, url) for each
    # deadline the user's organisation must meet, in a constant number of queries; imported
    # when a worklist is first shown, so that registering loads nothing of the app.
    rows: str

    def rows_for(self, user, today: datetime.date) -> list[tuple[str, str, datetime.date, str]]:
        return import_string(self.rows)(user, today)


_sources: dict[str, WorklistSource] = {}


def register(source: WorklistSource) -> None:
    _sources[source.key] = source


def registered() -> list[WorklistSource]:
    return sorted(_sources.values(), key=lambda s: s.key)
