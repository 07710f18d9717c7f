"""Forms of the structure pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField, LineField, TextField

from .compliance import ADVICE, ERROR, OK, RULE_NAMES, WARNING
from .models import Appointment, Organisation, Person


class ComplianceFilter(forms.Form):
    on = DayField(label=_("On the day"), required=False, window=rules.STRUCTURE)
    body = forms.ChoiceField(label=_("Body"), required=False)
    rule = forms.ChoiceField(label=_("Rule"), required=False)
    severity = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            (ERROR, _("Errors")),
            (WARNING, _("Warnings")),
            (ADVICE, _("Advice")),
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


class AppointmentForm(forms.Form):
    """Appoint someone to a seat of a body, or change an appointment (with its version)."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Choose someone already in the structure, or give a new person below."),
    )
    new_name = LineField(label=_("New person: name"), max_length=rules.NAME, required=False)
    new_title = LineField(label=_("New person: title"), max_length=rules.NAME, required=False)
    new_email = forms.EmailField(
        label=_("New person: work e-mail"), max_length=rules.EMAIL, required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Represents"), queryset=Organisation.objects.none()
    )
    instance = forms.ChoiceField(label=_("Group"), required=False)
    seat = forms.ChoiceField(label=_("Seat"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Appointment.Role.choices)
    substitute_for = forms.ModelChoiceField(
        label=_("Substitute for"), queryset=Appointment.objects.none(), required=False
    )
    starts = DayField(label=_("From"), window=rules.STRUCTURE)
    ends = DayField(
        label=_("To and including"),
        required=False,
        window=rules.STRUCTURE,
    )
    reason = TextField(
        label=_("Decision or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the decision that appoints the person."),
    )
    # The appointment's version the change was typed on: required when changing one, so that
    # a change never silently overwrites another's (structure.actions.ConflictError).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, county, body, instances, changing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.county, self.body = county, body
        self.fields["version"].required = changing
        self.fields["person"].queryset = Person.objects.filter(county=county).select_related(
            "organisation"
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(county=county)
        self.fields["seat"].choices = [("", _("(co-opted, no seat)"))] + [
            (s.id, s.role) for s in body.seats
        ]
        self.fields["instance"].choices = instances
        if len(instances) == 1:
            self.fields["instance"].widget = forms.HiddenInput()
        seats = {s.id: s.role for s in body.seats}
        self.fields["substitute_for"].label_from_instance = lambda a: (
            f"{a.person.name} ({seats.get(a.seat, a.seat)})"
        )
        self.fields["substitute_for"].queryset = (
            Appointment.objects.filter(county=county, body=body.id, role=Appointment.Role.MEMBER)
            .select_related("person")
            .order_by("person__name")
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not cleaned.get("new_name"):
            self.add_error("person", _("Choose a person or give the name of a new one."))
        return cleaned


class OfficeTermForm(forms.Form):
    """Record who holds an office of a body for a term, with a decided exception if any."""

    role = forms.ChoiceField(label=_("Office"))
    instance = forms.ChoiceField(label=_("Group"), required=False)
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    starts = DayField(label=_("From"), window=rules.STRUCTURE)
    ends = DayField(label=_("To and including"), required=False, window=rules.STRUCTURE)
    exception = TextField(
        label=_("Decided exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the body has decided to depart from the rotation, e.g. a longer term: "
            "the decision and its date."
        ),
    )

    def __init__(self, *args, county, body, instances, office_names, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(o.role.value, office_names[o.role]) for o in body.offices]
        self.fields["instance"].choices = instances
        if len(instances) == 1:
            self.fields["instance"].widget = forms.HiddenInput()
        self.fields["person"].queryset = Person.objects.filter(county=county).select_related(
            "organisation"
        )
