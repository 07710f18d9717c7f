"""Deviation reports (avvikelserapporter): a party departing from an agreed routine, reported
by anyone working in a case or in the structure, and handled by the receiving party level by
level as the county's routine says (Norrbus "Avvikelsehantering", bilaga 4 and 5).

A report names the routine and its clause as the agreements name them (document, version and
section), the party (an organisation), what happened and when; a case only when the report
needs one. The handling level's due dates are stored on the row, so that the inbox reads them
with one indexed query.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models import County
from inputs import rules
from structure.models import Organisation


class HandOver(models.Model):
    """Recurring deviations between two parties handed over to the structure as a matter."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    pair = models.CharField(max_length=2 * rules.KEY + 1)
    matter = models.OneToOneField(
        "matters.Matter", on_delete=models.PROTECT, related_name="deviation_hand_over"
    )
    handed_over_on = models.DateField(_("handed over on"))
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hand-over of recurring deviations")
        verbose_name_plural = _("hand-overs of recurring deviations")

    def __str__(self) -> str:
        return f"{self.pair} → {self.matter_id}"


class Deviation(models.Model):
    class State(models.TextChoices):
        REPORTED = "reported", _("reported, waiting to be acknowledged")
        ACKNOWLEDGED = "acknowledged", _("acknowledged, being investigated")
        CLOSED = "closed", _("closed")

    class HandledBy(models.TextChoices):
        UNIT = "unit", _("the unit managers of the organisation reported")
        PRINCIPAL = "principal", _("the coordinators of its principal")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="deviations")
    # The routine and its clause, as the county's documents in force named them when reported.
    document = models.SlugField(_("routine"), max_length=rules.KEY)
    document_version = models.PositiveIntegerField()
    section = models.CharField(_("clause"), max_length=rules.LINE)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reporting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="deviations_reported"
    )
    party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="deviations_received",
        verbose_name=_("party that deviated"),
    )
    # The two principals, sorted and joined: recurring deviations are counted per pair.
    pair = models.CharField(max_length=2 * rules.KEY + 1)
    happened_on = models.DateField(_("happened on"))
    what = models.TextField(_("what happened"))
    case = models.ForeignKey(
        "plans.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deviations",
        verbose_name=_("case"),
    )
    reported_on = models.DateField(_("reported on"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.REPORTED)
    # The handling level: its index in the routine's levels, its id, and who handles it there.
    level = models.PositiveSmallIntegerField(default=0)
    level_id = models.SlugField(max_length=rules.KEY)
    handled_by = models.CharField(max_length=20, choices=HandledBy.choices)
    handler_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handler_principal = models.SlugField(max_length=rules.KEY)
    level_since = models.DateField()
    acknowledge_by = models.DateField(_("to be acknowledged by"))
    close_by = models.DateField(_("to be closed by"))
    # The next of the two dates while the deviation is open; None once closed.
    due_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    investigation = models.TextField(_("investigation"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    passed_on_reason = models.TextField(_("why it was passed on"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    # What the reporter was warned of and reported all the same.
    warned = models.JSONField(default=list, blank=True)
    hand_over = models.ForeignKey(
        HandOver, null=True, blank=True, on_delete=models.SET_NULL, related_name="deviations"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [
            models.Index(fields=["handler_organisation", "due_on"]),
            models.Index(fields=["county", "handler_principal", "due_on"]),
            models.Index(fields=["county", "pair", "reported_on"]),
            models.Index(fields=["county", "case", "reported_on"]),
        ]
        verbose_name = _("deviation report")
        verbose_name_plural = _("deviation reports")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def audit_individual_id(self):
        # A report linked to a case holds data about its individual; the case says whose.
        return self.case.individual_id if self.case_id else None
