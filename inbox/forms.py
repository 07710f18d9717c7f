from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules

from .models import ReminderSettings

MAX_VERSION = 2_147_483_647


class ReminderSettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Remind me by mail"),
        choices=ReminderSettings.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often you want to be reminded."),
            "invalid_choice": _("Choose one of the listed frequencies."),
        },
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=rules.KEY)

    def clean_version(self) -> int | None:
        """The version the page was read at; a value that is not one is a page out of date."""
        value = self.cleaned_data["version"].strip()
        if not value:
            return None
        # ASCII digits only: "²" is a digit to str.isdigit but no number to int.
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_VERSION:
            raise forms.ValidationError(
                _("The page was out of date. Look at your choice again and save it.")
            )
        return int(value)
