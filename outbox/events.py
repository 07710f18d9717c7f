"""The outbox's kinds of audit event (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

MAIL_RETRIED = EventKind(
    "outbox.mail_retried", Action.UPDATE, _("Asked for a mail that was not sent to be sent again")
)
