"""A body's year in the API: read, propose, adopt, change a meeting; 403, 409 and 422."""

import pytest

from meetings.models import Meeting, YearPlan
from meetings.tests.builders import office_holder, user, verified_login
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db
URL = "/api/counties/norrbotten/meetings/lansstyrgrupp/2027"


@pytest.fixture
def county():
    return loaded_county("norrbotten")


@pytest.fixture
def chair(county, client):
    holder = office_holder(county, "lansstyrgrupp", "chair")
    verified_login(client, holder)
    return holder


def test_read_the_rules_proposal(county, chair, client):
    answer = client.get(URL)
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "not_proposed"
    assert len(body["meetings"]) == 6
    assert {r["code"] for r in body["rules"]} >= {"per_year", "hours", "theme_days", "prepared_by"}
    assert any(r["section"] == "Arbetsformer länsstyrgruppen" for r in body["rules"])


def test_propose_adopt_and_change_with_a_stale_version(county, chair, client):
    proposed = client.post(URL + "/propose")
    assert proposed.status_code == 201
    version = proposed.json()["version"]
    assert client.post(URL + "/propose").status_code == 422
    assert (
        client.post(URL + "/adopt", {"version": version + 1}, "application/json").status_code == 409
    )
    adopted = client.post(URL + "/adopt", {"version": version}, "application/json")
    assert adopted.status_code == 200
    assert adopted.json()["state"] == "adopted"
    meeting = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").first()
    change = {
        "version": meeting.version,
        "starts_at": "2027-03-09T10:00:00",
        "ends_at": "2027-03-09T15:00:00",
        "place": "Luleå",
    }
    url = f"/api/counties/norrbotten/meetings/{meeting.pk}"
    changed = client.put(url, change, "application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["sequence"] == meeting.sequence + 1
    assert client.put(url, change, "application/json").status_code == 409
    assert YearPlan.objects.get(body="lansstyrgrupp", year=2027).state == "changed"


def test_a_holiday_without_a_reason_is_422(county, chair, client):
    client.post(URL + "/propose")
    meeting = Meeting.objects.filter(body="lansstyrgrupp", kind="ordinary").first()
    change = {
        "version": meeting.version,
        "starts_at": "2027-06-25T10:00:00+02:00",  # midsommarafton
        "ends_at": "2027-06-25T15:00:00+02:00",
    }
    answer = client.put(
        f"/api/counties/norrbotten/meetings/{meeting.pk}", change, "application/json"
    )
    assert answer.status_code == 422
    assert "departure_reason" in answer.json()["errors"]


def test_bad_input_is_422_not_500(county, chair, client):
    client.post(URL + "/propose")
    meeting = Meeting.objects.filter(body="lansstyrgrupp").first()
    url = f"/api/counties/norrbotten/meetings/{meeting.pk}"
    for bad in (
        {"version": 1, "starts_at": "9999-01-01T10:00:00", "ends_at": "9999-01-01T11:00:00"},
        {"version": 1, "starts_at": "2027-03-09T10:00", "ends_at": "x"},
        {
            "version": 1,
            "starts_at": "2027-03-09T10:00",
            "ends_at": "2027-03-09T11:00",
            "place": "a\x00",
        },
    ):
        assert client.put(url, bad, "application/json").status_code == 422
    assert client.get(URL.replace("2027", "9999")).status_code == 422
    assert client.get("/api/counties/norrbotten/meetings/finns-inte/2027").status_code == 404
    assert client.put(
        "/api/counties/norrbotten/meetings/99999999999999999999", {}, "application/json"
    ).status_code in (404, 422)


def test_only_the_chair_or_secretary_changes(county, client):
    verified_login(client, user("annan"))
    assert client.get(URL).status_code == 200
    assert client.post(URL + "/propose").status_code == 403


def test_the_api_needs_a_login(county, client):
    assert client.get(URL).status_code == 401
