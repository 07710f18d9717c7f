"""What every page's menu needs to know about the user's rights, asked once per request."""

from .roles import can_manage_structure, works_with_individuals


def rights(request) -> dict:
    # Lazy, so that pages without a menu entry for cases never ask. Before the second factor
    # the cases are not yet open to the user, so the menu does not offer them either.
    def has_cases() -> bool:
        verified = getattr(request.user, "is_verified", lambda: False)()
        return verified and works_with_individuals(request.user)

    def manages_structure() -> bool:
        return can_manage_structure(request.user)

    return {"works_with_individuals": has_cases, "manages_structure": manages_structure}
