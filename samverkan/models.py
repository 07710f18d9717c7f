"""The platform's operational records."""

from django.db import models


class LastEntry(models.Model):
    """When something was last recorded (not only read) about an individual, kept from the audit
    events that retention removes: the audit trail is kept five years, a case ten after its last
    entry, so the trail alone cannot say when the last entry was once its oldest part is gone."""

    individual = models.OneToOneField(
        "plans.Individual", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.individual_id} {self.at:%Y-%m-%d}"
