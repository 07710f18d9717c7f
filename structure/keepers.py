"""Who keeps the live structure, and who is told when its participants change.

The structure stands below the accounts (ARCHITECTURE.md, floors): the roles that answer both
questions live in `accounts.roles`, which registers them here when the accounts app is ready, so
that the structure asks without importing upward. Until something registers, only a superuser
keeps the structure and nobody is mailed.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Keepers:
    may_keep: Callable[[object], bool]
    coordinator_addresses: Callable[[], list[str]]


KEEPERS = Keepers(
    may_keep=lambda user: bool(getattr(user, "is_superuser", False)),
    coordinator_addresses=list,
)


def register(
    *, may_keep: Callable[[object], bool], coordinator_addresses: Callable[[], list[str]]
) -> None:
    """Set the roles' answers (called once, from the accounts app's `ready`)."""
    KEEPERS.may_keep = may_keep
    KEEPERS.coordinator_addresses = coordinator_addresses


def may_keep_structure(user) -> bool:
    """Whether the user may change appointments and offices of the live structure."""
    return KEEPERS.may_keep(user)


def coordinator_addresses() -> list[str]:
    """The addresses of the coordinators (Samverkanskoordinator), sorted, each once."""
    return KEEPERS.coordinator_addresses()
