"""Follow-up's kinds of audit event: each a stable code and the sentence shown for it, in the
reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

SURVEY_OPENED = EventKind(
    "followup.survey_opened",
    Action.CREATE,
    _("Opened the survey on the effect goals of %(year)s to %(invited)s members"),
)
# The answers themselves are not named: the event says only that the person has answered.
SURVEY_ANSWERED = EventKind(
    "followup.survey_answered",
    Action.CREATE,
    _("Answered the survey on the effect goals of %(year)s"),
)
# The county's small-number threshold (followup.thresholds).
THRESHOLD_SET = EventKind(
    "followup.threshold_set",
    Action.UPDATE,
    _("Set the small-number threshold of the county's follow-up to %(threshold)s"),
)
