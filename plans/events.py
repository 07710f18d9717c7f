"""The individual level's kinds of audit event: each a stable code and the sentence shown for
it, in the reader's language (audit.events)."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

INDIVIDUAL_REGISTERED = EventKind(
    "individual.registered", Action.CREATE, _("Registered an individual")
)
CASE_OPENED = EventKind("case.opened", Action.CREATE, _("Opened the case"))
CASE_READ = EventKind("case.read", Action.READ, _("Read the case"))
CASE_HISTORY_READ = EventKind("case.history_read", Action.READ, _("Read the case's history"))
CASE_FOUND = EventKind("case.found", Action.READ, _("Found the case by the identity number"))
CASE_REFUSED = EventKind("case.refused", Action.REFUSED, _("Refused to show a case"))
CASE_STEP_REFUSED = EventKind("case.step_refused", Action.REFUSED, _("Refused a step on a case"))
CASE_CALL_DECIDED = EventKind(
    "case.call_decided", Action.UPDATE, _("Decided to call a network meeting")
)
CASE_NOTICE_SENT = EventKind("case.notice_sent", Action.UPDATE, _("Sent the notice"))
CASE_MEETING_HELD = EventKind("case.meeting_held", Action.UPDATE, _("Recorded the network meeting"))
CASE_PLANNED = EventKind("case.planned", Action.UPDATE, _("The plan is established"))
CASE_FOLLOW_UP_CALLED = EventKind(
    "case.follow_up_called", Action.UPDATE, _("Called a follow-up meeting")
)
CASE_FOLLOWED_UP = EventKind("case.followed_up", Action.UPDATE, _("The plan is followed up"))
CASE_CLOSED = EventKind("case.closed", Action.UPDATE, _("Closed the case"))
CASE_NOT_CALLED = EventKind(
    "case.not_called",
    Action.UPDATE,
    _("Decided not to call a network meeting; the case is closed"),
)
CASE_TO_REVISE = EventKind(
    "case.to_revise", Action.UPDATE, _("The plan is followed up and is to be revised")
)
CASES_LISTED = EventKind("cases.listed", Action.READ, _("Listed my open cases"))
CONSENT_RECORDED = EventKind("consent.recorded", Action.CREATE, _("Recorded consent"))
CONSENT_WITHDRAWN = EventKind("consent.withdrawn", Action.END, _("Consent withdrawn"))
CONSENT_READ = EventKind("consent.read", Action.READ, _("Read a consent to record its withdrawal"))
PLAN_DRAFTED = EventKind("plan.drafted", Action.CREATE, _("Drafted version %(n)s of the plan"))
PLAN_DRAFT_CHANGED = EventKind(
    "plan.draft_changed", Action.UPDATE, _("Changed the draft of version %(n)s of the plan")
)
PLAN_ESTABLISHED = EventKind("plan.established", Action.UPDATE, _("Established the plan"))
PLAN_READ = EventKind("plan.read", Action.READ, _("Read version %(n)s of the plan"))
PLAN_EDITED = EventKind("plan.edit_opened", Action.READ, _("Opened the plan for editing"))
PLAN_PDF_READ = EventKind(
    "plan.pdf_read", Action.READ, _("Downloaded version %(n)s of the plan as a PDF")
)
PLAN_FHIR_READ = EventKind(
    "plan.fhir_read", Action.READ, _("Read version %(n)s of the plan as FHIR")
)
PLAN_COMPARED = EventKind(
    "plan.compared", Action.READ, _("Compared versions %(a)s and %(b)s of the plan")
)
FOLLOW_UP_CALLED = EventKind(
    "meeting.follow_up_called", Action.CREATE, _("Called a follow-up meeting")
)
FOLLOW_UP_HELD = EventKind(
    "meeting.follow_up_held", Action.UPDATE, _("Recorded the follow-up meeting")
)
# Recorded while a number no one had was refused emergency access; kept so that those events read.
EMERGENCY_NOT_FOUND = EventKind(
    "emergency.not_found", Action.REFUSED, _("Emergency access: no individual with the number")
)
EMERGENCY_OPENED = EventKind("emergency.opened", Action.CREATE, _("Opened emergency access"))
EMERGENCY_REVIEWED = EventKind(
    "emergency.reviewed", Action.UPDATE, _("Reviewed an emergency access")
)
