"""The mail the meetings send: each kind's subject, with the template that writes its text when
it is sent (outbox.kinds)."""

from django.utils.translation import gettext_lazy as _

from outbox.kinds import MailKind

NOTICE = MailKind("meetings.notice", _("Notice: %(body)s, %(day)s"), "meetings/mail/notice.txt")
NOTICE_DUE = MailKind(
    "meetings.notice_due",
    _("The notice is due: %(body)s, %(day)s"),
    "meetings/mail/notice_due.txt",
)
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
SUBSTITUTE_WITHDRAWN = MailKind(
    "meetings.substitute_withdrawn",
    _("You are no longer called as substitute: %(body)s, %(day)s"),
    "meetings/mail/substitute_withdrawn.txt",
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

# Each kind as the meeting page's list of mail sent names it.
LABELS = {
    NOTICE.code: _("Notice"),
    NOTICE_DUE.code: _("Notice due"),
    SUBSTITUTE_CALLED.code: _("Substitute called"),
    SUBSTITUTE_WITHDRAWN.code: _("Substitute's call withdrawn"),
    MINUTES_TO_APPROVE.code: _("Minutes to approve"),
    ACTION_ITEM_REMINDER.code: _("Action item reminder"),
    PLAN_CHANGED.code: _("The year's meetings changed"),
    MEETING_CANCELLED.code: _("Meeting cancelled"),
}
