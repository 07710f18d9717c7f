"""The placements' forms: the same bounds as the API (inputs.fields), and each form carries the
version of the row it was read at, so that a change saved meanwhile is refused, not lost."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from agreements.schema import Sector
from inputs import rules
from inputs.fields import DayField, LineField, TextField
from structure.models import Organisation

from .models import Placement
from .rules import examining_organisations, taking_part

CARE = [("voluntary", capfirst(_("voluntary"))), ("compulsory", capfirst(_("compulsory")))]
URGENCY = [("planned", capfirst(_("planned"))), ("acute", capfirst(_("acute")))]
KINDS = [(value, capfirst(label)) for value, label in Placement.Kind.choices]


class Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _taking_part(case, **where):
    return Organisation.objects.filter(pk__in=taking_part(case), **where).order_by("name")


class PlacementForm(Versioned):
    kind = forms.ChoiceField(label=_("Kind of placement"), choices=KINDS, widget=forms.RadioSelect)
    care = forms.ChoiceField(
        label=_("Voluntary or compulsory care"), choices=CARE, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(
        label=_("Planned or acute"), choices=URGENCY, widget=forms.RadioSelect
    )
    decided_on = DayField(label=_("Date of the decision"), window=rules.CASE_STEP)
    deciding_organisation = forms.ModelChoiceField(
        label=_("Deciding social services"), queryset=Organisation.objects.none()
    )
    starts_on = DayField(label=_("The placement starts"), window=rules.CASE_STEP)
    ends_on = DayField(
        label=_("The placement ends"),
        window=rules.FOLLOW_UP,
        required=False,
        help_text=_("Leave empty while the end is not decided."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deciding_organisation"].queryset = _taking_part(
            case, sector=Sector.SOCIAL_SERVICES
        )

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "compulsory": data["care"] == "compulsory",
            "acute": data["urgency"] == "acute",
            "decided_on": data["decided_on"],
            "deciding_organisation": data["deciding_organisation"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
        }


def placement_initial(placement: Placement) -> dict:
    return {
        "version": placement.version,
        "kind": placement.kind,
        "care": "compulsory" if placement.compulsory else "voluntary",
        "urgency": "acute" if placement.acute else "planned",
        "decided_on": placement.decided_on,
        "deciding_organisation": placement.deciding_organisation_id,
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
    }


class ExaminationRequestForm(Versioned):
    organisation = forms.ModelChoiceField(
        label=_("Primary care unit that examines"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, case, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = examining_organisations(
            rules, case.individual.county
        ).filter(pk__in=taking_part(case))


class ExaminationForm(Versioned):
    examined_on = DayField(label=_("Examined on"), window=rules.CASE_STEP)
    examiner = LineField(label=_("Examined by"), help_text=_("Name and title."))
    outcome = TextField(
        label=_("Outcome"),
        help_text=_(
            "The basis for the health care interventions during the placement: what the "
            "child needs from health care."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CostAllocationForm(Versioned):
    """One percent and one line of what it covers for each principal taking part in the case;
    a principal left empty has no share."""

    agreed_on = DayField(label=_("Agreed on"), window=rules.CASE_STEP)
    note = TextField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, principals: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.principals = principals
        for key, name in principals.items():
            self.fields[f"percent-{key}"] = forms.IntegerField(
                label=_("%(name)s: share in percent") % {"name": name},
                min_value=0,
                max_value=100,
                required=False,
            )
            self.fields[f"covers-{key}"] = LineField(
                label=_("%(name)s: what it covers") % {"name": name},
                max_length=rules.LINE,
                required=False,
            )

    def shares(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"principal": key, "percent": data[f"percent-{key}"], "covers": data[f"covers-{key}"]}
            for key in self.principals
            if data.get(f"percent-{key}") is not None
        ]


class AdmissionForm(forms.Form):
    admitted_on = DayField(label=_("Admitted on"), window=rules.CASE_STEP)
    care = forms.ChoiceField(
        label=_("Voluntary or compulsory care"), choices=CARE, widget=forms.RadioSelect
    )
    referred_by = forms.ModelChoiceField(
        label=_("Referred by"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_by"].queryset = Organisation.objects.filter(
            county=case.individual.county, sector=Sector.HEALTH_CARE
        ).order_by("name")


class DischargeForm(Versioned):
    leave_planning = TextField(
        label=_("Planning of leave"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    discharge_planning = TextField(
        label=_("Planning of the discharge"),
        required=False,
        help_text=_("Together with the municipality, whose interventions continue."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    discharge_planned_for = DayField(
        label=_("Discharge planned for"), window=rules.FOLLOW_UP, required=False
    )
    discharged_on = DayField(label=_("Discharged on"), window=rules.CASE_STEP, required=False)
