"""The placements' kinds of audit event: each a stable code and the sentence shown for it, in
the reader's language (audit.events). Parameters hold codes and dates, never a person."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

from .models import Placement


def _kind_words(params):
    code = params.get("kind", "")
    return {**params, "kind": dict(Placement.Kind.choices).get(code, code)}


PLACEMENT_RECORDED = EventKind(
    "placement.recorded", Action.CREATE, _("Recorded a placement in a %(kind)s"), _kind_words
)
PLACEMENT_CHANGED = EventKind(
    "placement.changed", Action.UPDATE, _("Changed the placement in a %(kind)s"), _kind_words
)
PLACEMENT_READ = EventKind("placement.read", Action.READ, _("Read the case's placements"))
EXAMINATION_REQUESTED = EventKind(
    "placement.examination_requested",
    Action.UPDATE,
    _("Asked for the health examination before the placement"),
)
EXAMINATION_RECORDED = EventKind(
    "placement.examination_recorded",
    Action.UPDATE,
    _("Recorded the health examination before the placement"),
)
COST_ALLOCATION_RECORDED = EventKind(
    "placement.cost_allocation_recorded",
    Action.CREATE,
    _("Recorded cost allocation %(n)s of the placement"),
)
ADMISSION_RECORDED = EventKind(
    "placement.admission_recorded",
    Action.CREATE,
    _("Recorded an admission to the children's psychiatric inpatient ward"),
)
DISCHARGE_PLANNED = EventKind(
    "placement.discharge_planned",
    Action.UPDATE,
    _("Recorded the planning of leave and discharge from the inpatient ward"),
)
