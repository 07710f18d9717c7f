"""The individual level: individuals and their cases, from a first concern to a followed-up plan.

A case moves through the Norrbus working model (004 "Arbetsmodell för samverkan"): opened by a
professional, consent given, the manager's decision to call a network meeting, the notice, the
meeting, the plan. Each step records who and when; the rules and deadlines come from the
county's guideline file, not from here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from structure.models import Organisation


class Individual(models.Model):
    """The person a case is about. The identity number is stored only encrypted."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="individuals")
    identity_encrypted = models.TextField()
    # A keyed hash of the number: finds an individual by exact match, reveals nothing.
    identity_index = models.CharField(max_length=64, unique=True)
    coordination_number = models.BooleanField(default=False)
    name = models.CharField(_("name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("individual")
        verbose_name_plural = _("individuals")

    def __str__(self) -> str:
        # Never the identity number.
        return self.name


class Guardian(models.Model):
    individual = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    class State(models.TextChoices):
        OPENED = "opened", _("opened, waiting for consent")
        CONSENTED = "consented", _("consent given")
        CALLED = "called", _("decided to call a network meeting")
        NOTIFIED = "notified", _("notice sent")
        MET = "met", _("network meeting held")
        PLANNED = "planned", _("plan established")
        CLOSED = "closed", _("closed")

    individual = models.ForeignKey(Individual, on_delete=models.PROTECT, related_name="cases")
    opening_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="opened_cases"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="opened_cases"
    )
    opened_at = models.DateTimeField()
    acute = models.BooleanField(_("acute"), default=False)
    concern = models.TextField(_("needs noticed"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPENED)
    consent_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice_sent_on = models.DateField(null=True, blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    # The organisations the manager decided should take part, besides the child and parents.
    participants = models.ManyToManyField(
        Organisation, related_name="participating_cases", blank=True, verbose_name=_("taking part")
    )
    closed_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Consent(models.Model):
    """Consent to share between organisations, from the individual or the guardians; it can be
    withdrawn, after which sharing stops but the record stays."""

    class Given(models.TextChoices):
        WRITING = "writing", _("in writing")
        ORALLY = "orally", _("orally")
        DIGITALLY = "digitally", _("digitally")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents")
    given_by = models.CharField(_("given by"), max_length=200)
    given_how = models.CharField(_("how"), max_length=20, choices=Given.choices)
    given_on = models.DateField(_("given on"))
    child_view = models.TextField(_("the child's own view"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="consents", verbose_name=_("may share with")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case} {self.given_on}"
