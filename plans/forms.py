"""The forms of the individual level. Bad input gets a message per field and loses nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from structure.models import Organisation

from .models import Consent


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


class StepForm(forms.Form):
    """Every step carries the case's version, so that two people cannot take it at once."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsentForm(StepForm):
    given_by = forms.CharField(
        label=_("Given by"), max_length=200, help_text=_("The individual, or the guardians.")
    )
    given_how = forms.ChoiceField(label=_("How"), choices=Consent.Given.choices)
    given_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    organisations = forms.ModelMultipleChoiceField(
        label=_("May be shared with"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    child_view = forms.CharField(
        label=_("The child's own view"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(
            county=case.individual.county
        ).exclude(pk=case.opening_organisation_id)


class DecisionForm(StepForm):
    decided_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.ModelMultipleChoiceField(
        label=_("Taking part besides the child and the parents"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        consent = case.consent_in_force(case.consent_on) if case.consent_on else None
        self.fields["participants"].queryset = (
            consent.organisations.exclude(pk=case.opening_organisation_id)
            if consent
            else Organisation.objects.none()
        )


class DayForm(StepForm):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
