"""Who an audit event names when no staff account took the step, in the reader's language.

The trail stores codes, never sentences (audit.services.record keeps the actor's `username`):
My pages log a family member as `portal:guardian:<id>` or `portal:individual:<id>`, a visitor
not yet known as `portal` (portal.visitor), and the platform's own work (the worker, a command)
has neither account nor name. The words are chosen here, when a page or a file shows them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

PORTAL = "portal"


def describe(code: str) -> str:
    """The code's words: a family member on My pages, the platform itself, or the code as it
    is for a staff account's user name."""
    kind, _sep, _rest = code.partition(":")
    if kind == PORTAL:
        role = _rest.partition(":")[0]
        if role == "guardian":
            return _("Guardian via My pages")
        if role == "individual":
            return _("The individual via My pages")
        return _("A visitor to My pages not yet logged in")
    if not code:
        return _("The platform itself")
    return code
