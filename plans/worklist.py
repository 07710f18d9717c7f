"""Every open deadline of an organisation's cases, most urgent first: as soon as possible, then
overdue and nearest. Read from the pending deadlines the services keep with each case, so that
the list is the same few indexed queries however many cases an organisation has handled."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from workdays.calendar import working_days_left

from . import worklist_sources
from .access import visible_case_ids
from .deadlines import STEP_LABELS, Due, TimeLeft
from .listed import case_title, opened_line
from .models import Case, PendingDeadline


@dataclass(frozen=True)
class OpenDeadline(TimeLeft):
    """A deadline of a case the page has read whole (the case page)."""

    case: Case
    due: Due
    working_days_left: int | None


@dataclass(frozen=True)
class CaseDeadline(TimeLeft):
    """A case's open deadline as the worklist lists it, beside the other apps' rows
    (`worklist_sources.WorklistRow`) and in their words: the case's number, whether it is acute,
    when and by whom it was opened. No personal data."""

    case_id: int
    acute: bool
    opened_at: datetime.datetime
    opened_by: str
    step_code: str  # "notice", "meeting" or "follow_up"
    due_on: datetime.date | None  # None: as soon as possible
    working_days_left: int | None

    @property
    def title(self) -> str:
        return case_title(self.case_id)

    @property
    def url(self) -> str:
        return reverse("plans:case", args=[self.case_id])

    @property
    def step(self) -> str:
        return str(STEP_LABELS[self.step_code])

    @property
    def opened(self) -> str:
        return opened_line(self.opened_at, self.opened_by)


@dataclass(frozen=True)
class Window:
    """One page of a list that is not counted on every look (the count would cost as much as
    the page): its rows, and whether more follow."""

    number: int
    rows: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


LAST_PAGE = 1_000_000


def page_number(number: str | None) -> int:
    try:
        # A page far past any list's end is an empty page, not an offset the database refuses.
        return min(max(1, int(number or 1)), LAST_PAGE)
    except ValueError:
        return 1


def window(queryset, number: str | None, size: int) -> Window:
    number = page_number(number)
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Window(number, rows[:size], len(rows) > size)


URGENT_FIRST = (F("due_on").asc(nulls_first=True), "case_id", "pk")
# What a `CaseDeadline` is made of, read as plain values: a page's rows are only shown.
SHOWN = (
    "case_id",
    "case__acute",
    "case__opened_at",
    "case__opening_organisation__name",
    "step",
    "due_on",
)


def pending_for(user, today: datetime.date | None = None):
    """The pending deadlines of the cases the user sees, most urgent first, to be sliced
    (`page_of`)."""
    today = today or timezone.localdate()
    return PendingDeadline.objects.filter(case_id__in=visible_case_ids(user, today)).order_by(
        *URGENT_FIRST
    )


def page_of(pending, start: int, stop: int):
    """Rows `start` to `stop` of `pending_for`, with their cases: the page is cut from the
    deadlines alone, and only its rows are joined to their cases and individuals (a database
    joins every row it sorts: an organisation's 456 deadlines for a page of 51)."""
    return (
        PendingDeadline.objects.filter(pk__in=pending.values("pk")[start:stop])
        .order_by(*URGENT_FIRST)
        .values_list(*SHOWN)
    )


def open_deadlines(user, today: datetime.date | None = None, rows=None) -> list[CaseDeadline]:
    """The open deadlines as the worklist shows them; `rows`: a page of `pending_for`."""
    today = today or timezone.localdate()
    if rows is None:
        rows = pending_for(user, today).values_list(*SHOWN)
    return [
        CaseDeadline(
            case_id,
            acute,
            opened_at,
            opened_by,
            step,
            due_on,
            working_days_left(today, due_on) if due_on is not None else None,
        )
        for case_id, acute, opened_at, opened_by, step, due_on in rows
    ]


def _other_rows(user, today: datetime.date) -> list[worklist_sources.WorklistRow]:
    """Every registered source's deadlines, nearest first."""
    rows = [
        worklist_sources.WorklistRow(title, step, due_on, url, working_days_left(today, due_on))
        for source in worklist_sources.registered()
        for title, step, due_on, url in source.rows_for(user, today)
    ]
    return sorted(rows, key=lambda row: (row.due_on, row.url))


def worklist_window(user, today: datetime.date, number: str | None, size: int) -> Window:
    """One page of the worklist: the cases' open deadlines (`CaseDeadline`) and the other apps'
    (`worklist_sources.WorklistRow`) in one order, as soon as possible first, then by day, a
    case's deadline before another app's on the same day. The other apps' deadlines are few and
    read whole; the cases' are paged in the database after one query that counts, for each other
    row, the cases' deadlines before it, so that the page costs the same queries on any page."""
    number = page_number(number)
    start = (number - 1) * size
    others = _other_rows(user, today)
    pending = pending_for(user, today)
    before = []
    if others:
        counts = pending.order_by().aggregate(
            **{
                f"row{k}": Count("pk", filter=Q(due_on__isnull=True) | Q(due_on__lte=row.due_on))
                for k, row in enumerate(others)
            }
        )
        before = [counts[f"row{k}"] for k in range(len(others))]

    def position(index: int) -> int:
        # The case deadline at `index` stands after each other row with no more before it.
        return index + sum(1 for count in before if count <= index)

    first = max(0, start - len(others))
    while position(first) < start:
        first += 1
    cases = open_deadlines(user, today, page_of(pending, first, first + size + 1))
    placed = [(position(first + k), item) for k, item in enumerate(cases)]
    placed += [(k + count, row) for k, (row, count) in enumerate(zip(others, before, strict=True))]
    placed = sorted(((at, item) for at, item in placed if at >= start), key=lambda pair: pair[0])
    return Window(
        number,
        [item for at, item in placed if at < start + size],
        any(at >= start + size for at, _item in placed),
    )
