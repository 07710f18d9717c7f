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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
