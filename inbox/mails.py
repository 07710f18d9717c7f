"""The inbox's reminder mail (outbox.kinds): counts and a link, never what a case is about."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

REMINDER = MailKind(
    "inbox.reminder", _("Samverkan: what waits for you on %(day)s"), "inbox/mail/reminder.txt"
)
