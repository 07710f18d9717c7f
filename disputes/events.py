"""The disputes' kinds of audit event: each a stable code and the sentence shown for it, in
the reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

DISPUTE_RAISED = EventKind("disputes.raised", Action.CREATE, _("Raised dispute %(number)s"))
DISPUTE_READ = EventKind("disputes.read", Action.READ, _("Read dispute %(number)s"))
DISPUTE_REFUSED = EventKind("disputes.refused", Action.REFUSED, _("Refused to show a dispute"))
DISPUTE_STATED = EventKind(
    "disputes.stated", Action.CREATE, _("Stated a side of dispute %(number)s")
)
DISPUTE_ESCALATED = EventKind(
    "disputes.escalated", Action.UPDATE, _("Escalated dispute %(number)s to %(body)s")
)
DISPUTE_RESOLVED = EventKind(
    "disputes.resolved", Action.UPDATE, _("Recorded the outcome of dispute %(number)s")
)
