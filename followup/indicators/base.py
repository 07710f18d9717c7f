"""The indicator engine: what an indicator is, the periods and groups it is computed over, and
the small-number threshold that keeps figures about few individuals from being shown.

Indicator modules (individual.py, structure.py) build `Indicator`s and `register` them at import;
pages, open data and the annual report call `compute`, which applies the county's threshold, so
that no caller can forget it.
"""

import importlib
import pkgutil
import re
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import connection, transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from workdays.calendar import MAX_YEAR, MIN_YEAR

__all__ = [
    "BREAKDOWNS",
    "OTHER",
    "Breakdown",
    "Groups",
    "Indicator",
    "Period",
    "PeriodError",
    "Scope",
    "Unit",
    "Value",
    "compute",
    "groups",
    "once",
    "indicator",
    "indicators",
    "register",
]


class PeriodError(ValueError):
    """A period key that is not a year, half-year, quarter or month in the supported range.

    Its message is a sentence for the page (translated), never the raw input echoed back."""


_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:(?P<kind>[HQM])(?P<number>[0-9]{1,2}))?")
# How many parts of a year each kind of period has, and how many months each part spans.
_PARTS = {"H": (2, 6), "Q": (4, 3), "M": (12, 1)}


@dataclass(frozen=True)
class Period:
    """A calendar year, half-year, quarter or month, from `start` to `end` inclusive.

    Keys follow Kolada: "2026", "2026H1", "2026Q3", "2026M04"."""

    start: date
    end: date
    key: str

    @classmethod
    def parse(cls, key: str) -> "Period":
        match = _PERIOD.fullmatch(key.strip().upper()) if isinstance(key, str) else None
        if match is None:
            raise PeriodError(
                _(
                    "Give the period as a year (2026), half-year (2026H1), "
                    "quarter (2026Q3) or month (2026M04)."
                )
            )
        year = int(match["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": MIN_YEAR, "last": MAX_YEAR}
            )
        kind = match["kind"]
        if kind is None:
            return cls(date(year, 1, 1), date(year, 12, 31), f"{year}")
        parts, months = _PARTS[kind]
        number = int(match["number"])
        if not 1 <= number <= parts:
            raise PeriodError(_("There is no such half-year, quarter or month in a year."))
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        key = f"{year}{kind}{number:02d}" if kind == "M" else f"{year}{kind}{number}"
        return cls(
            date(year, first_month, 1), date(year, last_month, monthrange(year, last_month)[1]), key
        )

    def __str__(self) -> str:
        return self.key


class Unit(StrEnum):
    SHARE = "share"
    DAYS = "days"
    COUNT = "count"


class Breakdown(StrEnum):
    COUNTY = "county"
    AREA = "area"
    MUNICIPALITY = "municipality"
    PRINCIPAL = "principal"


BREAKDOWNS: dict[str, Promise] = {
    Breakdown.COUNTY: _("The whole county"),
    Breakdown.AREA: _("Per area"),
    Breakdown.MUNICIPALITY: _("Per municipality"),
    Breakdown.PRINCIPAL: _("Per principal"),
}


@dataclass(frozen=True)
class Scope:
    """What an indicator is computed over."""

    county: County
    period: Period
    breakdown: str = Breakdown.COUNTY


@dataclass(frozen=True)
class Value:
    """One figure of one indicator for one group in one period.

    `value` None means no data (nothing to count), never 0; `suppressed` means there were
    individuals to count but fewer than the county's threshold, so nothing about them is given."""

    indicator: str
    period: str
    group: str
    group_label: str
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    distribution: dict[str, int] | None = None
    suppressed: bool = False
    # Cells of the distribution left out under the threshold (shown as "fewer than N").
    hidden_cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Indicator:
    key: str
    title: Promise
    definition: Promise
    source: str
    unit: Unit
    personal: bool
    # The function, or its dotted path (resolved at the first call).
    compute: Callable[[Scope], list[Value]] | str

    def values(self, scope: Scope) -> list[Value]:
        """The values before the threshold: callers go through `compute` below."""
        function = import_string(self.compute) if isinstance(self.compute, str) else self.compute
        return function(scope)


OTHER = "other"


@dataclass(frozen=True)
class Groups:
    """The groups of a breakdown, in the order shown, and which group each principal's cases
    fall in. Cases belong to the principal of the organisation that holds them; under the area
    and municipality breakdowns the region's and associations' cases form one group of their own
    (`OTHER`), so that the groups still add up to the county."""

    labels: dict[str, str]
    of_principal: dict[str, str]
    default: str

    def of(self, principal: str) -> str:
        return self.of_principal.get(principal, self.default)


_memo: ContextVar[dict | None] = ContextVar("followup_indicators_memo", default=None)


def once(key: tuple, make: Callable[[], Any]) -> Any:
    """`make()`, made once per call of `compute` for the same key: what every indicator of a
    county reads alike (its groups, its rules) is read once, not once per indicator. Outside
    `compute` it is made each time."""
    memo = _memo.get()
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def groups(scope: Scope) -> Groups:
    """The breakdown's groups from the county's agreement in force (one to three queries, once
    per `compute`)."""
    return once(("groups", scope.county.pk, scope.breakdown), lambda: _groups(scope))


def _groups(scope: Scope) -> Groups:
    from agreements.models import Agreement, Area, Party

    if scope.breakdown == Breakdown.COUNTY:
        return Groups(labels={"": scope.county.name}, of_principal={}, default="")
    agreement = Agreement.objects.structure_in_force(county=scope.county)
    parties = list(Party.objects.filter(agreement=agreement)) if agreement else []
    other = str(_("Region and other principals"))
    if scope.breakdown == Breakdown.PRINCIPAL:
        labels = {party.key: party.name for party in parties}
        return Groups(
            labels={**labels, OTHER: str(_("Other principals"))},
            of_principal={k: k for k in labels},
            default=OTHER,
        )
    municipalities = [party for party in parties if party.kind == "municipality"]
    if scope.breakdown == Breakdown.MUNICIPALITY:
        labels = {party.scb_code or party.key: party.name for party in municipalities}
        of_principal = {party.key: party.scb_code or party.key for party in municipalities}
        return Groups(labels={**labels, OTHER: other}, of_principal=of_principal, default=OTHER)
    areas = (
        Area.objects.filter(agreement=agreement).prefetch_related("municipalities")
        if agreement
        else []
    )
    labels, of_principal = {}, {}
    for area in areas:
        labels[area.key] = area.name
        for party in area.municipalities.all():
            of_principal[party.key] = area.key
    return Groups(labels={**labels, OTHER: other}, of_principal=of_principal, default=OTHER)


PERCENT = Decimal("0.1")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """The share in per cent to one decimal; None when there is nothing to share."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(PERCENT)


def median(counts: Counter) -> Decimal | None:
    """The median of values given as value -> how many, to one decimal; None when empty."""
    total = sum(counts.values())
    if not total:
        return None
    middle, seen, lower = (total - 1) // 2, 0, None
    for value in sorted(counts):
        seen += counts[value]
        if lower is None and seen > middle:
            lower = value
        if seen > total // 2:
            return (Decimal(lower + value) / 2).quantize(PERCENT)
    raise AssertionError("unreachable: the counts were not empty")


@dataclass
class Tally:
    """What one group adds up to: cases that met a rule out of those it applied to, the days
    each took, and how many fell in each cell of a distribution."""

    met: int = 0
    counted: int = 0
    days: Counter = field(default_factory=Counter)
    cells: Counter = field(default_factory=Counter)


def group_values(
    key: str, scope: Scope, unit: Unit, tallies: dict[str, Tally], cells: Iterable[str] = ()
) -> list[Value]:
    """One value per group of the breakdown, in its order, from the groups' tallies: a share
    of `met` in `counted`, the median of `days`, or the count of `counted`. A group without
    anything counted is "no data"; the catch-all group `OTHER` is left out then. `cells` are
    the distribution's cells in order, so that an empty cell still shows as 0."""
    found = groups(scope)
    values = []
    for group, label in found.labels.items():
        tally = tallies.get(group) or Tally()
        if group == OTHER and not tally.counted:
            continue
        distribution = None
        if tally.cells or cells:
            distribution = {cell: tally.cells.get(cell, 0) for cell in cells} or dict(tally.cells)
        if unit == Unit.SHARE:
            value, numerator = percent(tally.met, tally.counted), tally.met
        elif unit == Unit.DAYS:
            value, numerator = median(tally.days), None
        else:
            value, numerator = (Decimal(tally.counted) if tally.counted else None), tally.counted
        values.append(
            Value(
                indicator=key,
                period=scope.period.key,
                group=group,
                group_label=label,
                value=value,
                numerator=numerator if tally.counted else None,
                denominator=tally.counted if unit != Unit.COUNT and tally.counted else None,
                distribution=distribution if tally.counted else None,
            )
        )
    return values


_REGISTRY: dict[str, Indicator] = {}


def register(item: Indicator) -> Indicator:
    if item.key in _REGISTRY and _REGISTRY[item.key] is not item:
        raise ValueError(f"indicator {item.key!r} is registered twice")
    _REGISTRY[item.key] = item
    return item


def _load() -> None:
    # Every module of this package registers its indicators at import; importing them all here
    # keeps the registry whole however the engine is reached (page, open data, report, shell).
    package = importlib.import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "base":
            importlib.import_module(f"{__package__}.{module.name}")


def indicators() -> list[Indicator]:
    _load()
    return list(_REGISTRY.values())


def indicator(key: str) -> Indicator:
    """The indicator of that key; KeyError when there is none."""
    _load()
    return _REGISTRY[key]


def threshold(county: County) -> int:
    from followup.models import FollowupSettings

    return FollowupSettings.threshold_for(county)


def _counted(value: Value) -> int:
    # A group counts its individuals in the denominator (a share, a median, a distribution)
    # or, for a plain count, in the numerator.
    counted = value.denominator if value.denominator is not None else value.numerator
    return counted or 0


def _to_hide(sizes: dict[str, int], minimum: int) -> set[str]:
    """The parts (groups or cells) not to show: those under the threshold, and then the
    smallest others until what is hidden adds up to the threshold, so that no hidden part can
    be worked out from a total and the parts shown."""
    hidden = {part for part, size in sizes.items() if 0 < size < minimum}
    shown = sorted((size, part) for part, size in sizes.items() if size and part not in hidden)
    while hidden and sum(sizes[part] for part in hidden) < minimum and shown:
        hidden.add(shown.pop(0)[1])
    return hidden


def suppress(values: list[Value], minimum: int) -> list[Value]:
    """One personal indicator's values as they may be shown: nothing about fewer than
    `minimum` individuals, whether of a group or of a cell of a group's distribution."""
    hidden_groups = _to_hide({v.group: _counted(v) for v in values}, minimum)
    shown = []
    for value in values:
        if value.group in hidden_groups:
            value = replace(
                value,
                value=None,
                numerator=None,
                denominator=None,
                distribution=None,
                suppressed=True,
            )
        elif value.distribution:
            cells = _to_hide(value.distribution, minimum)
            if cells:
                kept = {c: n for c, n in value.distribution.items() if c not in cells}
                value = replace(value, distribution=kept, hidden_cells=tuple(sorted(cells)))
        shown.append(value)
    return shown


def compute(
    county: County,
    period: Period | str,
    breakdown: str = Breakdown.COUNTY,
    keys: Iterable[str] | None = None,
) -> list[Value]:
    """The values of the chosen indicators (all by default), with the threshold applied to the
    personal ones. ValueError (PeriodError for the period) on a bad period, breakdown or key."""
    if not isinstance(period, Period):
        period = Period.parse(period)
    if breakdown not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {breakdown!r}")
    chosen = indicators() if keys is None else [_checked(key) for key in keys]
    scope = Scope(county=county, period=period, breakdown=breakdown)
    minimum = threshold(county)
    values: list[Value] = []
    token = _memo.set({})
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # The indicators' grouping queries take a fraction of a second; PostgreSQL's
                # JIT, set off by their correlated subqueries' cost estimates, spent more
                # compiling them than running them (0.7 of 1.0 s at 200,000 cases).
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL jit = off")
            for item in chosen:
                computed = item.values(scope)
                values.extend(suppress(computed, minimum) if item.personal else computed)
    finally:
        _memo.reset(token)
    return values


def _checked(key: str) -> Indicator:
    try:
        return indicator(key)
    except KeyError:
        raise ValueError(f"unknown indicator {key!r}") from None
