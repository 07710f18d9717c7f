"""Fixtures of the matters' tests: Norrbotten loaded, a coordinator and people of the
principals, and files kept in a directory of the test's own."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import COORDINATOR_GROUP
from structure.models import Organisation


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "files")


def user_of(organisation: Organisation, name: str, role: str = Membership.Role.PROFESSIONAL):
    user = get_user_model().objects.create_user(name, password="x" * 16, email=f"{name}@example.se")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def norrbotten(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def coordinator(norrbotten):
    organisation = Organisation.objects.get(
        county=norrbotten, key="norrbottens-kommuner-social-valfard-och-utbildning"
    )
    user = user_of(organisation, "samordnare", Membership.Role.COORDINATOR)
    user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    return user


@pytest.fixture
def lulea(norrbotten):
    return Organisation.objects.get(county=norrbotten, key="lulea-socialtjansten")


@pytest.fixture
def lulea_chief(lulea):
    return user_of(lulea, "socialchef-lulea", Membership.Role.UNIT_MANAGER)
