"""Every mail the platform sends, as its kind and parameters: what was sent to whom, when, and
what failed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from inputs import rules


class Mail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        RETRYING = "retrying", _("failed, will be tried again")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=rules.KEY)
    params = models.JSONField(default=dict)
    recipient = models.EmailField(_("to"), max_length=rules.EMAIL)
    language = models.CharField(max_length=10, default="sv")
    # The county whose coordinators see the mail if it is not sent (from what it is about).
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the mail is about, as "app.model:pk" (a meeting, a matter): the page of that thing
    # lists its mail and shows a send that failed.
    about = models.CharField(max_length=rules.KEY, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The failure's kind (the exception's class), never its text: a mail server's message can
    # hold addresses.
    last_error = models.CharField(max_length=rules.NAME, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the next try is due: the worker's deferred task takes it then, and the sweep
    # (outbox.tasks.send_due) takes any whose task was lost.
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["county", "status"]),
        ]
        verbose_name = _("mail")
        verbose_name_plural = _("mail")

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"
