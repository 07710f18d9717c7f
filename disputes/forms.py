"""The forms of the dispute pages: every text and date bounded by the input rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, TextField

from .models import Dispute

STATEMENT_HELP = _(
    "Your side's view of who is responsible or who bears the cost, and why. The body that "
    "handles the dispute reads it: do not name the individual."
)


def _version(form: forms.Form) -> None:
    form.fields["version"] = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=rules.LARGEST_ID
    )


class RaiseForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("What the dispute is about"), choices=Dispute.Subject.choices
    )
    respondent = forms.ModelChoiceField(
        label=_("The other party"), queryset=None, empty_label=_("Choose the organisation")
    )
    statement = TextField(label=_("Your side"), help_text=STATEMENT_HELP)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = organisations


class StatementForm(forms.Form):
    text = TextField(label=_("Your side"), help_text=STATEMENT_HELP)


class EscalateForm(forms.Form):
    on = DayField(label=_("Date"), window=rules.CASE_STEP)
    text = TextField(
        label=_("What this step concluded"),
        help_text=_("Why the dispute could not be resolved at this step."),
    )
    to_step = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _version(self)


class ResolveForm(forms.Form):
    on = DayField(label=_("Date"), window=rules.CASE_STEP)
    outcome = TextField(label=_("Outcome"), help_text=_("What the step decided, and why."))

    def __init__(self, *args, dispute: Dispute, principals: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        if dispute.subject == Dispute.Subject.RESPONSIBILITY:
            self.fields["responsible_principal"] = forms.ChoiceField(
                label=_("Responsible principal"),
                choices=[("", _("Choose the principal")), *principals],
            )
        else:
            for key, name in principals:
                self.fields[f"share_{key}"] = forms.IntegerField(
                    label=_("Share of %(principal)s (percent)") % {"principal": name},
                    min_value=0,
                    max_value=100,
                )
        _version(self)

    def shares(self) -> list[dict]:
        return [
            {"principal": name.removeprefix("share_"), "percent": value}
            for name, value in self.cleaned_data.items()
            if name.startswith("share_")
        ]
