"""The start page's count of what waits in the user's inbox: asked only by the pages that show
it (inbox/_count.html), as a callable the template calls."""

from .queries import waiting_count


def waiting(request) -> dict:
    def count() -> int:
        user = request.user
        # The inbox names cases: counted only past the second factor, as the inbox is shown.
        if not user.is_authenticated or not getattr(user, "is_verified", lambda: False)():
            return 0
        return waiting_count(user)

    return {"inbox_waiting": count}
