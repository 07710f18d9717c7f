"""The portal's own OpenID Connect client, apart from the staff's (accounts.oidc): a provider
that identifies families by BankID or Freja eID, read from SAMVERKAN_PORTAL_OIDC_* variables and
on when a client id is set. Imported by samverkan/settings.py; reads nothing but the environment.
"""

import os

_YES = {"1", "true", "yes", "on"}

PORTAL_OIDC_RP_CLIENT_ID = os.environ.get("SAMVERKAN_PORTAL_OIDC_CLIENT_ID", "")
SAMVERKAN_PORTAL_OIDC = bool(PORTAL_OIDC_RP_CLIENT_ID)
if SAMVERKAN_PORTAL_OIDC:
    PORTAL_OIDC_RP_CLIENT_SECRET = os.environ["SAMVERKAN_PORTAL_OIDC_CLIENT_SECRET"]
    PORTAL_OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ[
        "SAMVERKAN_PORTAL_OIDC_AUTHORIZATION_ENDPOINT"
    ]
    PORTAL_OIDC_OP_TOKEN_ENDPOINT = os.environ["SAMVERKAN_PORTAL_OIDC_TOKEN_ENDPOINT"]
    PORTAL_OIDC_OP_USER_ENDPOINT = os.environ["SAMVERKAN_PORTAL_OIDC_USER_ENDPOINT"]
    PORTAL_OIDC_OP_JWKS_ENDPOINT = os.environ["SAMVERKAN_PORTAL_OIDC_JWKS_ENDPOINT"]
    PORTAL_OIDC_RP_SIGN_ALGO = os.environ.get("SAMVERKAN_PORTAL_OIDC_SIGN_ALGO", "RS256")
    PORTAL_OIDC_RP_SCOPES = os.environ.get("SAMVERKAN_PORTAL_OIDC_SCOPES", "openid")
# PKCE on unless the provider cannot take it.
PORTAL_OIDC_USE_PKCE = os.environ.get("SAMVERKAN_PORTAL_OIDC_PKCE", "1").strip().lower() in _YES
# The claim that carries the personal identity number: the Swedish OIDC profile's
# (Sweden Connect, id.oidc.se) unless the provider names it otherwise.
PORTAL_OIDC_IDENTITY_CLAIM = os.environ.get(
    "SAMVERKAN_PORTAL_OIDC_IDENTITY_CLAIM", "https://id.oidc.se/claim/personalIdentityNumber"
)
# The demo's login as a made-up person: with the demo's own switch (SAMVERKAN_DEBUG, which the
# settings refuse in production without keys), never by a setting of its own.
SAMVERKAN_PORTAL_DEMO_LOGIN = os.environ.get("SAMVERKAN_DEBUG", "").strip().lower() in _YES
