"""The live structure API: reads for users, changes for coordinators, 4xx with reasons."""

import pytest
from django.contrib.auth import get_user_model

from structure.demo import ensure_demo_structure
from structure.models import Appointment

from .builders import START, loaded_county, member_from, organisation, person

pytestmark = pytest.mark.django_db
BASE = "/api/counties/norrbotten"


@pytest.fixture
def county():
    return loaded_county("norrbotten")


def test_anonymous_is_refused(client, county):
    assert client.get(f"{BASE}/compliance").status_code == 401
    assert client.get(f"{BASE}/appointments").status_code == 401


def test_compliance_with_filters(coordinator, county):
    ensure_demo_structure()
    body = coordinator.get(f"{BASE}/compliance", {"rule": "geographic-spread"}).json()
    assert body["errors"] >= 1 and {f["rule"] for f in body["findings"]} == {"geographic-spread"}
    assert body["advice"] == 0
    assert {f["document"] for f in body["findings"]} == {
        "Organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, socialtjänst och "
        "skola, version 2"
    }
    assert coordinator.get("/api/counties/nosuch/compliance").status_code == 404
    assert coordinator.get(f"{BASE}/compliance", {"on": "2026-02-30"}).status_code == 422


def test_create_and_change_with_version(coordinator, county):
    holder = person(organisation(county, "kalix", key="kalix-soc"))
    payload = {
        "person_id": holder.pk,
        "organisation": "kalix-soc",
        "body": "lansstyrgrupp",
        "seat": "social-chiefs",
        "starts": "2026-01-01",
    }
    created = coordinator.post(f"{BASE}/appointments", payload, content_type="application/json")
    assert created.status_code == 201
    item = created.json()
    url = f"{BASE}/appointments/{item['id']}"
    change = {**payload, "ends": "2026-06-30", "version": item["version"]}
    assert coordinator.put(url, change, content_type="application/json").status_code == 200
    stale = coordinator.put(url, {**change, "ends": "2026-09-30"}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["detail"]
    assert Appointment.objects.get().ends.isoformat() == "2026-06-30"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"seat": "nosuch"}, "seat"),
        ({"ends": "2025-01-01"}, "ends"),
        ({"person_id": 999999}, "person_id"),
        ({"organisation": "nosuch"}, "organisation"),
    ],
)
def test_bad_input_is_422_with_the_reason(coordinator, county, change, field):
    holder = person(organisation(county, "kalix", key="kalix-soc"))
    payload = {
        "person_id": holder.pk,
        "organisation": "kalix-soc",
        "body": "lansstyrgrupp",
        "seat": "social-chiefs",
        "starts": "2026-01-01",
        **change,
    }
    response = coordinator.post(f"{BASE}/appointments", payload, content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Appointment.objects.exists()


def test_a_reader_cannot_change(client, county):
    client.force_login(get_user_model().objects.create_user("kurator", password="x" * 16))
    member = member_from(county, "lulea", "lansstyrgrupp", "social-chiefs")
    assert (
        client.get(f"{BASE}/appointments", {"on": START.isoformat()}).json()[0]["id"] == member.pk
    )
    response = client.post(f"{BASE}/appointments", {}, content_type="application/json")
    assert response.status_code in {403, 422}


def test_popolo(verified_coordinator, county):
    ensure_demo_structure()
    assert verified_coordinator.get(f"{BASE}/popolo").json()["memberships"]
