"""Where a person lands after logging in: the page their role starts its day on."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from accounts.models import Membership
from accounts.roles import CHAIR_GROUP, COORDINATOR_GROUP, works_with_individuals
from meetings.mine import sits_in_bodies

Role = Membership.Role


def landing(user) -> tuple[str, tuple]:
    """The URL name and arguments of the user's start page: a worker's own cases; the
    structure's coordinator the compliance findings of their county and its chair the county;
    an auditor the emergency accesses awaiting review; an administrator the admin site; whoever
    sits in a body (and works with no individual's case) their meetings."""
    if works_with_individuals(user):
        return "plans:mine", ()
    membership = getattr(user, "membership", None)
    county = membership.organisation.county.slug if membership else None
    groups = set(user.groups.values_list("name", flat=True))
    if membership and membership.role == Role.AUDITOR:
        return "audit:emergency", ()
    if (membership and membership.role == Role.ADMINISTRATOR) or user.is_superuser:
        return "admin:index", ()
    if sits_in_bodies(user):
        return "meetings:mine", ()
    if county and (membership.role == Role.COORDINATOR or COORDINATOR_GROUP in groups):
        return "structure:compliance", (county,)
    if county and CHAIR_GROUP in groups:
        return "structure:county", (county,)
    return "structure:home", ()


@login_required
@require_GET
def start(request):
    name, args = landing(request.user)
    return redirect(name, *args)
