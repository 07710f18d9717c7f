"""The sources of a person's inbox: one module per lower app (an app above the inbox registers its
own module with `register_module`), each registering a `Source` whose
`collect(user, today, limit)` returns the items that wait for the user, most urgent first, at
most `limit + 1` of them (one more than shown tells that there are more), in a constant number
of indexed queries read from dates each app keeps stored on its rows.

The inbox imports the lower apps only here; an app whose code is not in the tree has no module.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Item:
    """One thing that waits for the user. `what` and `next_step` name it in the active language
    without any personal data (a case is its number); `case_id` says which case's data the row
    shows, for the read to be logged."""

    source: str
    what: str
    next_step: str
    url: str
    due_on: datetime.date | None
    as_soon_as_possible: bool = False
    case_id: int | None = None

    def urgency(self, today: datetime.date) -> tuple:
        return urgency(self.due_on, self.as_soon_as_possible, today)

    def overdue(self, today: datetime.date) -> bool:
        return self.due_on is not None and self.due_on < today


def urgency(due_on: datetime.date | None, as_soon_as_possible: bool, today: datetime.date) -> tuple:
    """Overdue first (the longest overdue first), then as soon as possible, then the nearest
    due date, then what has no date: the inbox's order, which a source may apply to its rows
    before it makes items of the ones shown."""
    if due_on is not None and due_on < today:
        return (0, due_on)
    if as_soon_as_possible:
        return (1, today)
    if due_on is not None:
        return (2, due_on)
    return (3, datetime.date.max)


Collect = Callable[[object, datetime.date, int], list[Item]]


@dataclass(frozen=True)
class Source:
    """`shared`: for a source whose items are an organisation's rather than one person's (its
    cases' deadlines), the key its members share, so that a run over every person (the daily
    reminders) reads them once per organisation; None for a person's own items."""

    key: str
    collect: Collect
    shared: Callable[[object], Hashable] | None = None


def person_of(user):
    """The user's Person in the structure, or None: read once per user object (a run over
    every person reads them all with the users)."""
    return getattr(user, "person", None) if user.is_authenticated else None


def by_case_organisation(user) -> Hashable:
    """The organisation through which the user works with cases (plans.access), or None."""
    from plans.access import organisation_of

    organisation = organisation_of(user)
    return organisation.pk if organisation is not None else None


_sources: dict[str, Source] = {}

# The modules that register the sources, by the app each reads: one is loaded only when its
# app is installed.
MODULES = {
    "inbox.sources.cases": "plans",
    "inbox.sources.consent_expiry": "plans",
    "inbox.sources.meetings": "meetings",
    "inbox.sources.matters": "matters",
    "inbox.sources.participants": "structure",
    "inbox.sources.placements": "placements",
    "inbox.sources.deviations": "deviations",
    "inbox.sources.disputes": "disputes",
    "inbox.sources.portal": "portal",
}


def register_module(module: str, app: str) -> None:
    """A module of an app above the inbox that registers a source when first read."""
    MODULES[module] = app


def register(source: Source) -> Source:
    _sources[source.key] = source
    return source


@functools.cache
def _load() -> None:
    for module, app in MODULES.items():
        if apps.is_installed(app):
            import_string(f"{module}.SOURCE")


def sources() -> list[Source]:
    """Every source, its module imported on the first call: a process that shows no inbox
    (a command, the worker between rounds) loads none of the apps it reads."""
    _load()
    return sorted(_sources.values(), key=lambda source: source.key)
