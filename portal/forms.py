"""The portal's forms: the staff's record of a guardian's identity, the family's confirmation of
a withdrawal, and the demo's choice of a person. Bad input gets a message and loses nothing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inputs import rules
from inputs.fields import DayField
from plans.forms import identity_number_field

# Custody ends at 18 at the latest: up to eighteen years and a little ahead.
CUSTODY = rules.Window(rules.PLATFORM_FIRST_DAY, ahead=19 * 366)


class GuardianIdentityForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=rules.LARGEST_ID
    )
    guardian = forms.TypedChoiceField(label=_("Guardian"), coerce=int)
    identity_number = identity_number_field()
    custody_ends_on = DayField(
        label=_("Custody ends on"),
        window=CUSTODY,
        required=False,
        help_text=_(
            "Leave empty: custody ends when the child turns 18. A day that has passed ends the "
            "guardian's access to My pages."
        ),
    )

    def __init__(self, *args, guardians=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].choices = [(g.pk, g.name) for g in guardians]


class WithdrawForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("I understand what it means and want to withdraw the consent"),
        error_messages={
            "required": _("Tick the box to confirm that you want to withdraw the consent.")
        },
    )


class DemoLoginForm(forms.Form):
    person = forms.ChoiceField(label=_("Log in as"), widget=forms.RadioSelect)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = list(people)
