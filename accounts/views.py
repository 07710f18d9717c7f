"""The second factor: verify with a code, or set up an authenticator app first, which takes an
enrolment code from an administrator (accounts.enrolment)."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .enrolment import do_use_enrolment_code
from .two_factor import confirmed_device, setup_picture

# The user whose enrolment code this session has given: only then is a new secret shown.
ENROLLING = "samverkan_enrolling"


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from the authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("The code is six digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=gettext_lazy("Enrolment code from your administrator"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


@login_required
def two_factor(request):
    device = confirmed_device(request.user)
    if device is None and request.session.get(ENROLLING) != request.user.pk:
        return _enrolment_code(request)
    setting_up = device is None
    if setting_up:
        device, _created = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Autentiseringsapp"}
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                request.session.pop(ENROLLING, None)
            # A new session key once the second factor is passed, so that a key learnt before
            # (a fixed or sniffed one) never carries a verified session.
            request.session.cycle_key()
            otp_login(request, device)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = settings.LOGIN_REDIRECT_URL  # the user's start page, by role
            return redirect(target)
        form.add_error("code", _("The code is wrong or too old. Try the one the app shows now."))
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "setting_up": setting_up,
            "picture": setup_picture(device) if setting_up else None,
        },
    )


def _enrolment_code(request):
    """A user without an authenticator gives the enrolment code first. A wrong code counts as
    a failed login (django-axes): guessing codes locks the account as guessing passwords does."""
    credentials = {"username": request.user.username}
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not AxesProxyHandler.is_allowed(request, credentials):
            return _locked_out(request, credentials)
        if do_use_enrolment_code(request.user, form.cleaned_data["enrolment_code"]):
            request.session[ENROLLING] = request.user.pk
            return redirect(request.get_full_path())
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, credentials)
        form.add_error(
            "enrolment_code",
            _(
                "The enrolment code is wrong, already used or no longer valid. Ask your "
                "administrator for a new one. A wrong code counts as a failed login: after "
                "%(limit)s failed attempts the account is locked for a while."
            )
            % {"limit": settings.AXES_FAILURE_LIMIT},
        )
    return render(request, "accounts/two_factor.html", {"form": form, "enrolling": True})


def _locked_out(request, credentials):
    """Locked: the password's session ends too, so the lockout holds until it is lifted."""
    logout(request)
    return get_lockout_response(request, None, credentials)
