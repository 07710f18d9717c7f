"""The indicators an agreement's effect goals may name.

The indicators are computed above the agreements (followup, floor 5). That app installs its
catalogue here when it starts, so that validation refuses an effect goal naming an unknown
indicator and the agreement page names an indicator by its title, without this floor importing
upward.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

_catalogue: Callable[[], Mapping[str, str]] | None = None


def install(catalogue: Callable[[], Mapping[str, str]]) -> None:
    """`catalogue` returns every indicator's key with its title in the active language."""
    global _catalogue
    _catalogue = catalogue


def indicator_titles() -> Mapping[str, str] | None:
    """Every known indicator's title by key; None where no catalogue is installed (the
    agreements read without the platform's apps), and then no key can be checked."""
    return None if _catalogue is None else _catalogue()
