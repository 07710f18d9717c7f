"""Kinds of audit event: a stable code, what kind of access it is, and the sentence that says it.

An event stores its code and parameters, never a sentence: the sentence is written in the
reader's language when the event is shown, so that a corrected translation corrects every event
shown from then on and the legal record holds no translation at all. Each app that records events
declares its kinds in its own `events.py`; audit imports every installed app's `events` module
when it starts (`AuditConfig.ready`) and imports no app by name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Action

_KINDS: dict[str, EventKind] = {}


@dataclass(frozen=True)
class EventKind:
    """`message` is a lazy translation with `%(name)s` for each parameter; `present`, if given,
    turns stored parameters (codes, dates) into the words shown, in the reader's language."""

    code: str
    action: Action
    message: str | Promise
    present: Callable[[Mapping], Mapping] | None = field(default=None, compare=False)

    def __post_init__(self):
        known = _KINDS.setdefault(self.code, self)
        if known != self:
            raise ValueError(f"audit event code {self.code!r} is declared twice")


def kind_of(code: str) -> EventKind | None:
    return _KINDS.get(code)


def describe(code: str, params) -> str:
    """The event's sentence in the active language. Whatever is stored, something readable: an
    unknown code as itself, a message whose parameters do not fit without them."""
    kind = _KINDS.get(code)
    if kind is None:
        return code
    message = str(kind.message)
    if not isinstance(params, Mapping):
        params = {}
    try:
        return message % (kind.present(params) if kind.present else params)
    except (LookupError, TypeError, ValueError, AttributeError):  # whatever a row holds
        return _PLACEHOLDER.sub("…", message)


_PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]")


# The chain's own events.
CHAIN_KEYED = EventKind(
    "audit.chain_keyed",
    Action.UPDATE,
    _(
        "The audit trail was moved to a keyed chain: the %(legacy_events)s events before this "
        "one are chained by unkeyed hashes only"
    ),
)

RETENTION_REMOVED = EventKind(
    "audit.retention_removed",
    Action.DELETE,
    _(
        "Retention removed the %(count)s oldest audit events, recorded before %(before)s; the "
        "chain now starts from a signed checkpoint at event %(event)s"
    ),
)


def _admin_words(params: Mapping) -> Mapping:
    """The model and its fields by their names in the reader's language, where the model is
    still installed; otherwise as stored."""
    try:
        options = apps.get_model(params["model"])._meta
    except (LookupError, ValueError):
        return {**params, "fields": ", ".join(params.get("fields", ())) or "–"}
    names = []
    for name in params.get("fields", ()):
        try:
            names.append(str(options.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a form's own field, such as a password's confirmation
            names.append(str(name))
    return {**params, "model": options.verbose_name, "fields": ", ".join(names) or "–"}


ADMIN_ADDED = EventKind(
    "admin.added",
    Action.CREATE,
    _("Added %(model)s %(object_id)s in the admin site"),
    _admin_words,
)
ADMIN_CHANGED = EventKind(
    "admin.changed",
    Action.UPDATE,
    _("Changed %(model)s %(object_id)s in the admin site (fields: %(fields)s)"),
    _admin_words,
)
ADMIN_DELETED = EventKind(
    "admin.deleted",
    Action.DELETE,
    _("Removed %(model)s %(object_id)s in the admin site"),
    _admin_words,
)
