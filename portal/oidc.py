"""Logging in to My pages with a BankID-capable OpenID Connect provider: a client of its own
(portal.conf, the PORTAL_OIDC_* settings), apart from the staff's, that never logs anyone in
as a Django user. The provider's personal identity number claim maps to the person by the same
keyed hash as the individuals' (plans.identity); the number is neither stored nor logged."""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from plans.identity import Identity, parse_identity_number

from .visitor import log_in

logger = logging.getLogger(__name__)


def portal_setting(attr: str, *args):
    """The portal's value of a mozilla-django-oidc setting: PORTAL_ before its name."""
    if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
        return "portal:oidc_callback"
    return import_from_settings(f"PORTAL_{attr}", *args)


def _configured() -> None:
    if not settings.SAMVERKAN_PORTAL_OIDC:
        raise Http404


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Not an authentication backend of Django's: `authenticate` returns the person's
    Identity from the provider's claims, or None, and no user is ever made or found."""

    get_settings = staticmethod(portal_setting)

    def get_or_create_user(self, access_token, id_token, payload) -> Identity | None:
        claim = settings.PORTAL_OIDC_IDENTITY_CLAIM
        claims = payload if claim in payload else self.get_userinfo(access_token, id_token, payload)
        try:
            return parse_identity_number(str(claims.get(claim) or ""))
        except ValidationError:
            return None


class PortalLoginStart(OIDCAuthenticationRequestView):
    get_settings = staticmethod(portal_setting)


def login_start(request):
    # The view reads the provider's settings when it is made: only once there is a provider.
    _configured()
    return PortalLoginStart.as_view()(request)


class PortalLoginCallback(View):
    http_method_names = ["get"]

    def get(self, request):
        _configured()
        states = request.session.get("oidc_states")
        state, code = request.GET.get("state"), request.GET.get("code")
        if request.GET.get("error") or not code or not isinstance(states, dict):
            return self.failure(request)
        entry = states.pop(state, None) if isinstance(state, str) else None
        request.session["oidc_states"] = states
        if not isinstance(entry, dict):
            return self.failure(request)
        try:
            found = PortalOIDCBackend().authenticate(
                request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
            )
        except (requests.RequestException, SuspiciousOperation, ValueError, KeyError):
            # The provider's answer, never the person's number, which the log must not hold.
            logger.warning("The portal's identity provider did not confirm a login.")
            found = None
        if found is None:
            return self.failure(request)
        log_in(request, found)
        return redirect("portal:home")

    def failure(self, request):
        messages.error(request, _("The login did not go through. Try again."))
        return redirect("portal:login")
