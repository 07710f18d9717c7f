"""Disputes (oenighet) on responsibility or cost in a case: raised by a party, stated by each
side, climbing the guideline's dispute path as a matter of the structure (Norrbus "Oenighet vid
tillämpning av riktlinjer": municipal level, then the area, then the länsstyrgrupp).

The matter holds no personal data of the individual: this app's `Dispute` row is the only link
between the matter and the case. The outcome is recorded back here, and for cost in the
placement's cost allocation where the case has a placement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inputs import rules
from structure.models import Organisation


class Dispute(models.Model):
    class Subject(models.TextChoices):
        RESPONSIBILITY = "responsibility", _("responsibility for an intervention")
        COST = "cost", _("cost")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")

    case = models.ForeignKey("plans.Case", on_delete=models.PROTECT, related_name="disputes")
    matter = models.OneToOneField(
        "matters.Matter", on_delete=models.PROTECT, related_name="dispute_link"
    )
    subject = models.CharField(
        _("what the dispute is about"), max_length=20, choices=Subject.choices
    )
    raised_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disputes_raised"
    )
    respondent = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="disputes_answered",
        verbose_name=_("the other party"),
    )
    raised_on = models.DateField(_("raised on"))
    raised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    # The principal the outcome makes responsible, where the dispute was on responsibility.
    responsible_principal = models.SlugField(max_length=rules.KEY, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The cost allocation the outcome was recorded as, when the case has a placement.
    allocation_number = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["respondent", "state"]),
            models.Index(fields=["case", "state"]),
        ]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id


class Statement(models.Model):
    """One side's statement of the dispute."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="statements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("statement"))
    stated_on = models.DateField(_("stated on"))
    stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dispute", "stated_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "organisation"], name="one_statement_per_side"
            )
        ]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.dispute} {self.organisation}"

    @property
    def audit_individual_id(self):
        return self.dispute.case.individual_id


class Share(models.Model):
    """A principal's share of the costs as the outcome decided it."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="shares")
    principal = models.SlugField(_("principal"), max_length=rules.KEY)
    percent = models.PositiveSmallIntegerField(_("share (percent)"))

    class Meta:
        ordering = ["dispute", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispute", "principal"], name="dispute_share_principal"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="dispute_share_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.principal} {self.percent}"
