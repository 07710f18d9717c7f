"""A person's inbox: everything that waits for them, gathered from every registered source
(inbox.sources), most urgent first. Each source answers in a fixed number of indexed queries,
so the inbox costs the same however many cases, meetings and matters there are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from workdays.calendar import OutOfRangeError, add_working_days

from .models import DEFAULT_FREQUENCY, ReminderSettings
from .sources import Item, sources

# The inbox shows at most this many items of each source, the most urgent; a source with more
# says so. More than that is a backlog to take up with one's manager, not a list to read.
SHOWN_PER_SOURCE = 100
# "Due soon": within this many working days; what the reminders announce before the day.
SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class Inbox:
    items: list[Item]
    today: datetime.date
    # Sources that had more items than the inbox shows.
    truncated: bool

    @property
    def overdue(self) -> list[Item]:
        return [item for item in self.items if item.overdue(self.today)]

    @property
    def count(self) -> int:
        return len(self.items)

    def soon_until(self) -> datetime.date:
        try:
            return add_working_days(self.today, SOON_WORKING_DAYS)
        except OutOfRangeError:
            return self.today

    def tally(self) -> dict[str, int]:
        """How many items are overdue, due today (or as soon as possible), due within the
        next working days, and later or undated: what a reminder says, and nothing more."""
        until = self.soon_until()
        tally = {"overdue": 0, "today": 0, "soon": 0, "later": 0}
        for item in self.items:
            if item.overdue(self.today):
                tally["overdue"] += 1
            elif item.as_soon_as_possible or item.due_on == self.today:
                tally["today"] += 1
            elif item.due_on is not None and item.due_on <= until:
                tally["soon"] += 1
            else:
                tally["later"] += 1
        return tally


def inbox_for(user, today: datetime.date | None = None, shared: dict | None = None) -> Inbox:
    """Everything waiting for the user, overdue first (the longest overdue first), then as
    soon as possible, then by due date, then what has no date. `shared`: a dict kept over a
    run through many people, in which the items an organisation's members share are read
    once (inbox.sources.Source.shared)."""
    today = today or timezone.localdate()
    items: list[Item] = []
    truncated = False
    for source in sources():
        if shared is not None and source.shared is not None:
            key = (source.key, source.shared(user))
            if key not in shared:
                shared[key] = source.collect(user, today, SHOWN_PER_SOURCE)
            found = shared[key]
        else:
            found = source.collect(user, today, SHOWN_PER_SOURCE)
        truncated = truncated or len(found) > SHOWN_PER_SOURCE
        items += found[:SHOWN_PER_SOURCE]
    items.sort(key=lambda item: item.urgency(today))
    return Inbox(items, today, truncated)


def waiting_count(user, today: datetime.date | None = None) -> int:
    """How many items wait for the user: the start page's count."""
    return inbox_for(user, today).count


def frequency_of(user) -> str:
    found = ReminderSettings.objects.filter(user=user).values_list("frequency", flat=True).first()
    return found or DEFAULT_FREQUENCY
