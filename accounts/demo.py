"""The demo's users: one per role, with invented names, all marked as demo accounts. Those who sit
in a demo county's bodies are linked to their Person in its live structure (and give it their
name), so that they answer notices, keep and approve minutes as that Person."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from structure.models import Appointment, OfficeTerm, Organisation, Person

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
    "member": "Ledamot",
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
    ("justerare", "Jonas", "Lind", "member"),
    ("samordnare-vasterbotten", "Vera", "Lidström", "coordinator"),
    ("ordforande-vasterbotten", "Viktor", "Åkerlund", "chair"),
    ("justerare-vasterbotten", "Vilma", "Dahl", "member"),
    ("samordnare-vasternorrland", "Nora", "Sjölund", "coordinator"),
    ("ordforande-vasternorrland", "Nils", "Westin", "chair"),
    ("justerare-vasternorrland", "Nina", "Hägglund", "member"),
    # Their membership is made with the adults' demo cases (plans.demo), in units made there.
    ("socialsekreterare-vasterbotten", "Vendela", "Forsberg", "social_worker"),
    ("socialsekreterare-vasternorrland", "Noel", "Strand", "social_worker"),
]
# Where each demo user works, and as what. The members and chairs of the other counties have no
# membership: they work with no individual's case, and land on their meetings.
DEMO_MEMBERSHIPS = {
    "samordnare": (
        "norrbotten",
        "norrbottens-kommuner-social-valfard-och-utbildning",
        "coordinator",
    ),
    "ordforande": ("norrbotten", "lulea-socialtjansten", "unit_manager"),
    "socialsekreterare": ("norrbotten", "lulea-socialtjansten", "professional"),
    "kurator": ("norrbotten", "lulea-barn-och-utbildning", "professional"),
    "sjukskoterska": ("norrbotten", "region-norrbotten-narsjukvard", "professional"),
    "admin": ("norrbotten", "region-norrbotten-halso-och-sjukvardsenheten", "administrator"),
    "rektor": ("norrbotten", "lulea-barn-och-utbildning", "unit_manager"),
    "granskare": ("norrbotten", "region-norrbotten-halso-och-sjukvardsenheten", "auditor"),
    "samordnare-vasterbotten": (
        "vasterbotten",
        "region-vasterbotten-administration",
        "coordinator",
    ),
    "samordnare-vasternorrland": (
        "vasternorrland",
        "region-vasternorrland-administration",
        "coordinator",
    ),
}
# Who each demo user is in a demo county's live structure: the holder of an office or of a
# member's seat of a body today. Norrbotten's chair and collaboration lead run the
# länsstyrgrupp's meetings (001 "Arbetsformer länsstyrgruppen": "Minnesanteckningar förs av
# samverkansledare/samordnare"); each `justerare` is a member who approves the minutes.
DEMO_PEOPLE = {
    "ordforande": ("norrbotten", "lansstyrgrupp", "office", "chair"),
    "samordnare": ("norrbotten", "lansstyrgrupp", "seat", "collaboration-lead"),
    "justerare": ("norrbotten", "lansstyrgrupp", "seat", "development-director"),
    "ordforande-vasterbotten": ("vasterbotten", "lanssamverkansgrupp", "office", "chair"),
    "justerare-vasterbotten": (
        "vasterbotten",
        "lanssamverkansgrupp",
        "seat",
        "chair-children-young",
    ),
    "ordforande-vasternorrland": ("vasternorrland", "lansledning", "office", "chair"),
    "justerare-vasternorrland": ("vasternorrland", "lansledning", "seat", "region-administration"),
}


def _demo_person(username: str) -> Person | None:
    """The Person the demo user is, where the county's live structure is built."""
    if username not in DEMO_PEOPLE:
        return None
    county, body, kind, key = DEMO_PEOPLE[username]
    where = {"county__slug": county, "body": body, "instance": ""}
    today = timezone.localdate()
    if kind == "office":
        held = OfficeTerm.objects.on(today).filter(role=key, **where).exclude(person=None)
    else:
        held = Appointment.objects.on(today).filter(seat=key, role=Appointment.Role.MEMBER, **where)
    found = held.select_related("person").order_by("pk").first()
    return found.person if found else None


def _link(user, person: Person | None) -> None:
    """The user is the Person, and the Person bears the user's name."""
    Person.objects.filter(user=user).exclude(pk=getattr(person, "pk", None)).update(user=None)
    if person is None:
        return
    person.user = user
    person.name = f"{user.first_name} {user.last_name}"
    person.save(update_fields=["user", "name"])


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
        _link(user, _demo_person(username))
        if username not in DEMO_MEMBERSHIPS:
            continue
        county, key, membership_role = DEMO_MEMBERSHIPS[username]
        organisation = Organisation.objects.filter(key=key, county__slug=county).first()
        if organisation is not None:
            Membership.objects.update_or_create(
                user=user, defaults={"organisation": organisation, "role": membership_role}
            )
    return [username for username, *_ in DEMO_USERS]
