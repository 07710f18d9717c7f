"""The audit trail: who read or changed what, when and why; append-only, chained by MACs.

Each event stores the MAC of the event before it and its own MAC over its content and that
link, keyed by a key kept outside the database (`audit.chain`), so that an altered, removed or
rewritten row breaks the chain (`audit.verification`). Rows are never updated or deleted through
the ORM: `save` refuses an existing row and `delete` refuses. The one removal is retention's of
the oldest events once their period has passed (`services.remove_before`), behind a signed
`ChainCheckpoint` from which the rest of the chain verifies.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    END = "end", _("ended")
    DELETE = "delete", _("removed")
    REFUSED = "refused", _("refused")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    # The user name as it was, kept even if the account is later renamed.
    actor_name = models.CharField(max_length=150, blank=True)
    # The actor's organisation as it was, for the log review and the individual's extract.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    # Whose personal data the event concerns, so that an individual's extract (PDL 8 kap 5 §)
    # needs no walk over every object type.
    individual_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    emergency = models.BooleanField(_("emergency access"), default=False)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    # What happened: a code declared by the app that records it (`audit.events`) and its
    # parameters. The sentence is written in the reader's language when the event is shown.
    code = models.CharField(_("event"), max_length=100, blank=True, default="", db_default="")
    params = models.JSONField(null=True, blank=True)
    # The sentence recorded before events had codes, kept as it was written: it is what the
    # unkeyed part of the chain covers.
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("why"), blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # Where the chain was keyed, found by `verify` without reading every row; the
            # condition keeps the index to that one row, so appending costs nothing more.
            models.Index(
                fields=["id"],
                condition=models.Q(code="audit.chain_keyed"),
                name="audit_chain_keyed",
            ),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.code or self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")

    @property
    def text(self) -> str:
        """What happened, in the active language; an event from before codes as it was written."""
        from .events import describe  # events declare their kinds with this module's Action

        return describe(self.code, self.params) if self.code else self.summary


class ChainHead(models.Model):
    """One row, locked while an event is appended, so that two writers never fork the chain."""

    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return self.last_hash


class ChainCheckpoint(models.Model):
    """Where the chain starts after retention removed its oldest events: the last removed event
    and its link, which the first kept event names, signed under the chain's key so that whoever
    removes events without the key cannot make a checkpoint that covers them."""

    at = models.DateTimeField()
    event_id = models.PositiveBigIntegerField(unique=True)
    link = models.CharField(max_length=64)
    removed = models.PositiveBigIntegerField()
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["event_id"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.link}"
