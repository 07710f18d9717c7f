"""The forms of the individual level. Bad input gets a message per field and loses nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _


class OpenCaseForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Personal identity or coordination number"),
        max_length=20,
        help_text=_("YYYYMMDD-NNNN"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    guardians = forms.CharField(
        label=_("Guardians"),
        required=False,
        help_text=_("One name per line, for a child."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    concern = forms.CharField(
        label=_("Needs you have noticed"),
        help_text=_("Which needs call for several actors: school, social services, health care."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    acute = forms.BooleanField(label=_("Acute"), required=False)
