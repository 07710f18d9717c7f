"""The log review's filters, the review of an emergency access, and the extract's look-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, LineField, TextField
from plans.forms import identity_number_field

from .review import Kind


class ReviewFilterForm(forms.Form):
    date_from = DayField(label=_("From"), required=False, window=rules.LOG)
    date_to = DayField(label=_("To"), required=False, window=rules.LOG)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    case = forms.IntegerField(
        label=_("Case number"), required=False, min_value=1, max_value=rules.LARGEST_ID
    )
    user = LineField(label=_("User"), required=False, max_length=rules.SEARCH)
    kind = forms.ChoiceField(label=_("Show"), required=False, choices=Kind.choices)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (name, name) for name in organisations
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class EmergencyReviewForm(forms.Form):
    note = TextField(
        label=_("Your assessment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExtractForm(forms.Form):
    identity_number = identity_number_field()
