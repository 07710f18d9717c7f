"""The matters' kinds of audit event: each a stable code and the sentence shown for it, in the
reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

from .models import Decision, Handling


def _outcome_words(choices):
    """Stored outcome codes shown as their words in the reader's language."""

    def present(params):
        code = params.get("outcome", "")
        words = dict(choices.choices).get(code, code)
        return {**params, "outcome": words}

    return present


MATTER_RAISED = EventKind("matters.raised", Action.CREATE, _("Raised the matter “%(title)s”"))
MATTER_PREPARED = EventKind(
    "matters.prepared", Action.UPDATE, _("Sent the matter to preparation by %(body)s")
)
MATTER_HANDLED = EventKind(
    "matters.handled",
    Action.UPDATE,
    _("Handled the matter in %(body)s: %(outcome)s"),
    _outcome_words(Handling.Outcome),
)
MATTER_ESCALATED = EventKind(
    "matters.escalated", Action.UPDATE, _("Escalated the dispute to %(body)s")
)
TASK_REPORTED = EventKind(
    "matters.task_reported", Action.UPDATE, _("Reported back on the task to %(body)s")
)
DECISION_RECORDED = EventKind(
    "matters.decision_recorded",
    Action.UPDATE,
    _("Recorded the decision of %(principal)s: %(outcome)s"),
    _outcome_words(Decision.Outcome),
)
FILE_ATTACHED = EventKind("matters.file_attached", Action.CREATE, _("Attached the file %(name)s"))
REVISION_PROPOSED = EventKind(
    "matters.revision_proposed",
    Action.CREATE,
    _("Proposed a revision of the agreement %(document)s"),
)
DOCUMENT_REGISTERED = EventKind(
    "matters.document_registered",
    Action.CREATE,
    _("Registered the governing document “%(title)s”"),
)
DOCUMENT_CHANGED = EventKind(
    "matters.document_changed",
    Action.UPDATE,
    _("Changed the governing document “%(title)s”"),
)
SETTINGS_CHANGED = EventKind(
    "matters.settings_changed", Action.UPDATE, _("Changed the county's settings for matters")
)
