"""The inbox's one state change: a person chooses how often they are reminded by mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from audit.services import record
from structure.actions import ConflictError

from . import events
from .models import DEFAULT_FREQUENCY, ReminderSettings


@transaction.atomic
def do_set_reminder_frequency(
    actor, frequency: str, expected_version: int | None = None
) -> ReminderSettings:
    """The actor's own choice (never, daily, weekly); refused when their settings changed since
    `expected_version` was read (another tab, another device)."""
    if frequency not in ReminderSettings.Frequency.values:
        raise ValidationError(_("Choose how often you want to be reminded."))
    found, _created = ReminderSettings.objects.select_for_update().get_or_create(
        user=actor, defaults={"frequency": DEFAULT_FREQUENCY}
    )
    if expected_version is not None and found.version != expected_version:
        raise ConflictError(
            _(
                "Your reminder settings were changed elsewhere after you opened this page. Your "
                "choice is not saved: look at it again."
            )
        )
    before = found.frequency
    ReminderSettings.objects.filter(pk=found.pk).update(
        frequency=frequency, version=F("version") + 1
    )
    found.refresh_from_db()
    record(actor, events.REMINDERS_SET, found, changes={"frequency": [before, frequency]})
    return found
