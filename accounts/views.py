"""The second factor: verify with a code, or set up an authenticator app first."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .two_factor import confirmed_device


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code from the authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("The code is six digits.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def two_factor(request):
    device = confirmed_device(request.user)
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
        {"form": form, "setting_up": setting_up, "device": device},
    )
