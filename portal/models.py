"""A guardian's identity for My pages: the plans know a guardian only by name; the case's staff
record the guardian's personal identity number (kept only as the same keyed hash as the
individual's, plans.identity.blind_index) and when custody ends, so that the guardian's login
finds the child."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models import Case, Consent, Guardian
from structure.models import Organisation


class GuardianIdentity(models.Model):
    guardian = models.OneToOneField(
        Guardian, on_delete=models.CASCADE, related_name="portal_identity"
    )
    # The keyed hash of the guardian's number: a login finds it by exact match, it reveals nothing.
    identity_index = models.CharField(max_length=64)
    # Never after the child's 18th birthday (portal.rules); earlier when a court ends custody.
    custody_ends_on = models.DateField(_("custody ends on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("guardian's identity")
        verbose_name_plural = _("guardians' identities")
        # A login looks for the custodies in force of one number.
        indexes = [models.Index(fields=["identity_index", "custody_ends_on"])]

    def __str__(self) -> str:
        return str(self.guardian)

    @property
    def audit_individual_id(self):
        return self.guardian.individual_id


class WithdrawalNotice(models.Model):
    """A consent withdrawn on My pages, waiting until the organisation that leads the case has
    taken note: the family acted without staff, so someone must be told (the inbox shows it,
    portal.queries.waiting_for)."""

    consent = models.OneToOneField(
        Consent, on_delete=models.PROTECT, related_name="portal_withdrawal"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    # The coordinator's organisation under the plan in force, else the opening organisation.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"))
    acknowledged_at = models.DateTimeField(_("noted"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consent withdrawn on My pages")
        verbose_name_plural = _("consents withdrawn on My pages")
        indexes = [models.Index(fields=["organisation", "acknowledged_at", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.withdrawn_on}"

    @property
    def audit_individual_id(self):
        return self.case.individual_id
