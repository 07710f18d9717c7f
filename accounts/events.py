"""The accounts' kinds of audit event: enrolment codes for a second factor (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

ENROLMENT_CODE_ISSUED = EventKind(
    "enrolment_code.issued",
    Action.CREATE,
    _("Issued an enrolment code for %(user)s, valid for %(hours)s hours"),
)
ENROLMENT_CODE_USED = EventKind(
    "enrolment_code.used",
    Action.UPDATE,
    _("%(user)s used an enrolment code to set up an authenticator app"),
)
ENROLMENT_CODE_REFUSED = EventKind(
    "enrolment_code.refused",
    Action.REFUSED,
    _("An enrolment code given for %(user)s was refused"),
)
