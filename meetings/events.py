"""The meetings' kinds of audit event: each a stable code and the sentence shown for it, in the
reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

YEAR_PLAN_PROPOSED = EventKind(
    "meetings.year_plan_proposed", Action.CREATE, _("Proposed the year's meetings from the rules")
)
YEAR_PLAN_ADOPTED = EventKind(
    "meetings.year_plan_adopted", Action.UPDATE, _("Adopted the year's meetings")
)
MEETING_ADDED = EventKind("meetings.meeting_added", Action.CREATE, _("Added a meeting"))
MEETING_CHANGED = EventKind("meetings.meeting_changed", Action.UPDATE, _("Changed a meeting"))
MEETING_CANCELLED = EventKind("meetings.meeting_cancelled", Action.END, _("Cancelled a meeting"))
EXTRA_MEETING_REQUESTED = EventKind(
    "meetings.extra_requested", Action.CREATE, _("Requested an extra meeting")
)
NOTICE_SENT = EventKind("meetings.notice_sent", Action.UPDATE, _("Sent the notice of a meeting"))
AGENDA_CHANGED = EventKind("meetings.agenda_changed", Action.UPDATE, _("Changed the agenda"))
DOCUMENTS_ADDED = EventKind(
    "meetings.documents_added", Action.UPDATE, _("Added documents to a meeting")
)
DOCUMENT_REMOVED = EventKind(
    "meetings.document_removed", Action.UPDATE, _("Took a document off a meeting")
)
ATTENDANCE_ANSWERED = EventKind(
    "meetings.attendance_answered", Action.UPDATE, _("Answered the notice")
)
SUBSTITUTE_CALLED = EventKind("meetings.substitute_called", Action.UPDATE, _("Called a substitute"))
SUBSTITUTE_WITHDRAWN = EventKind(
    "meetings.substitute_withdrawn", Action.UPDATE, _("Withdrew a called substitute")
)
ATTENDANCE_RECORDED = EventKind(
    "meetings.attendance_recorded", Action.UPDATE, _("Recorded who attended")
)
MINUTES_WRITTEN = EventKind("meetings.minutes_written", Action.UPDATE, _("Wrote the minutes"))
MINUTES_SUBMITTED = EventKind(
    "meetings.minutes_submitted", Action.UPDATE, _("Sent the minutes for approval")
)
MINUTES_APPROVED = EventKind("meetings.minutes_approved", Action.UPDATE, _("Approved the minutes"))
MINUTES_CORRECTED = EventKind(
    "meetings.minutes_corrected", Action.CREATE, _("Began a corrected version of the minutes")
)
ACTION_ITEM_ADDED = EventKind(
    "meetings.action_item_added", Action.CREATE, _("Added an action item")
)
ACTION_ITEM_CLOSED = EventKind(
    "meetings.action_item_closed", Action.END, _("Closed an action item")
)
SETTINGS_CHANGED = EventKind(
    "meetings.settings_changed", Action.UPDATE, _("Changed the county's meeting settings")
)
FEED_TOKEN_RENEWED = EventKind(
    "meetings.feed_token_renewed", Action.UPDATE, _("Renewed the calendar feed's address")
)
