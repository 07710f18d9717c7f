"""The mail the disputes send (outbox.kinds): a number and a link, no personal data."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

STATEMENT_AWAITED = MailKind(
    "disputes.statement_awaited",
    _("Dispute %(number)s awaits your side"),
    "disputes/mail/statement_awaited.txt",
)
