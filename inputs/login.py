"""The user name a login attempt gave, as the lockout (django-axes, AXES_USERNAME_CALLABLE)
records it: without the characters a database cannot store and no longer than a user name can
be, so that a typed name of any length or content counts as one more failed attempt instead of
failing to be stored (PostgreSQL refuses more than the column's 255 characters, and NUL)."""

from . import rules


def attempted_username(request, credentials: dict | None) -> str | None:
    given = (credentials or {}).get("username")
    if given is None:
        given = getattr(request, "POST", {}).get("username")
    if given is None:
        return None
    return rules.storable(str(given))[: rules.SEARCH]
