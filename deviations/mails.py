"""The mail the deviation reports send: each kind's subject, with the template that writes its
text when it is sent (outbox.kinds). None holds personal data: a number, dates and a link."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

DEVIATION_RECEIVED = MailKind(
    "deviations.received",
    _("Deviation %(number)s is reported to you"),
    "deviations/mail/received.txt",
)
DEVIATION_CLOSED = MailKind(
    "deviations.closed",
    _("Deviation %(number)s that you reported is closed"),
    "deviations/mail/closed.txt",
)
