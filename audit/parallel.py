"""Running a function over tasks in worker processes, each with its own database connection:
`audit verify` splits the chain into segments that verify independently of each other."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.db import connection, connections


def workers() -> int:
    """How many processes to use: the setting's cap, at most every core."""
    cores = os.cpu_count() or 1
    return max(1, min(settings.SAMVERKAN_AUDIT_VERIFY_WORKERS or cores, cores))


def can_share() -> bool:
    """Whether other processes see what this connection sees: PostgreSQL outside a transaction
    (SQLite is the development database, in memory in the tests)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def _start(settings_module: str, database: str, audit_key: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()
    # The database this process uses (a test database has a name of its own) and the chain's key
    # as this process has it.
    connections["default"].settings_dict["NAME"] = database
    settings.SAMVERKAN_AUDIT_KEY = audit_key


def run(function: Callable, tasks: Iterable, processes: int) -> list:
    """`function` over `tasks` in `processes` fresh processes ('spawn': nothing of this one's
    state, its connections least of all, is carried over), results in the tasks' order."""
    connections.close_all()
    with ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(
            os.environ["DJANGO_SETTINGS_MODULE"],
            connection.settings_dict["NAME"],
            settings.SAMVERKAN_AUDIT_KEY,
        ),
    ) as pool:
        return list(pool.map(function, tasks))
