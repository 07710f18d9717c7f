"""Queue a mail and send it: `queue_mail` records one row per recipient and, once the
surrounding transaction commits, hands each to the background worker (outbox.tasks). A failed
send is recorded and tried again later, then marked failed; nothing is dropped, and the
county's coordinators see what was not sent and can ask for it to be tried again."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import County
from audit.services import record

from . import events
from .kinds import MailKind, kind_of
from .models import Mail

# After a failed send: the next try in 1, 5 and 30 minutes, then every hour, and after
# MAX_ATTEMPTS tries the mail is marked failed and waits for a coordinator's "try again". A mail
# server down for a working day is bridged; one down longer needs a person to know.
BACKOFF = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
)
HOURLY = datetime.timedelta(hours=1)
MAX_ATTEMPTS = 12
# The coordinators' list shows at most this many rows: more is an outage to fix, not to read.
NOT_SENT_SHOWN = 500


def about(instance) -> str:
    """The reference a mail keeps to what it is about."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`-th failed try."""
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else HOURLY


def queue_mail(
    kind: MailKind,
    recipients: Iterable[str],
    params: Mapping,
    *,
    regarding=None,
    language: str | None = None,
    county: County | None = None,
) -> list[Mail]:
    """One mail per distinct recipient, sent by the worker after the transaction commits. The
    county whose coordinators answer for it is `county`, else that of what it is about."""
    language = language or settings.LANGUAGE_CODE
    reference = about(regarding) if regarding is not None else ""
    county_id = county.pk if county is not None else getattr(regarding, "county_id", None)
    now = timezone.now()
    mails = [
        Mail.objects.create(
            kind=kind.code,
            params=dict(params),
            recipient=address,
            language=language,
            about=reference,
            county_id=county_id,
            next_attempt_at=now,
        )
        for address in sorted({address for address in recipients if address})
    ]
    for mail in mails:
        _send_after_commit(mail.pk)
    return mails


def _send_after_commit(mail_id: int, at: datetime.datetime | None = None) -> None:
    """Hand the mail to the worker once the transaction commits. Robust: a queue that cannot
    be reached leaves the row waiting for the sweep (outbox.tasks.send_due) and does not undo
    what the caller committed."""
    from .tasks import enqueue_send

    def send_mail_after_commit() -> None:
        enqueue_send(mail_id, at=at)

    transaction.on_commit(send_mail_after_commit, robust=True)


def deliver(mail_id: int, now: datetime.datetime | None = None) -> Mail | None:
    """Send the mail if it is due; record the outcome, and when the send fails, when to try
    again. Returns the mail, or None when there is no such mail."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked while sending, so that a duplicate task (the sweep and the deferred task at
        # once) waits and then finds the mail sent.
        mail = Mail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status in (Mail.Status.SENT, Mail.Status.FAILED):
            return mail
        if mail.next_attempt_at is not None and mail.next_attempt_at > now:
            return mail
        mail.attempts += 1
        try:
            kind = kind_of(mail.kind)
            if kind is None:
                raise LookupError(mail.kind)
            subject, text = kind.render(mail.params, mail.language)
            EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [mail.recipient]).send()
        except Exception as error:  # whatever the mail server does, the row says it failed
            mail.last_error = type(error).__name__
            if mail.attempts >= MAX_ATTEMPTS:
                mail.status, mail.next_attempt_at = Mail.Status.FAILED, None
            else:
                mail.status = Mail.Status.RETRYING
                mail.next_attempt_at = now + retry_delay(mail.attempts)
        else:
            mail.status, mail.sent_at, mail.last_error = Mail.Status.SENT, now, ""
            mail.next_attempt_at = None
        mail.save(update_fields=["attempts", "status", "last_error", "sent_at", "next_attempt_at"])
        if mail.status == Mail.Status.RETRYING:
            _send_after_commit(mail.pk, at=mail.next_attempt_at)
    return mail


def due_mail(now: datetime.datetime | None = None) -> list[int]:
    """The mail waiting to be sent whose time has come: what the sweep sends."""
    return list(
        Mail.objects.filter(
            status__in=[Mail.Status.QUEUED, Mail.Status.RETRYING],
            next_attempt_at__lte=now or timezone.now(),
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )


def mail_about(instance) -> list[Mail]:
    """The mail about a thing (a meeting, a matter), oldest first, for its page."""
    return list(Mail.objects.filter(about=about(instance)).order_by("queued_at", "pk"))


def not_sent(county: County) -> tuple[list[Mail], int]:
    """The county's mail not (yet) sent, the oldest failure first, and how many in all."""
    waiting = Mail.objects.filter(county=county).exclude(status=Mail.Status.SENT)
    rows = list(waiting.order_by("queued_at", "pk")[:NOT_SENT_SHOWN])
    count = len(rows) if len(rows) < NOT_SENT_SHOWN else waiting.count()
    return rows, count


def do_retry_mail(actor, mail: Mail) -> Mail:
    """A coordinator asks for a mail not sent to be sent again now, with a fresh round of
    tries. Refused for a mail already sent."""
    with transaction.atomic():
        mail = Mail.objects.select_for_update().get(pk=mail.pk)
        if mail.status == Mail.Status.SENT:
            raise ValidationError(_("The mail has already been sent."))
        before = {"status": mail.status, "attempts": mail.attempts}
        mail.status, mail.attempts, mail.next_attempt_at = Mail.Status.QUEUED, 0, timezone.now()
        mail.save(update_fields=["status", "attempts", "next_attempt_at"])
        record(
            actor,
            events.MAIL_RETRIED,
            mail,
            changes={
                "status": [before["status"], mail.status],
                "attempts": [before["attempts"], 0],
            },
        )
        _send_after_commit(mail.pk)
    return mail
