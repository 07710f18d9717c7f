"""A meeting in the JSON API: read with agenda, attendance and minutes; the notice, the answer,
attendance, the minutes (409 on a stale version) and action items; bounded input answered 422,
a meeting out of reach 404."""

import pytest

from meetings import minutes
from meetings.tests.builders import user, verified_login

from .test_meeting_page import build_lsg, later, with_agenda
from .test_minutes import held

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def lsg(db):
    return build_lsg()


def api(lsg, suffix=""):
    return f"/api/meetings/norrbotten/{lsg['meeting'].pk}{suffix}"


def test_read_send_the_notice_and_answer(client, lsg):
    found = with_agenda(lsg, "Lägesrapport")
    verified_login(client, lsg["secretary"])
    read = client.get(api(lsg)).json()
    assert read["body_name"] == "Länsstyrgruppen" and read["agenda"][0]["title"] == "Lägesrapport"
    stale = client.post(api(lsg, "/notice"), {"version": found.version - 1}, content_type=JSON)
    assert stale.status_code == 409 and stale.json()["version"] == found.version
    sent = client.post(api(lsg, "/notice"), {"version": found.version}, content_type=JSON)
    assert sent.status_code == 200 and sent.json()["status"] == "notified"
    verified_login(client, lsg["psychiatry"].person.user)
    answered = client.post(api(lsg, "/answer"), {"answer": "not_coming"}, content_type=JSON)
    rows = {row["person"]: row for row in answered.json()["attendance"]}
    assert rows[lsg["named"].person.name]["on_behalf_of"] == lsg["psychiatry"].person.name


def test_minutes_through_the_api_with_409(client, lsg):
    state = held(lsg)
    verified_login(client, state["writer"])
    payload = {
        "version": 0,
        "adjuster": state["lulea"].person.pk,
        "entries": [{"agenda_item": state["decision"].pk, "decision": "Gruppen utses."}],
    }
    first = client.put(api(state, "/minutes"), payload, content_type=JSON)
    assert first.status_code == 200
    version = first.json()["minutes"][0]["version"]
    again = client.put(api(state, "/minutes"), payload, content_type=JSON)
    assert again.status_code == 409 and again.json()["version"] == version
    payload["version"] = version
    assert client.put(api(state, "/minutes"), payload, content_type=JSON).status_code == 200
    wrong = {
        **payload,
        "version": version + 1,
        "entries": [
            {"agenda_item": state["info"].pk, "decision": "Beslut under en informationspunkt"}
        ],
    }
    refused = client.put(api(state, "/minutes"), wrong, content_type=JSON)
    assert refused.status_code == 422
    submitted = client.post(api(state, "/minutes/1/submit"), {}, content_type=JSON)
    assert submitted.json()["minutes"][0]["state"] == "submitted"
    assert minutes.approver_roles(state["writer"], state["meeting"].minutes.get()) == set()
    assert client.post(api(state, "/minutes/1/approve"), {}, content_type=JSON).status_code == 403
    # A correction is begun only on approved minutes, and only on a version that exists.
    reason = {"reason": "Fel datum"}
    early = client.post(api(state, "/minutes/1/correction"), reason, content_type=JSON)
    assert early.status_code == 422
    assert (
        client.post(api(state, "/minutes/9/correction"), reason, content_type=JSON).status_code
        == 404
    )


def test_action_items_and_bounded_input(client, lsg):
    found = with_agenda(lsg)
    verified_login(client, lsg["secretary"])
    added = client.post(
        api(lsg, "/action-items"),
        {
            "description": "Ta fram rutin",
            "owner": lsg["kiruna"].person.pk,
            "due_on": str(later(30)),
        },
        content_type=JSON,
    )
    assert added.status_code == 200
    [item] = added.json()["action_items"]
    for bad in (
        {"description": "x" * 5000, "due_on": str(later(30))},
        {"description": "a\x00b", "due_on": str(later(30))},
        {"description": "Rutin", "due_on": "9999-12-31"},
        {"description": "Rutin", "due_on": str(later(30)), "owner": 2**70},
    ):
        assert client.post(api(lsg, "/action-items"), bad, content_type=JSON).status_code == 422
    too_long = {"title": "x" * 400, "kind": "information", "version": found.version}
    assert client.post(api(lsg, "/agenda"), too_long, content_type=JSON).status_code == 422
    closed = client.post(
        f"/api/action-items/norrbotten/{item['id']}/close",
        {"status": "done", "note": "Klart", "version": item["version"]},
        content_type=JSON,
    )
    assert closed.status_code == 200


def test_a_meeting_out_of_reach_is_404(client, lsg):
    verified_login(client, user("utanfor"))
    assert client.get(api(lsg)).status_code == 404
    client.logout()
    assert client.get(api(lsg)).status_code == 401


def test_the_meeting_operations_are_described(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/meetings/{county}/{pk}/minutes" in paths
    assert "409" in paths["/api/meetings/{county}/{pk}/minutes"]["put"]["responses"]
