"""The follow-up page's filter: a period as Kolada writes it and a breakdown, both bounded."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inputs.fields import LineField

from .indicators import BREAKDOWNS, Breakdown, Period, PeriodError
from .models import SMALL_NUMBER_THRESHOLD_MAX, SMALL_NUMBER_THRESHOLD_MIN

# "2026M04" is the longest key; a little room for spaces around it.
PERIOD_LENGTH = 12


class IndicatorFilter(forms.Form):
    period = LineField(
        label=_("Period"),
        max_length=PERIOD_LENGTH,
        required=False,
        help_text=_("A year (2026), half-year (2026H1), quarter (2026Q3) or month (2026M04)."),
    )
    breakdown = forms.ChoiceField(
        label=_("Breakdown"), required=False, choices=list(BREAKDOWNS.items())
    )

    def clean_period(self) -> Period:
        given = self.cleaned_data.get("period") or ""
        if not given.strip():
            return default_period()
        try:
            return Period.parse(given)
        except PeriodError as error:
            raise forms.ValidationError(str(error.args[0])) from None

    def clean_breakdown(self) -> str:
        return self.cleaned_data.get("breakdown") or Breakdown.COUNTY


def default_period() -> Period:
    """This year so far."""
    return Period.parse(str(timezone.localdate().year))


class ThresholdForm(forms.Form):
    small_number_threshold = forms.IntegerField(
        label=_("Small-number threshold"),
        min_value=SMALL_NUMBER_THRESHOLD_MIN,
        max_value=SMALL_NUMBER_THRESHOLD_MAX,
        help_text=_("No figure about fewer individuals than this is shown or exported."),
    )
