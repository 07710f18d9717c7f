"""The live structure's kinds of audit event: each a stable code and the sentence shown for it,
in the reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from agreements import labels
from audit.events import EventKind
from audit.models import Action


def _office_words(params):
    """The office by its name in the reader's language; a role no longer named, as stored."""
    return {**params, "role": labels.OFFICES.get(params["role"], params["role"])}


APPOINTED = EventKind("appointment.created", Action.CREATE, _("Appointed %(person)s"))
APPOINTMENT_CHANGED = EventKind(
    "appointment.changed", Action.UPDATE, _("Changed the appointment of %(person)s")
)
APPOINTMENT_ENDS = EventKind(
    "appointment.ends", Action.END, _("The appointment of %(person)s ends on %(day)s")
)
OFFICE_HELD = EventKind(
    "office.held",
    Action.CREATE,
    _("%(person)s holds the office of %(role)s from %(starts)s"),
    _office_words,
)
PERSON_ADDED = EventKind("person.added", Action.CREATE, _("Added %(person)s"))
