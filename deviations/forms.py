"""The forms of the deviation pages: every text and date bounded by the input rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, LineField, TextField


def _version(form: forms.Form) -> None:
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=rules.LARGEST_ID
    )


class ReportForm(forms.Form):
    clause = forms.ChoiceField(
        label=_("Routine and clause"),
        help_text=_("The governing document and its section that was not followed."),
    )
    party = forms.ModelChoiceField(
        label=_("Party that deviated"), queryset=None, empty_label=_("Choose the organisation")
    )
    happened_on = DayField(label=_("When it happened"), window=rules.CASE_STEP)
    what = TextField(
        label=_("What happened"),
        help_text=_(
            "Describe what was done or not done against the routine. Do not name the individual: "
            "the report needs no personal data."
        ),
    )

    def __init__(self, *args, clauses, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [("", _("Choose the routine and clause"))] + [
            (c.key, c.label) for c in clauses
        ]
        self.fields["party"].queryset = organisations


class StepForm(forms.Form):
    """The handler's steps: a date, and the text the step asks for."""

    on = DayField(label=_("Date"), window=rules.CASE_STEP)

    def __init__(self, *args, text_label=None, text_help="", **kwargs):
        super().__init__(*args, **kwargs)
        if text_label:
            self.fields["text"] = TextField(label=text_label, help_text=text_help)
        _version(self)


class InvestigationForm(forms.Form):
    investigation = TextField(label=_("What the investigation found"))
    measures = TextField(label=_("Measures taken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version(self)


class HandOverForm(forms.Form):
    title = LineField(label=_("Title of the matter"), max_length=rules.LINE)
    question = TextField(
        label=_("The question"),
        help_text=_("Name the parties and the routines; never a case or an individual."),
    )
