"""Participant changes in the inbox of the structure's coordinators: the seats of their county
that start or end within two weeks, each on its day, leaving the list once the day has passed;
a worker without the coordinator's role sees none."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import COORDINATOR_GROUP
from inbox.queries import inbox_for
from meetings.tests.builders import member, person_with_user
from structure.tests.builders import loaded_county

from .conftest import DAYS, today

pytestmark = pytest.mark.django_db


def changes_of(user, day):
    return [i for i in inbox_for(user, day).items if i.source == "participants"]


def test_seats_starting_and_ending_soon():
    county = loaded_county("norrbotten")
    coordinator = person_with_user(county, username="samordnare").user
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    ending = member(
        county, "lansstyrgrupp", "social-chiefs", principal="kiruna", ends=today() + DAYS(10)
    )
    member(county, "lansstyrgrupp", "social-chiefs", principal="boden", starts=today() + DAYS(3))
    member(county, "lansstyrgrupp", "social-chiefs", principal="pitea", starts=today() + DAYS(40))
    found = changes_of(coordinator, today())
    assert [i.what.split(" ", 4)[-1][-10:] for i in found] == [
        (today() + DAYS(3)).isoformat(),
        ending.ends.isoformat(),
    ]
    assert found[0].what.startswith("En plats i Länsstyrgruppen börjar")
    assert found[1].what.startswith("En plats i Länsstyrgruppen upphör")
    assert found[0].url == "/norrbotten/organ/lansstyrgrupp/ledamoter/"
    assert changes_of(coordinator, today() + DAYS(11)) == []
    worker = person_with_user(county, username="medarbetare").user
    assert changes_of(worker, today()) == []
