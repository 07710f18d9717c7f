"""The follow-up indicators: the engine in base.py, the indicators in the other modules."""

from .base import (
    BREAKDOWNS,
    OTHER,
    Breakdown,
    Groups,
    Indicator,
    Period,
    PeriodError,
    Scope,
    Unit,
    Value,
    compute,
    groups,
    indicator,
    indicators,
    register,
)

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
    "indicator",
    "indicators",
    "register",
]
