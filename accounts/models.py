"""Who a user works for, and in which role: what the individual level's access follows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from structure.models import Organisation


class Membership(models.Model):
    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        UNIT_MANAGER = "unit_manager", _("unit manager")
        COORDINATOR = "coordinator", _("collaboration coordinator")
        AUDITOR = "auditor", _("auditor")
        ADMINISTRATOR = "administrator", _("administrator")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Norrbus (004 "Samordnad planering – nätverksmöte"): "närmaste ansvarig chef, eller av
    # chefen utsedd person" decides to call; the unit manager, or the one they appoint.
    decides_on_network_meetings = models.BooleanField(
        _("appointed to decide on calling network meetings"), default=False
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def may_decide_to_call(self) -> bool:
        return self.role == self.Role.UNIT_MANAGER or self.decides_on_network_meetings


class EnrolmentCode(models.Model):
    """The one code a user may set up an authenticator with (accounts.enrolment): only its keyed
    hash is kept, never the code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolment_code",
        verbose_name=_("user"),
    )
    digest = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("valid until"))

    class Meta:
        verbose_name = _("enrolment code")
        verbose_name_plural = _("enrolment codes")

    def __str__(self) -> str:
        return str(self.user)
