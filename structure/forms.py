"""Forms of the structure pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .compliance import ERROR, OK, RULE_NAMES, WARNING


class ComplianceFilter(forms.Form):
    on = forms.DateField(
        label=_("On the day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    body = forms.ChoiceField(label=_("Body"), required=False)
    rule = forms.ChoiceField(label=_("Rule"), required=False)
    severity = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            (ERROR, _("Errors")),
            (WARNING, _("Warnings")),
            (OK, _("What holds")),
        ],
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All bodies"))] + [
            (b.id, b.name) for b in document.bodies
        ]
        self.fields["rule"].choices = [("", _("All rules"))] + [
            (key, name) for key, name in RULE_NAMES.items()
        ]
