"""Follow-up settings per county: what the county decides about how its figures are shown."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import County

DEFAULT_SMALL_NUMBER_THRESHOLD = 5
SMALL_NUMBER_THRESHOLD_MIN = 1
SMALL_NUMBER_THRESHOLD_MAX = 100


class FollowupSettings(models.Model):
    county = models.OneToOneField(
        County, on_delete=models.CASCADE, related_name="followup_settings"
    )
    # No figure about fewer individuals than this is shown or exported (statistical disclosure).
    small_number_threshold = models.PositiveSmallIntegerField(
        _("small-number threshold"),
        default=DEFAULT_SMALL_NUMBER_THRESHOLD,
        validators=[
            MinValueValidator(SMALL_NUMBER_THRESHOLD_MIN),
            MaxValueValidator(SMALL_NUMBER_THRESHOLD_MAX),
        ],
        help_text=_("Figures about fewer individuals than this are not shown."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(small_number_threshold__gte=SMALL_NUMBER_THRESHOLD_MIN)
                & Q(small_number_threshold__lte=SMALL_NUMBER_THRESHOLD_MAX),
                name="followup_small_number_threshold_bounds",
            )
        ]
        verbose_name = _("follow-up settings")
        verbose_name_plural = _("follow-up settings")

    def __str__(self) -> str:
        return str(self.county)

    @classmethod
    def threshold_for(cls, county: County) -> int:
        """The county's threshold, or the default when the county has set none."""
        stored = (
            cls.objects.filter(county=county)
            .values_list("small_number_threshold", flat=True)
            .first()
        )
        return DEFAULT_SMALL_NUMBER_THRESHOLD if stored is None else stored


# The survey's tables live in a module of their own (the effect goals' part of follow-up).
from .survey_models import SurveyAnswer, SurveyInvitation, SurveyRound  # noqa: E402, F401
