"""Single sign-on: users from the county's OpenID Connect provider, matched by a stable user
name claim (an HSA id, say), never by e-mail, which people share and change. Their organisation
and role follow the provider's claims when the county maps them; an organisation the county does
not know gives an account that sees no case until an administrator places it."""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from structure.models import Organisation

from .models import Membership


class CountyOIDCBackend(OIDCAuthenticationBackend):
    def _username(self, claims) -> str:
        return str(claims.get(settings.SAMVERKAN_OIDC_USERNAME_CLAIM) or "").strip()[:150]

    def verify_claims(self, claims) -> bool:
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims):
        username = self._username(claims)
        if not username:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=username)

    def create_user(self, claims):
        user = self.UserModel.objects.create_user(self._username(claims))
        user.set_unusable_password()
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        user.email = str(claims.get("email", user.email))[:254]
        user.save()
        place_user(user, claims)
        return user


def place_user(user, claims) -> Membership | None:
    """The user's organisation and role from the claims the county maps, if it maps them."""
    organisation_claim = settings.SAMVERKAN_OIDC_ORGANISATION_CLAIM
    if not organisation_claim or organisation_claim not in claims:
        return getattr(user, "membership", None)
    organisations = Organisation.objects.filter(key=str(claims[organisation_claim]))
    if settings.SAMVERKAN_OIDC_COUNTY:
        organisations = organisations.filter(county__slug=settings.SAMVERKAN_OIDC_COUNTY)
    organisation = organisations.first()
    if organisation is None:
        Membership.objects.filter(user=user).delete()
        return None
    role = (
        str(claims.get(settings.SAMVERKAN_OIDC_ROLE_CLAIM, ""))
        if settings.SAMVERKAN_OIDC_ROLE_CLAIM
        else ""
    )
    if role not in Membership.Role.values:
        role = Membership.Role.PROFESSIONAL
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "role": role}
    )
    return membership
