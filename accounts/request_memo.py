"""What one request reads more than once, read once: the agreement's rules, who the viewer may
see. Kept while accounts.middleware.SessionLimitsMiddleware serves the request and dropped at
its end, so that nothing outlives it; outside a request (a command, a test calling a service)
every call reads anew."""

from collections.abc import Callable, Hashable
from contextlib import contextmanager
from typing import TypeVar

from asgiref.local import Local

T = TypeVar("T")
_local = Local()


@contextmanager
def request_scope():
    _local.memo = {}
    try:
        yield
    finally:
        _local.memo = None


def once(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, asked at most once per request for the key."""
    memo = getattr(_local, "memo", None)
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]
