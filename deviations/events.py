"""The deviation reports' kinds of audit event: each a stable code and the sentence shown for
it, in the reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

DEVIATION_REPORTED = EventKind(
    "deviations.reported", Action.CREATE, _("Reported deviation %(number)s")
)
DEVIATION_READ = EventKind("deviations.read", Action.READ, _("Read deviation %(number)s"))
DEVIATION_REFUSED = EventKind(
    "deviations.refused", Action.REFUSED, _("Refused to show a deviation report")
)
DEVIATION_ACKNOWLEDGED = EventKind(
    "deviations.acknowledged", Action.UPDATE, _("Acknowledged deviation %(number)s")
)
DEVIATION_INVESTIGATED = EventKind(
    "deviations.investigated",
    Action.UPDATE,
    _("Recorded the investigation and measures of deviation %(number)s"),
)
DEVIATION_PASSED_ON = EventKind(
    "deviations.passed_on", Action.UPDATE, _("Passed deviation %(number)s on to %(level)s")
)
DEVIATION_CLOSED = EventKind("deviations.closed", Action.UPDATE, _("Closed deviation %(number)s"))
DEVIATIONS_HANDED_OVER = EventKind(
    "deviations.handed_over",
    Action.CREATE,
    _("Handed %(count)s recurring deviations over to the structure as a matter"),
)
