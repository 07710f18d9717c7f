"""Telling the coordinators when the participants of a body change.

Västernorrland's structure (003, "Administrativt stöd"): "Förändringar av deltagare anmäls till
Samverkanskoordinator". The platform does so for every county: each appointment made, changed or
ended is mailed to the coordinators once the change is saved.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from .keepers import coordinator_addresses


def notify_participant_change(body_name: str, summary: str, actor) -> None:
    """Mail the coordinators after the surrounding transaction commits."""
    recipients = coordinator_addresses()
    if not recipients:
        return
    subject = _("Participants changed: %(body)s") % {"body": body_name}
    who = getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "")
    text = _("%(summary)s\n\nChanged by %(who)s in Samverkan.") % {"summary": summary, "who": who}
    messages = [(subject, text, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
