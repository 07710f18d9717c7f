"""What every page's menu needs to know about the user's rights, asked once per request."""

from .roles import works_with_individuals


def rights(request) -> dict:
    # Lazy, so that pages without a menu entry for cases never ask.
    return {"works_with_individuals": lambda: works_with_individuals(request.user)}
