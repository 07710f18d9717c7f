"""The forms of the individual level. Bad input gets a message per field and loses nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from structure.models import Organisation

from .models import Consent, NetworkMeeting

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def identity_number_field() -> forms.CharField:
    """A personal identity or coordination number as typed; `plans.identity` parses it. Never
    remembered by the browser."""
    return forms.CharField(
        label=_("Personal identity or coordination number"),
        max_length=20,
        help_text=_("YYYYMMDD-NNNN"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class OpenCaseForm(forms.Form):
    identity_number = identity_number_field()
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
    # A checkbox only once the number turned out to be known under another name (the view
    # shows it then): the user confirms having checked the number.
    name_checked = forms.BooleanField(
        label=_("I have checked the number: open the case with the name I gave"),
        required=False,
        widget=forms.HiddenInput,
    )


class FindForm(forms.Form):
    identity_number = identity_number_field()


class StepForm(forms.Form):
    """Every step carries the case's version, so that two people cannot take it at once."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
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
    relatives = forms.CharField(
        label=_("Relatives taking part"),
        max_length=300,
        required=False,
        help_text=_("Names and how they are related, if any."),
    )
    relatives_suitable = forms.BooleanField(
        label=_("It is suitable, and the individual does not oppose it"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
        consent = case.consent_in_force(case.consent_on) if case.consent_on else None
        self.fields["participants"].queryset = (
            consent.organisations.exclude(pk=case.opening_organisation_id)
            if consent
            else Organisation.objects.none()
        )


class DayForm(StepForm):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class MeetingForm(StepForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    attended = forms.CharField(
        label=_("Who attended"),
        help_text=_("The child, the parents, and each professional with their organisation."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    picture = forms.CharField(
        label=_("Joint picture of needs and resources"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CallFollowUpForm(StepForm):
    called_on = forms.DateField(label=_("Called on"), widget=DATE)
    meeting_on = forms.DateField(label=_("The meeting is held on"), widget=DATE)


class FollowUpForm(MeetingForm):
    picture = forms.CharField(
        label=_("How the interventions have gone"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome = forms.ChoiceField(
        label=_("The meeting decided"),
        choices=NetworkMeeting.Outcome.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why the case is closed"),
        required=False,
        help_text=_("Only when the case is closed."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(StepForm):
    closed_on = forms.DateField(label=_("Date"), widget=DATE)
    reason = forms.CharField(
        label=_("Why the case is closed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(StepForm):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE)


def principal_choices(county) -> list[tuple[str, str]]:
    """The principals (huvudmän) of the county: the parties of its agreement in force."""
    agreement = Agreement.objects.structure_in_force(county=county)
    parties = agreement.document.parties if agreement else []
    return [("", "—"), *((p.id, p.name) for p in parties)]


class PlanForm(forms.Form):
    """One version of the SIP. `based_on` is the version the author started from."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        help_text=_("The joint picture: which needs the interventions answer."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measures_by_others = forms.CharField(
        label=_("Measures by others than the region and the municipality"),
        required=False,
        help_text=_("For example an association or the family's church; write “None” if none."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    overall_responsibility = forms.ChoiceField(
        label=_("Principal with the overall responsibility"), required=False
    )
    coordinator_name = forms.CharField(label=_("Coordinator"), max_length=200, required=False)
    coordinator_organisation = forms.ModelChoiceField(
        label=_("The coordinator's organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    plan_owner_name = forms.CharField(
        label=_("Plan owner"),
        max_length=200,
        required=False,
        help_text=_("Needed when the coordinator is from neither social services nor health care."),
    )
    plan_owner_organisation = forms.ModelChoiceField(
        label=_("The plan owner's organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    approved_by = forms.CharField(
        label=_("Approved by"),
        max_length=200,
        required=False,
        help_text=_("The individual, or the guardians."),
    )
    approved_on = forms.DateField(label=_("Approved on"), required=False, widget=DATE)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(county=county)
        self.fields["coordinator_organisation"].queryset = organisations
        self.fields["plan_owner_organisation"].queryset = organisations
        self.fields["overall_responsibility"].choices = principal_choices(county)


class InterventionForm(forms.Form):
    description = forms.CharField(label=_("Intervention"), max_length=1000)
    principal = forms.ChoiceField(label=_("Responsible principal"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    scope = forms.CharField(label=_("Scope"), max_length=300, required=False)
    performer = forms.CharField(label=_("Performer"), max_length=200, required=False)
    follow_up = forms.CharField(label=_("How it is followed up"), max_length=300, required=False)
    follow_up_on = forms.DateField(label=_("Followed up on"), required=False, widget=DATE)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(county=county)
        self.fields["principal"].choices = principal_choices(county)


class NoFurtherActionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    statement = forms.CharField(
        label=_("Why no further assessment or intervention is needed"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(county=county)


InterventionFormSet = forms.formset_factory(InterventionForm, extra=1, can_delete=True)
NoFurtherActionFormSet = forms.formset_factory(NoFurtherActionForm, extra=0, can_delete=True)


class EstablishForm(forms.Form):
    established_on = forms.DateField(label=_("Established on"), widget=DATE)
