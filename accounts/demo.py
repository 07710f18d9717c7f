"""The demo's users: one per role, with invented names, all marked as demo accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from structure.models import Organisation

from .models import Membership
from .roles import ADMINISTRATOR_GROUP, CHAIR_GROUP, COORDINATOR_GROUP

DEMO_PASSWORD = "samverkan-demo"  # noqa: S105 - published in the README, demo databases only

# Roles of the platform's users; later issues give them permissions.
ROLES = {
    "coordinator": COORDINATOR_GROUP,
    "chair": CHAIR_GROUP,
    "social_worker": "Socialsekreterare",
    "school_staff": "Skolpersonal",
    "nurse": "Sjuksköterska",
    "administrator": ADMINISTRATOR_GROUP,
    "school_manager": "Rektor",
    "auditor": "Granskare",
}

DEMO_USERS = [
    ("samordnare", "Saga", "Lindqvist", "coordinator"),
    ("ordforande", "Olle", "Nilsson", "chair"),
    ("socialsekreterare", "Sara", "Berg", "social_worker"),
    ("kurator", "Karin", "Holm", "school_staff"),
    ("sjukskoterska", "Nils", "Stenlund", "nurse"),
    ("admin", "Anna", "Öberg", "administrator"),
    ("rektor", "Rolf", "Isaksson", "school_manager"),
    ("granskare", "Greta", "Lund", "auditor"),
]
# Where each demo user works in the demo county (Norrbotten's units, 001), and as what.
DEMO_MEMBERSHIPS = {
    "samordnare": ("norrbottens-kommuner-social-valfard-och-utbildning", "coordinator"),
    "ordforande": ("lulea-socialtjansten", "unit_manager"),
    "socialsekreterare": ("lulea-socialtjansten", "professional"),
    "kurator": ("lulea-barn-och-utbildning", "professional"),
    "sjukskoterska": ("region-norrbotten-narsjukvard", "professional"),
    "admin": ("region-norrbotten-halso-och-sjukvardsenheten", "administrator"),
    "rektor": ("lulea-barn-och-utbildning", "unit_manager"),
    "granskare": ("region-norrbotten-halso-och-sjukvardsenheten", "auditor"),
}


@transaction.atomic
def ensure_demo_users() -> list[str]:
    """Create or reset the demo users; returns their user names."""
    User = get_user_model()
    groups = {key: Group.objects.get_or_create(name=name)[0] for key, name in ROLES.items()}
    for username, first, last, role in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.samverkan.invalid"
        user.is_staff = user.is_superuser = role == "administrator"
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role]])
        # Every demo user has an authenticator already; `samverkan otp-code USER` shows its code.
        TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "Demo (samverkan otp-code)"}
        )
        key, membership_role = DEMO_MEMBERSHIPS[username]
        organisation = Organisation.objects.filter(key=key, county__slug="norrbotten").first()
        if organisation is not None:
            Membership.objects.update_or_create(
                user=user, defaults={"organisation": organisation, "role": membership_role}
            )
    return [username for username, *_ in DEMO_USERS]
