"""Each role lands on its own start page after logging in: a worker on their cases, the
structure's coordinator on the county's compliance findings, an auditor on the emergency
accesses awaiting review."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Membership
from accounts.roles import CHAIR_GROUP, COORDINATOR_GROUP
from structure.models import Organisation

pytestmark = pytest.mark.django_db
PASSWORD = "ett-langt-losenord-16"


@pytest.fixture
def organisations():
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    return {
        key: Organisation.objects.get(county=county, key=key)
        for key in (
            "lulea-socialtjansten",
            "norrbottens-kommuner-social-valfard-och-utbildning",
            "region-norrbotten-halso-och-sjukvardsenheten",
        )
    }


def person(username, organisation=None, role=None, group=None, **flags):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **flags)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def landing_after_login(client, user):
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("start")
    return client.get(response["Location"])["Location"]


@pytest.mark.parametrize(
    ("who", "where"),
    [
        (("socialsekreterare", "lulea-socialtjansten", "professional", None), "/arenden/mina/"),
        (("chef", "lulea-socialtjansten", "unit_manager", None), "/arenden/mina/"),
        (
            (
                "samordnare",
                "norrbottens-kommuner-social-valfard-och-utbildning",
                "coordinator",
                COORDINATOR_GROUP,
            ),
            "/norrbotten/efterlevnad/",
        ),
        (("ordforande", "lulea-socialtjansten", "unit_manager", CHAIR_GROUP), "/norrbotten/"),
        (
            ("granskare", "region-norrbotten-halso-och-sjukvardsenheten", "auditor", None),
            "/logg/nodatkomster/",
        ),
        (
            ("admin", "region-norrbotten-halso-och-sjukvardsenheten", "administrator", None),
            "/admin/",
        ),
        ((None, None, None, None), "/"),
    ],
)
def test_each_role_lands_on_its_start_page(client, organisations, who, where):
    username, key, role, group = who
    user = person(username or "utan-roll", organisations.get(key), role, group)
    assert landing_after_login(client, user) == where


def test_the_start_page_asks_for_a_login_first(client):
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


@pytest.mark.parametrize(
    ("role", "group", "shown"),
    [
        ("professional", None, True),
        ("unit_manager", None, True),
        # A chair works in a unit, but the structure's roles have no cases (accounts.roles).
        ("unit_manager", CHAIR_GROUP, False),
        ("auditor", None, False),
    ],
)
def test_the_menu_offers_my_cases_only_to_those_who_have_cases(
    client, organisations, role, group, shown
):
    from plans.tests.test_case_pages import verified_login

    user = person("anvandare", organisations["lulea-socialtjansten"], role, group)
    client.force_login(user)
    # Before the second factor the cases are closed, so the menu does not offer them.
    assert reverse("plans:mine") not in client.get("/").content.decode()
    verified_login(client, user)
    page = client.get("/").content.decode()
    assert (reverse("plans:mine") in page) is shown
