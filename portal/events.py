"""My pages' kinds of audit event. A family member's own reads are recorded as the individual's
own access: the actor is named by the portal (portal.visitor.PortalActor), never a staff account."""

from django.utils.translation import gettext_lazy as _

from audit.events import EventKind
from audit.models import Action

LISTED = EventKind("portal.listed", Action.READ, _("Listed the cases on My pages"))
OVERVIEW_READ = EventKind("portal.overview_read", Action.READ, _("Read the case on My pages"))
PLAN_READ = EventKind(
    "portal.plan_read", Action.READ, _("Read version %(n)s of the plan on My pages")
)
PLAN_PDF_READ = EventKind(
    "portal.plan_pdf_read", Action.READ, _("Downloaded version %(n)s of the plan on My pages")
)
CONSENT_READ = EventKind(
    "portal.consent_read", Action.READ, _("Read the consent to withdraw it on My pages")
)
LOG_READ = EventKind("portal.log_read", Action.READ, _("Read the log extract on My pages"))
REFUSED = EventKind("portal.refused", Action.REFUSED, _("Refused a page on My pages"))
GUARDIANS_READ = EventKind(
    "portal.guardians_read", Action.READ, _("Read the guardians' logins to My pages")
)
GUARDIAN_RECORDED = EventKind(
    "portal.guardian_recorded",
    Action.CREATE,
    _("Recorded a guardian's identity number for My pages"),
)
GUARDIAN_CHANGED = EventKind(
    "portal.guardian_changed",
    Action.UPDATE,
    _("Changed a guardian's identity number or custody for My pages"),
)
WITHDRAWAL_NOTED = EventKind(
    "portal.withdrawal_noted",
    Action.UPDATE,
    _("Took note of a consent withdrawn on My pages"),
)
