"""Offices and their rotation: who should hold an office in each term, from the agreement's rules.

The agreement says how an office passes between the parties (`agreements.schema.Rotation`); the
recorded office terms say where the cycle stands. The schedule continues from the latest
recorded term, so a term extended by the body's own decision shifts the cycle rather than
breaking it. Where nothing is recorded, a cycle whose start the agreement names
(`starts_with`) begins with the agreement's validity; otherwise it cannot be placed and the
schedule says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agreements import schema
from agreements.schema import Agreement, Office, Selector

MAX_TERMS = 50


@dataclass(frozen=True)
class ExpectedTerm:
    """A term of an office and who should hold it (None when the rules do not say)."""

    starts: datetime.date
    ends: datetime.date
    holder: Selector | None
    recorded: bool = False


@dataclass(frozen=True)
class RecordedTerm:
    """What the schedule needs to know of an office term held or decided."""

    starts: datetime.date
    ends: datetime.date | None
    principal: str


def term_years(office: Office) -> int:
    return office.term.years if office.term and office.term.years else 1


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def term_end(office: Office, starts: datetime.date) -> datetime.date:
    """The last day of a term that starts on `starts`."""
    years = term_years(office)
    if office.term and office.term.calendar_year:
        return datetime.date(starts.year + years - 1, 12, 31)
    return add_years(starts, years) - datetime.timedelta(days=1)


def matches(agreement: Agreement, selector: Selector, principal: str) -> bool:
    """Whether a holder from this party satisfies a rotation step or holder rule.

    A step named only by a seat, sector or label cannot be told from the party alone: it fits.
    """
    return agreement.party_fits(principal, selector.party, selector.party_kind)


def step_of(agreement: Agreement, rotation: schema.Rotation, principal: str) -> int | None:
    """Which step of an alternation a holder from this party is, if any."""
    for index, selector in enumerate(rotation.between):
        if matches(agreement, selector, principal):
            return index
    return None


def schedule(
    agreement: Agreement,
    body: schema.Body,
    office: Office,
    recorded: list[RecordedTerm],
    until: datetime.date,
    recorded_of: list[RecordedTerm] | None = None,
) -> list[ExpectedTerm]:
    """The recorded terms and the expected terms after the latest one, up to `until`.

    For an office that follows another or goes to its other side, `recorded_of` holds the
    other office's recorded terms, which place this one's cycle.
    """
    rotation = office.rotation
    if rotation is not None and rotation.kind in {"opposite", "follows"}:
        return _derived(agreement, body, office, recorded, until, recorded_of or [])
    recorded = sorted(recorded, key=lambda term: term.starts)
    terms = [
        ExpectedTerm(
            term.starts,
            term.ends or term_end(office, term.starts),
            _holder_after(agreement, rotation, recorded[:index], term),
            recorded=True,
        )
        for index, term in enumerate(recorded)
    ]
    if recorded:
        starts = terms[-1].ends + datetime.timedelta(days=1)
        step = _step_after(agreement, rotation, recorded[-1].principal)
    else:
        starts, step = _first_term(agreement, office)
        if starts is None:
            return terms
    while starts <= until and len(terms) < MAX_TERMS:
        ends = term_end(office, starts)
        terms.append(ExpectedTerm(starts, ends, _holder(rotation, step)))
        starts = ends + datetime.timedelta(days=1)
        if step is not None and rotation is not None and rotation.between:
            step = (step + 1) % len(rotation.between)
    return terms


def _first_term(agreement: Agreement, office: Office) -> tuple[datetime.date | None, int | None]:
    rotation = office.rotation
    valid_from = agreement.validity.valid_from if agreement.validity else None
    if valid_from is None:
        return None, None
    if office.term and office.term.calendar_year:
        valid_from = datetime.date(valid_from.year, 1, 1)
    if rotation is None or rotation.kind != "alternate":
        return valid_from, None
    return valid_from, rotation.starts_with


def _holder(rotation: schema.Rotation | None, step: int | None) -> Selector | None:
    if rotation is None:
        return None
    if rotation.kind == "fixed":
        return rotation.holder
    if rotation.kind == "alternate" and step is not None:
        return rotation.between[step]
    return None


def _step_after(agreement: Agreement, rotation: schema.Rotation | None, principal: str):
    if rotation is None or rotation.kind != "alternate":
        return None
    step = step_of(agreement, rotation, principal)
    return None if step is None else (step + 1) % len(rotation.between)


def _holder_after(agreement, rotation, before: list[RecordedTerm], term: RecordedTerm):
    """Who should have held a recorded term, judged from the term before it."""
    if rotation is None:
        return None
    if rotation.kind != "alternate":
        return _holder(rotation, None)
    if not before:
        # The first recorded term places the cycle: whoever held it was right, unless the
        # agreement names who starts and the term began with the agreement.
        return _holder(rotation, step_of(agreement, rotation, term.principal))
    return _holder(rotation, _step_after(agreement, rotation, before[-1].principal))


def _derived(agreement, body, office, recorded, until, recorded_of) -> list[ExpectedTerm]:
    """An office that goes with another (`follows`) or to the other side (`opposite`)."""
    rotation = office.rotation
    other = next((o for o in body.offices if o.role == rotation.of), None)
    if other is None or other.rotation is None or other.rotation.kind != "alternate":
        return [
            ExpectedTerm(t.starts, t.ends or term_end(office, t.starts), None, True)
            for t in recorded
        ]
    return [
        ExpectedTerm(term.starts, term.ends, _derive_holder(rotation, other.rotation, term.holder))
        for term in schedule(agreement, body, other, recorded_of, until)
    ]


def _derive_holder(rotation, other_rotation, holder: Selector | None) -> Selector | None:
    if holder is None:
        return None
    if rotation.kind == "follows":
        return holder
    others = [step for step in other_rotation.between if step != holder]
    return others[0] if len(others) == 1 else None
