"""Care outside the home (004 "Vård utanför det egna hemmet"): the placement and its decision,
the health examination before it, the principals' cost allocation, and a stay at the children's
psychiatric ward. The dates the inbox lists (the cost allocation's and the examination's) are
stored on their rows when the rule is applied (placements.rules), so that a list reads them
with one indexed query."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.schema import PlacementSetting
from inputs import rules
from plans.models import Case
from structure.models import Organisation


class Placement(models.Model):
    class Kind(models.TextChoices):
        # As Norrbus' table names the settings; the values are the guideline data's.
        FAMILY_HOME = PlacementSetting.FAMILY_HOME.value, _("family home")
        REINFORCED_FAMILY_HOME = (
            PlacementSetting.REINFORCED_FAMILY_HOME.value,
            _("reinforced family home"),
        )
        HVB = PlacementSetting.HVB.value, _("home for care or residence (HVB)")
        SIS = PlacementSetting.SIS.value, _("special residential home for young people (SiS)")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="placements")
    kind = models.CharField(_("kind of placement"), max_length=30, choices=Kind.choices)
    compulsory = models.BooleanField(_("compulsory care"), default=False)
    acute = models.BooleanField(_("acute"), default=False)
    decided_on = models.DateField(_("decided on"))
    deciding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # The day the cost allocation is due by the rule: before a planned placement starts, or
    # within the working days after the decision on an acute one.
    cost_allocation_due_on = models.DateField(_("cost allocation due"), editable=False)
    # The day of the allocation in force, kept here so that a list of those still waiting is
    # one indexed query.
    cost_allocation_agreed_on = models.DateField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "-starts_on", "-pk"]
        indexes = [
            models.Index(
                fields=["cost_allocation_due_on", "case"],
                condition=Q(cost_allocation_agreed_on__isnull=True),
                name="placement_cost_waiting",
            )
        ]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.starts_on}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id


class HealthExamination(models.Model):
    """The examination before the placement, by primary care; its outcome is the basis for the
    health care interventions during the placement (004 "Hälsoundersökningar")."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="health_examination"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("examined by")
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # "i samband med eller inför placering": by the day the placement starts.
    due_on = models.DateField(_("due"))
    examined_on = models.DateField(_("examined on"), null=True, blank=True)
    examiner = models.CharField(_("examiner"), max_length=rules.NAME, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "due_on"],
                condition=Q(examined_on__isnull=True),
                name="examination_waiting",
            )
        ]
        verbose_name = _("health examination")
        verbose_name_plural = _("health examinations")

    def __str__(self) -> str:
        return f"{self.placement} {self.organisation}"

    @property
    def audit_individual_id(self):
        return self.placement.case.individual_id


class CostAllocation(models.Model):
    """One agreed split of a placement's costs between the principals; a later one (a new
    agreement, or a dispute's outcome) replaces it and both are kept."""

    class Basis(models.TextChoices):
        AGREED = "agreed", _("agreed between the principals")
        DISPUTE = "dispute", _("the outcome of a dispute")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="cost_allocations"
    )
    number = models.PositiveIntegerField()
    agreed_on = models.DateField(_("agreed on"))
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "number"], name="cost_allocation_number")
        ]
        verbose_name = _("cost allocation")
        verbose_name_plural = _("cost allocations")

    def __str__(self) -> str:
        return f"{self.placement} #{self.number}"

    @property
    def audit_individual_id(self):
        return self.placement.case.individual_id


class CostShare(models.Model):
    allocation = models.ForeignKey(CostAllocation, on_delete=models.CASCADE, related_name="shares")
    principal = models.SlugField(_("principal"), max_length=rules.KEY)
    percent = models.PositiveSmallIntegerField(_("share (percent)"))
    covers = models.CharField(_("what it covers"), max_length=rules.LINE, blank=True)

    class Meta:
        ordering = ["allocation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "principal"], name="cost_share_principal"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="cost_share_percent"),
        ]
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")

    def __str__(self) -> str:
        return f"{self.principal} {self.percent} %"


class InpatientStay(models.Model):
    """A stay at the children's psychiatric inpatient ward: the region answers for the care and
    for planning the discharge together with the municipality, whose social and educational
    interventions go on meanwhile (004, the table of "Vård utanför det egna hemmet")."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="inpatient_stays")
    compulsory = models.BooleanField(_("compulsory care"), default=False)
    admitted_on = models.DateField(_("admitted on"))
    referred_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by")
    )
    leave_planning = models.TextField(_("planning of leave"), blank=True)
    discharge_planning = models.TextField(_("planning of the discharge"), blank=True)
    discharge_planned_for = models.DateField(_("discharge planned for"), null=True, blank=True)
    discharged_on = models.DateField(_("discharged on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "-admitted_on", "-pk"]
        verbose_name = _("inpatient stay")
        verbose_name_plural = _("inpatient stays")

    def __str__(self) -> str:
        return f"{self.case} {self.admitted_on}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id
