"""A person's choice of how often the inbox reminds them by mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSettings(models.Model):
    class Frequency(models.TextChoices):
        NEVER = "never", _("never")
        DAILY = "daily", _("every working day when something is due")
        WEEKLY = "weekly", _("on the first working day of each week")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    frequency = models.CharField(
        _("reminders by mail"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["frequency"])]
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"{self.user} {self.frequency}"


# Whoever has not chosen is reminded on each working day when something is due: a deadline
# nobody hears about is the failure the inbox is there to prevent.
DEFAULT_FREQUENCY = ReminderSettings.Frequency.DAILY
