"""Who may do what: the platform's roles, as Django groups."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

COORDINATOR_GROUP = "Samverkanskoordinator"
ADMINISTRATOR_GROUP = "Administratör"


def can_manage_structure(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Coordinators and administrators keep the live structure (appointments, offices)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[COORDINATOR_GROUP, ADMINISTRATOR_GROUP]).exists()
