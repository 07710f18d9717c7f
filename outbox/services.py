"""Queue a mail and send it: `queue_mail` records one row per recipient and sends each once
the surrounding transaction commits; a failed send is recorded and tried again."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .kinds import MailKind, kind_of
from .models import Mail


def about(instance) -> str:
    """The reference a mail keeps to what it is about."""
    return f"{instance._meta.label_lower}:{instance.pk}"


def queue_mail(
    kind: MailKind,
    recipients: Iterable[str],
    params: Mapping,
    *,
    regarding=None,
    language: str | None = None,
) -> list[Mail]:
    """One mail per distinct recipient, sent after the transaction commits."""
    language = language or settings.LANGUAGE_CODE
    reference = about(regarding) if regarding is not None else ""
    mails = [
        Mail.objects.create(
            kind=kind.code,
            params=dict(params),
            recipient=address,
            language=language,
            about=reference,
        )
        for address in sorted({address for address in recipients if address})
    ]
    for mail in mails:
        transaction.on_commit(lambda pk=mail.pk: deliver(pk))
    return mails


def deliver(mail_id: int) -> Mail:
    """Send the mail now; record the outcome."""
    mail = Mail.objects.get(pk=mail_id)
    if mail.status == Mail.Status.SENT:
        return mail
    kind = kind_of(mail.kind)
    mail.attempts += 1
    try:
        if kind is None:
            raise LookupError(mail.kind)
        subject, text = kind.render(mail.params, mail.language)
        EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [mail.recipient]).send()
    except Exception as error:  # whatever the mail server does, the row says it failed
        mail.status = Mail.Status.RETRYING
        mail.last_error = type(error).__name__
    else:
        mail.status, mail.sent_at, mail.last_error = Mail.Status.SENT, timezone.now(), ""
    mail.save(update_fields=["attempts", "status", "last_error", "sent_at"])
    return mail
