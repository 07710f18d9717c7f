"""The titles of the agenda items that the rules and other apps make: stored as a code and its
parameters, never as a sentence, and written when shown, in the reader's language (a page, the
notice mail in its recipient's). An app above registers its own codes with `@title_code`
(matters: "matter").

Parameters hold codes (an office's role), ids and the agreement's or a user's own words (an
event's standing item, an action item's description, a matter's title), which read the same in
every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.translation import gettext as _

from agreements import labels

TitleWriter = Callable[[Mapping], str]
TITLES: dict[str, TitleWriter] = {}


def title_code(code: str) -> Callable[[TitleWriter], TitleWriter]:
    """Register the function that writes the title of agenda items of the code."""

    def register(writer: TitleWriter) -> TitleWriter:
        TITLES.setdefault(code, writer)
        return writer

    return register


def render(code: str, params: Mapping) -> str:
    """The title in the active language; an unknown code, or parameters that do not fit, as
    the code itself rather than an error on the page."""
    writer = TITLES.get(code)
    if writer is None:
        return code
    try:
        return writer(params)
    except (LookupError, TypeError, ValueError):
        return code


@title_code("election")
def _election(params: Mapping) -> str:
    offices = ", ".join(str(labels.OFFICES.get(role, role)) for role in params["offices"])
    return _("Election of the %(offices)s for the coming year") % {"offices": offices}


@title_code("programme")
def _programme(params: Mapping) -> str:
    return _("The programme, set by %(body)s") % {"body": params["body"]}


@title_code("event")
def _event_item(params: Mapping) -> str:
    # The agreement's own words for the event's standing item.
    return str(params["text"])


@title_code("action_item")
def _action_item(params: Mapping) -> str:
    return str(params["description"])
