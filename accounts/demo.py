"""The demo's users: one per role, with invented names, all marked as demo accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .roles import ADMINISTRATOR_GROUP, COORDINATOR_GROUP

DEMO_PASSWORD = "samverkan-demo"  # noqa: S105 - published in the README, demo databases only

# Roles of the platform's users; later issues give them permissions.
ROLES = {
    "coordinator": COORDINATOR_GROUP,
    "chair": "Ordförande",
    "social_worker": "Socialsekreterare",
    "school_staff": "Skolpersonal",
    "nurse": "Sjuksköterska",
    "administrator": ADMINISTRATOR_GROUP,
}

DEMO_USERS = [
    ("samordnare", "Saga", "Lindqvist", "coordinator"),
    ("ordforande", "Olle", "Nilsson", "chair"),
    ("socialsekreterare", "Sara", "Berg", "social_worker"),
    ("kurator", "Karin", "Holm", "school_staff"),
    ("sjukskoterska", "Nils", "Stenlund", "nurse"),
    ("admin", "Anna", "Öberg", "administrator"),
]


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
    return [username for username, *_ in DEMO_USERS]
