"""The inbox's kinds of audit event (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

REMINDERS_SET = EventKind(
    "inbox.reminders_set", Action.UPDATE, _("Chose how often to be reminded by mail")
)
