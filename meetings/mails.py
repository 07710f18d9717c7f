"""The mail the meetings send: each kind's subject, with the template that writes its text when
it is sent (outbox.kinds)."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

NOTICE = MailKind("meetings.notice", _("Notice: %(body)s, %(day)s"), "meetings/mail/notice.txt")
PLAN_CHANGED = MailKind(
    "meetings.plan_changed",
    _("The meetings of %(body)s in %(year)s have changed"),
    "meetings/mail/plan_changed.txt",
)
MEETING_CANCELLED = MailKind(
    "meetings.cancelled", _("Cancelled: %(body)s, %(day)s"), "meetings/mail/cancelled.txt"
)
SUBSTITUTE_CALLED = MailKind(
    "meetings.substitute_called",
    _("You are called as substitute: %(body)s, %(day)s"),
    "meetings/mail/substitute_called.txt",
)
MINUTES_TO_APPROVE = MailKind(
    "meetings.minutes_to_approve",
    _("Minutes to approve: %(body)s, %(day)s"),
    "meetings/mail/minutes_to_approve.txt",
)
ACTION_ITEM_REMINDER = MailKind(
    "meetings.action_item_reminder",
    _("Action item due: %(body)s"),
    "meetings/mail/action_item_reminder.txt",
)
