"""The emergency access page: a professional or unit manager states why they must see an
individual's cases outside participation. The identity number travels only in the POST body: it
is never put in a URL, written back into the page after success, or shown on an error page."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from accounts.two_factor import verified_required
from inputs.fields import TextField

from .emergency import do_open_emergency_access, may_use_emergency_access, reason_problem
from .forms import identity_number_field
from .models import Case, EmergencyAccess


class EmergencyAccessForm(forms.Form):
    identity_number = identity_number_field()
    reason = TextField(
        label=gettext_lazy("Why you need access"),
        help_text=gettext_lazy("What has happened, and why it cannot wait for consent."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    understood = forms.BooleanField(
        label=gettext_lazy(
            "I understand that the access and everything I read are logged and reviewed."
        )
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        problem = reason_problem(reason)
        if problem:
            raise forms.ValidationError(problem)
        return reason


def accesses_in_force(user):
    """The user's emergency accesses that have not ended, with the cases each opens."""
    now = timezone.now()
    return (
        EmergencyAccess.objects.filter(user=user, started_at__lte=now, ends_at__gt=now)
        .prefetch_related(
            Prefetch(
                "individual__cases",
                queryset=Case.objects.select_related("opening_organisation"),
            )
        )
        .order_by("-started_at")
    )


@sensitive_post_parameters("identity_number")
@sensitive_variables()
@login_required
@verified_required
def emergency_access(request):
    if not may_use_emergency_access(request.user):
        raise PermissionDenied
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access = do_open_emergency_access(
                request.user,
                identity_number=form.cleaned_data["identity_number"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            # The service names the field of its own errors; the day's limit is about the
            # whole request; a number that does not parse raises a plain one, about the number.
            if hasattr(error, "error_dict") or error.code == "limit":
                form.add_error(None, error)
            else:
                form.add_error("identity_number", error)
        else:
            # The same answer whether or not anyone has the number: the access is logged
            # before the list below shows what it opens.
            until = date_format(timezone.localtime(access.ends_at), "Y-m-d H:i")
            messages.success(
                request, _("Emergency access is open until %(until)s.") % {"until": until}
            )
            return redirect("plans:emergency")
    return render(
        request,
        "plans/emergency.html",
        {
            "form": form,
            "accesses": accesses_in_force(request.user),
            "hours": settings.SAMVERKAN_EMERGENCY_ACCESS_HOURS,
            "per_day": settings.SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY,
        },
    )
