"""The log review's and the extract's kinds of audit event: the auditor's own reads are in the
trail like anyone's (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

LOG_REVIEWED = EventKind("log.reviewed", Action.READ, _("Reviewed the access log"))
LOG_EXPORTED = EventKind("log.exported", Action.READ, _("Exported the access log"))
EMERGENCY_LISTED = EventKind(
    "log.emergency_listed", Action.READ, _("Read the emergency accesses to review")
)
EXTRACT_NOT_FOUND = EventKind(
    "extract.not_found",
    Action.READ,
    _("Looked for an individual's extract: no individual with the number"),
)
EXTRACT_READ = EventKind("extract.read", Action.READ, _("Read the individual's extract"))
EXTRACT_DOWNLOADED = EventKind(
    "extract.downloaded", Action.READ, _("Downloaded the individual's extract")
)
