"""Single sign-on (mozilla-django-oidc), configured for production: users matched by the user
name claim, never by e-mail; organisation and role from the claims the county maps."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from accounts.models import Membership
from accounts.oidc import CountyOIDCBackend

pytestmark = pytest.mark.django_db

PROVIDER = {
    "SAMVERKAN_OIDC": True,
    "OIDC_RP_CLIENT_ID": "samverkan",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "SAMVERKAN_OIDC_USERNAME_CLAIM": "hsa_id",
    "SAMVERKAN_OIDC_ORGANISATION_CLAIM": "organisation",
    "SAMVERKAN_OIDC_ROLE_CLAIM": "role",
    "SAMVERKAN_OIDC_COUNTY": "norrbotten",
}
CLAIMS = {
    "sub": "a1b2",
    "hsa_id": "SE2321000230-ABC1",
    "given_name": "Nils",
    "family_name": "Stenlund",
    "email": "nils@example.org",
    "organisation": "region-norrbotten-narsjukvard",
    "role": "unit_manager",
}


@pytest.fixture
def backend(db):
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    with override_settings(**PROVIDER):
        yield CountyOIDCBackend()


def test_a_new_user_is_placed_by_the_claims(backend):
    user = backend.create_user(CLAIMS)
    assert user.username == "SE2321000230-ABC1" and not user.has_usable_password()
    assert user.get_full_name() == "Nils Stenlund"
    assert user.membership.organisation.key == "region-norrbotten-narsjukvard"
    assert user.membership.role == Membership.Role.UNIT_MANAGER


def test_users_are_matched_by_the_user_name_claim_not_by_email(backend):
    other = get_user_model().objects.create_user("someone", email="nils@example.org")
    assert list(backend.filter_users_by_claims(CLAIMS)) == []
    user = backend.create_user(CLAIMS)
    assert list(backend.filter_users_by_claims(CLAIMS)) == [user]
    assert other not in backend.filter_users_by_claims(CLAIMS)
    assert not backend.verify_claims({"email": "nils@example.org"})


def test_a_move_or_an_unknown_organisation_follows_the_claims(backend):
    user = backend.create_user(CLAIMS)
    backend.update_user(user, {**CLAIMS, "organisation": "lulea-socialtjansten", "role": "boss"})
    user.refresh_from_db()
    assert user.membership.organisation.key == "lulea-socialtjansten"
    assert user.membership.role == Membership.Role.PROFESSIONAL  # an unknown role gives the least
    backend.update_user(user, {**CLAIMS, "organisation": "no-such-unit"})
    assert not Membership.objects.filter(user=user).exists()  # sees no case


def test_the_login_page_offers_single_sign_on_when_configured(client):
    import accounts.urls
    import samverkan.urls

    def reload():
        importlib.reload(accounts.urls)
        importlib.reload(samverkan.urls)
        clear_url_caches()

    try:
        with override_settings(**PROVIDER):
            reload()
            assert reverse("oidc_authentication_init") == "/oidc/authenticate/"
            page = client.get("/konto/logga-in/")
            assert b'href="/oidc/authenticate/' in page.content
    finally:
        reload()
    assert b"/oidc/" not in client.get("/konto/logga-in/").content
