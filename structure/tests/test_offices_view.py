"""The offices page: the recorded terms and whose turn the rotation gives next."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.roles import COORDINATOR_GROUP
from structure.models import OfficeTerm

from .builders import loaded_county, office_term, organisation, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    return loaded_county("norrbotten")


def login(client, coordinator=False):
    user = get_user_model().objects.create_user("u", password="x" * 16)
    if coordinator:
        user.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    client.force_login(user)


def test_the_schedule_continues_the_rotation(client, county):
    # 001: the chair alternates yearly between the region and the municipalities.
    year = timezone.localdate().year
    office_term(
        county,
        "lansstyrgrupp",
        "chair",
        "region-norrbotten",
        starts=datetime.date(year, 1, 1),
        ends=datetime.date(year, 12, 31),
    )
    login(client)
    response = client.get(reverse("structure:offices", args=["norrbotten", "lansstyrgrupp"]))
    assert response.status_code == 200
    chairs = [
        r
        for r in response.context["schedule"]
        if r.office == response.context["schedule"][0].office
    ]
    assert chairs[0].recorded and chairs[0].party == "Region Norrbotten"
    assert [r.starts.year for r in chairs[:4]] == [year, year + 1, year + 2, year + 3]
    assert chairs[1].expected == "Kommunerna" and chairs[2].expected == "Region Norrbotten"
    assert response.context["form"] is None  # readers see, coordinators record


def test_a_coordinator_records_a_term_with_a_decided_exception(client, county):
    login(client, coordinator=True)
    chair = person(organisation(county, "lulea"), "Olle Nilsson")
    url = reverse("structure:offices", args=["norrbotten", "lansstyrgrupp"])
    response = client.post(
        url,
        {
            "role": "chair",
            "person": chair.pk,
            "starts": "2026-01-01",
            "ends": "2027-12-31",
            "exception": "Enigt beslut i länsstyrgruppen 2025-11-20",
        },
    )
    assert response.status_code == 302
    term = OfficeTerm.objects.get()
    assert term.principal == "lulea" and term.exception.startswith("Enigt beslut")


def test_bad_input_is_shown_on_the_form(client, county):
    login(client, coordinator=True)
    chair = person(organisation(county, "lulea"))
    url = reverse("structure:offices", args=["norrbotten", "lansstyrgrupp"])
    response = client.post(
        url, {"role": "chair", "person": chair.pk, "starts": "2026-05-01", "ends": "2026-01-01"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not OfficeTerm.objects.exists()


def test_readers_cannot_post(client, county):
    login(client)
    url = reverse("structure:offices", args=["norrbotten", "lansstyrgrupp"])
    assert client.post(url, {}).status_code == 403
