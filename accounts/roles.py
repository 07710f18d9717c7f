"""Who may do what: the platform's roles, as Django groups and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Membership

COORDINATOR_GROUP = "Samverkanskoordinator"
CHAIR_GROUP = "Ordförande"
ADMINISTRATOR_GROUP = "Administratör"
# The structure's roles and the platform's keepers: they run the collaboration, not cases.
STRUCTURE_GROUPS = [COORDINATOR_GROUP, CHAIR_GROUP, ADMINISTRATOR_GROUP]
# The memberships that work with individuals (PDL: access follows the work with the individual).
INDIVIDUAL_ROLES = {Membership.Role.PROFESSIONAL, Membership.Role.UNIT_MANAGER}


def can_manage_structure(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Coordinators and administrators keep the live structure (appointments, offices)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[COORDINATOR_GROUP, ADMINISTRATOR_GROUP]).exists()


def coordinator_addresses() -> list[str]:
    """The coordinators' addresses, for the structure's notice of changed participants."""
    users = (
        get_user_model()
        .objects.filter(groups__name=COORDINATOR_GROUP, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def works_with_individuals(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user's work gives them cases at all: a professional or unit manager, and
    neither an administrator nor one of the structure's coordinators or chairs. Auditors read
    the log review, not cases. Read from the database on each request, so that a change of
    membership counts from the user's next request."""
    if not user.is_authenticated or user.is_superuser:
        return False
    membership = getattr(user, "membership", None)
    if membership is None or membership.role not in INDIVIDUAL_ROLES:
        return False
    # Asked once per request: the user object lives as long as the request.
    if not hasattr(user, "_samverkan_structure_role"):
        user._samverkan_structure_role = user.groups.filter(name__in=STRUCTURE_GROUPS).exists()
    return not user._samverkan_structure_role
