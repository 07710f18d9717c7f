"""Logging in to My pages: BankID through the portal's own OpenID Connect client, which maps the
personal identity number claim to the person and makes no user; and the demo's chooser, which
exists only in the demo."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.oidc import PortalOIDCBackend
from portal.visitor import SESSION_KEY

from .conftest import GUARDIAN

pytestmark = pytest.mark.django_db
CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"


@pytest.fixture
def provider(settings):
    settings.SAMVERKAN_PORTAL_OIDC = True
    settings.PORTAL_OIDC_RP_CLIENT_ID = "mina-sidor"
    settings.PORTAL_OIDC_RP_CLIENT_SECRET = "secret"
    settings.PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/authorize"
    settings.PORTAL_OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.PORTAL_OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.PORTAL_OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.PORTAL_OIDC_RP_SIGN_ALGO = "RS256"
    settings.PORTAL_OIDC_RP_SCOPES = "openid"
    return settings


def _start(client):
    response = client.get(reverse("portal:oidc_start"))
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    return query


def _answer(monkeypatch, claims, *, fails=False):
    def get_token(self, payload):
        if fails:
            raise requests.ConnectionError("down")
        return {"id_token": "id", "access_token": "access"}

    def verify_token(self, token, **kwargs):
        return {"nonce": kwargs.get("nonce"), **claims}

    monkeypatch.setattr(PortalOIDCBackend, "get_token", get_token)
    monkeypatch.setattr(PortalOIDCBackend, "verify_token", verify_token)


def test_the_login_page_offers_bankid_when_a_provider_is_set(client, provider):
    assert "Logga in med BankID" in client.get(reverse("portal:login")).text


def test_the_request_goes_to_the_portals_own_client(client, provider):
    query = _start(client)
    assert query["client_id"] == ["mina-sidor"]
    assert query["redirect_uri"][0].endswith(reverse("portal:oidc_callback"))
    assert query["code_challenge_method"] == ["S256"]


def test_a_bankid_login_maps_the_number_to_the_person_and_makes_no_user(
    client, provider, monkeypatch, planned, custody
):
    state = _start(client)["state"][0]
    _answer(monkeypatch, {CLAIM: GUARDIAN.replace("-", "")})
    response = client.get(reverse("portal:oidc_callback"), {"code": "c", "state": state})
    assert response["Location"] == reverse("portal:home")
    assert "Elsa Lantto" in client.get(reverse("portal:home")).text
    assert get_user_model().objects.count() == 1  # the counsellor only
    assert "_auth_user_id" not in client.session
    assert GUARDIAN.replace("-", "") not in str(dict(client.session))


@pytest.mark.parametrize(
    ("claims", "fails", "state"),
    [
        ({}, False, None),  # no number in the claims
        ({CLAIM: "not a number"}, False, None),
        ({CLAIM: GUARDIAN}, True, None),  # the provider is down
        ({CLAIM: GUARDIAN}, False, "forged"),
    ],
)
def test_a_failed_login_says_so_and_logs_no_one_in(
    client, provider, monkeypatch, claims, fails, state
):
    started = _start(client)["state"][0]
    _answer(monkeypatch, claims, fails=fails)
    response = client.get(reverse("portal:oidc_callback"), {"code": "c", "state": state or started})
    assert response["Location"] == reverse("portal:login")
    assert SESSION_KEY not in client.session
    assert "gick inte igenom" in client.get(response["Location"]).text


def test_without_a_provider_there_is_no_bankid_login(client):
    assert client.get(reverse("portal:oidc_start")).status_code == 404
    assert client.get(reverse("portal:oidc_callback"), {"code": "c"}).status_code == 404


def test_the_demo_login_chooses_a_made_up_guardian(client, planned, custody):
    page = client.get(reverse("portal:login"))
    assert "Vårdnadshavare till Elsa Lantto (Maria Lantto)" in page.text
    response = client.post(reverse("portal:demo_login"), {"person": f"g{custody.pk}"})
    assert response["Location"] == reverse("portal:home")
    assert "Elsa Lantto" in client.get(reverse("portal:home")).text


def test_the_demo_login_refuses_what_is_not_offered(client, planned, custody):
    response = client.post(reverse("portal:demo_login"), {"person": "g999999999999999999999"})
    assert response.status_code == 400 and 'role="alert"' in response.text
    assert SESSION_KEY not in client.session


def test_outside_the_demo_there_is_no_demo_login(client, settings, planned, custody):
    settings.SAMVERKAN_PORTAL_DEMO_LOGIN = False
    assert "påhittad" not in client.get(reverse("portal:login")).text
    response = client.post(reverse("portal:demo_login"), {"person": f"g{custody.pk}"})
    assert response.status_code == 404
    assert SESSION_KEY not in client.session
