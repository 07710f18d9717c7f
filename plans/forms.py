"""The forms of the individual level. Bad input gets a message per field and loses nothing."""

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from inputs import rules
from inputs.fields import DayField, LineField, TextField
from structure.models import Organisation

from .models import CONSENT_END_TOO_EARLY, Consent, Guardian, NetworkMeeting, Plan
from .recipients import Recipients
from .rules import case_speaks_as_child, consent_rules, givers_on


def identity_number_field() -> LineField:
    """A personal identity or coordination number as typed; `plans.identity` parses it. Never
    remembered by the browser."""
    return LineField(
        label=_("Personal identity or coordination number"),
        max_length=rules.IDENTITY,
        help_text=_("YYYYMMDD-NNNN"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class OpenCaseForm(forms.Form):
    identity_number = identity_number_field()
    name = LineField(label=_("Name"), max_length=rules.NAME)
    guardians = TextField(
        label=_("Guardians"),
        required=False,
        help_text=_("One name per line, for a child."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    representative = LineField(
        label=_("Legal representative"),
        max_length=rules.NAME,
        required=False,
        help_text=_("The god man or förvaltare, where the individual has one."),
    )
    representative_kind = forms.ChoiceField(
        label=_("The representative is"),
        choices=[(k.value, k.label) for k in Guardian.REPRESENTATIVES],
        required=False,
    )
    concern = TextField(
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

    def clean_guardians(self):
        # Each line is stored as one guardian's name.
        guardians = self.cleaned_data["guardians"]
        if any(len(line.strip()) > rules.NAME for line in guardians.splitlines()):
            raise forms.ValidationError(
                _("Write each guardian's name on a line of its own, at most %(limit)s characters.")
                % {"limit": rules.NAME}
            )
        return guardians


class FindForm(forms.Form):
    identity_number = identity_number_field()


class StepForm(forms.Form):
    """Every step carries the case's version, so that two people cannot take it at once, and
    what the case looked like then (`seen`, signed), so that a refused save can show what
    changed meanwhile (`plans.conflicts`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    @cached_property
    def as_child(self) -> bool:
        """Whether the case is a child's by the county's consent rules today: its words then
        name the child and the guardians, otherwise the individual and a representative."""
        return self.case is None or case_speaks_as_child(self.case, timezone.localdate())


class ConsentForm(StepForm):
    given_by = LineField(
        label=_("Given by"), max_length=rules.NAME, help_text=_("The individual, or the guardians.")
    )
    given_how = forms.ChoiceField(label=_("How"), choices=Consent.Given.choices)
    given_on = DayField(label=_("Date"), window=rules.CASE_STEP)
    valid_until = DayField(
        label=_("Valid until"),
        required=False,
        window=rules.FOLLOW_UP,
        help_text=_(
            "The last day the consent holds, when it was given for a limited time; leave empty "
            "when it holds until withdrawn."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("May be shared with"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Whole groups of recipients at once ("all of social services in Luleå kommun").
    groups = forms.MultipleChoiceField(
        label=_("Whole groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    child_view = TextField(
        label=_("The child's own view"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    given_as = forms.ChoiceField(label=_("Given as"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = Recipients(self.case)
        self.fields["organisations"].queryset = self.recipients.organisations
        self.fields["groups"].choices = self.recipients.group_choices
        individual = self.case.individual
        givers = givers_on(
            consent_rules(individual.county), individual.birth_date, timezone.localdate()
        )
        if givers:
            self.fields["given_as"].choices = [
                (g.giver.value, Consent.GivenAs(g.giver.value).label) for g in givers
            ]
        else:
            del self.fields["given_as"]
        if not self.as_child:
            self.fields["given_by"].help_text = _(
                "The individual, or their legal representative (god man or förvaltare)."
            )
            self.fields["child_view"].label = _("The individual's own view")
            self.fields["child_view"].help_text = _("When a representative gives the consent.")

    def clean(self):
        data = super().clean()
        # Where the county's rules are silent, the step records no role.
        data.setdefault("given_as", None)
        given_on, valid_until = data.get("given_on"), data.get("valid_until")
        if given_on and valid_until and valid_until <= given_on:
            self.add_error("valid_until", CONSENT_END_TOO_EARLY)
        # The groups become their organisations: the step is given organisations only.
        data["organisations"] = self.recipients.chosen(
            data.get("organisations"), data.pop("groups", None)
        )
        if not data["organisations"] and "organisations" not in self.errors:
            self.add_error("organisations", _("Name the organisations it may be shared with."))
        return data

    def recipient_layout(self):
        """The recipients' checkboxes by principal and kind of unit, for the template."""
        return self.recipients.layout(self["organisations"], self["groups"])


class DecisionForm(StepForm):
    decided_on = DayField(label=_("Date"), window=rules.CASE_STEP)
    participants = forms.ModelMultipleChoiceField(
        label=_("Taking part besides the child and the parents"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    relatives = LineField(
        label=_("Relatives taking part"),
        max_length=rules.LINE,
        required=False,
        help_text=_("Names and how they are related, if any."),
    )
    relatives_suitable = forms.BooleanField(
        label=_("It is suitable, and the individual does not oppose it"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.case
        if not self.as_child:
            self.fields["participants"].label = _("Taking part besides the individual")
        consent = case.consent_in_force(case.consent_on) if case.consent_on else None
        self.fields["participants"].queryset = (
            consent.organisations.exclude(pk=case.opening_organisation_id)
            if consent
            else Organisation.objects.none()
        )


class NoCallForm(StepForm):
    """The decision not to call a network meeting, when collaboration with other actors is not
    needed after all (004 "Samordnad planering – nätverksmöte": the manager decides "om behov
    finns av samverkan med andra aktörer")."""

    decided_on = DayField(label=_("Date"), window=rules.CASE_STEP)
    reason = TextField(
        label=_("Why no network meeting is called"),
        help_text=_("The case is closed with this reason; its record is kept."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoticeForm(StepForm):
    sent_on = DayField(label=_("Date"), window=rules.CASE_STEP)


class MeetingForm(StepForm):
    held_on = DayField(label=_("Held on"), window=rules.CASE_STEP)
    attended = TextField(
        label=_("Who attended"),
        help_text=_("The child, the parents, and each professional with their organisation."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    picture = TextField(
        label=_("Joint picture of needs and resources"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.as_child:
            self.fields["attended"].help_text = _(
                "The individual, their representative if any, and each professional with their "
                "organisation."
            )


class CallFollowUpForm(StepForm):
    called_on = DayField(label=_("Called on"), window=rules.CASE_STEP)
    meeting_on = DayField(label=_("The meeting is held on"), window=rules.MEETING)


class FollowUpForm(MeetingForm):
    picture = TextField(
        label=_("How the interventions have gone"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome = forms.ChoiceField(
        label=_("The meeting decided"),
        choices=NetworkMeeting.Outcome.choices,
        widget=forms.RadioSelect,
    )
    reason = TextField(
        label=_("Why the case is closed"),
        required=False,
        help_text=_("Only when the case is closed."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(StepForm):
    closed_on = DayField(label=_("Date"), window=rules.CASE_STEP)
    reason = TextField(label=_("Why the case is closed"), widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(StepForm):
    withdrawn_on = DayField(label=_("Withdrawn on"), window=rules.CASE_STEP)


def principal_choices(county) -> list[tuple[str, str]]:
    """The principals (huvudmän) of the county: the parties of its agreement in force."""
    agreement = Agreement.objects.structure_in_force(county=county)
    parties = agreement.document.parties if agreement else []
    return [("", "—"), *((p.id, p.name) for p in parties)]


class PlanForm(forms.Form):
    """The SIP's draft. `based_on` is the newest version when the author started, `version` the
    case's version then: a save on anything older is refused, and nothing is lost."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    version = forms.IntegerField(widget=forms.HiddenInput)
    needs = TextField(
        label=_("Needs"),
        required=False,
        help_text=_("The joint picture: which needs the interventions answer."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measures_by_others = TextField(
        label=_("Measures by others than the region and the municipality"),
        required=False,
        help_text=_("For example an association or the family's church; write “None” if none."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    overall_responsibility = forms.ChoiceField(
        label=_("Principal with the overall responsibility"), required=False
    )
    coordinator_name = LineField(label=_("Coordinator"), max_length=rules.NAME, required=False)
    coordinator_organisation = forms.ModelChoiceField(
        label=_("The coordinator's organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    plan_owner_name = LineField(
        label=_("Plan owner"),
        max_length=rules.NAME,
        required=False,
        help_text=_("Needed when the coordinator is from neither social services nor health care."),
    )
    plan_owner_organisation = forms.ModelChoiceField(
        label=_("The plan owner's organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    approved_by = LineField(
        label=_("Approved by"),
        max_length=rules.NAME,
        required=False,
        help_text=_("The individual, or the guardians."),
    )
    approved_on = DayField(label=_("Approved on"), required=False, window=rules.CASE_STEP)
    approved_how = forms.ChoiceField(
        label=_("How it was approved"),
        choices=[("", "—"), *Plan.Approval.choices],
        required=False,
    )

    def __init__(self, *args, county, as_child=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not as_child:
            self.fields["approved_by"].help_text = _(
                "The individual, or their legal representative (god man or förvaltare)."
            )
        organisations = Organisation.objects.filter(county=county)
        self.fields["coordinator_organisation"].queryset = organisations
        self.fields["plan_owner_organisation"].queryset = organisations
        self.fields["overall_responsibility"].choices = principal_choices(county)


class InterventionForm(forms.Form):
    description = LineField(label=_("Intervention"), max_length=rules.SUMMARY)
    principal = forms.ChoiceField(label=_("Responsible principal"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    scope = LineField(label=_("Scope"), max_length=rules.LINE, required=False)
    performer = LineField(label=_("Performer"), max_length=rules.NAME, required=False)
    follow_up = LineField(label=_("How it is followed up"), max_length=rules.LINE, required=False)
    follow_up_on = DayField(label=_("Followed up on"), required=False, window=rules.FOLLOW_UP)

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(county=county)
        self.fields["principal"].choices = principal_choices(county)

    def clean(self):
        """The organisation belongs to the responsible principal (`plans.services` checks the
        same for the API)."""
        data = super().clean()
        organisation, principal = data.get("organisation"), data.get("principal")
        if organisation is not None and principal and organisation.principal != principal:
            self.add_error(
                "organisation",
                _("%(organisation)s does not belong to the principal chosen for the intervention.")
                % {"organisation": organisation.name},
            )
        return data


class NoFurtherActionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    statement = TextField(
        label=_("Why no further assessment or intervention is needed"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(county=county)


InterventionFormSet = forms.formset_factory(InterventionForm, extra=1, can_delete=True)
NoFurtherActionFormSet = forms.formset_factory(NoFurtherActionForm, extra=0, can_delete=True)


class EstablishForm(forms.Form):
    established_on = DayField(label=_("Established on"), window=rules.CASE_STEP)
    # The case's version when the plan was read: a draft changed since is not established.
    version = forms.IntegerField(widget=forms.HiddenInput)
