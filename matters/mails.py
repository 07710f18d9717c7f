"""The mail the matters send: each kind's subject, with the template that writes its text when
it is sent (outbox.kinds)."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

DECISION_AWAITED = MailKind(
    "matters.decision_awaited",
    _("A recommendation awaits your decision: %(title)s"),
    "matters/mail/decision_awaited.txt",
)
