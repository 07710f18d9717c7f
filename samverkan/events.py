"""Audit event kinds of the platform's operations (retention)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

RETENTION_CASES_REMOVED = EventKind(
    "retention.cases_removed",
    Action.DELETE,
    _(
        "Retention removed %(individuals)s individuals with %(cases)s cases whose last case "
        "was closed before %(before)s; %(kept)s expired cases were kept"
    ),
)
