"""Two-factor authentication (TOTP, django-otp) for everything that touches an individual.

A user verifies once per session with a code from an authenticator app; a user without a device
sets one up on the same page. Single sign-on (OIDC) may take this over in production."""

from base64 import b32encode
from functools import wraps

import segno
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_required(view):
    """For logged-in users: their session must have passed the second factor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_verified():
            url = reverse("accounts:two_factor")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    return wrapped


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def current_code(device: TOTPDevice) -> str:
    """The code the device shows now (for the demo's `samverkan otp-code`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def setup_picture(device: TOTPDevice) -> dict[str, str]:
    """What the set-up page shows of a new device: its otpauth URL as a QR code (an SVG data URI,
    which the Content-Security-Policy allows as an image) and the key as an app asks for it when
    typed in, base32 in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return {
        "qr": segno.make(device.config_url, error="m").svg_data_uri(
            scale=4, border=4, omitsize=True
        ),
        "key": " ".join(key[start : start + 4] for start in range(0, len(key), 4)),
        "url": device.config_url,
    }
