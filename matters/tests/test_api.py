"""Matters and governing documents in the JSON API: the same steps as the pages, 409 on a stale
version, 422 with reasons per field on bad input, 403 outside one's role, never a 500."""

import pytest
from django.utils import timezone

from matters.models import Matter
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
API = "/api/counties/norrbotten"
TODAY = timezone.localdate().isoformat()


def post(client, url, body, method="post"):
    return getattr(client, method)(url, body, content_type="application/json")


@pytest.fixture
def api(client, coordinator):
    verified_login(client, coordinator)
    return client


def raise_one(api, **fields):
    response = post(
        api,
        f"{API}/matters",
        {
            "title": "Hemgång",
            "question": "Hur?",
            "body": "kommungrupp",
            "instance": "lulea",
            "organisation": "lulea-socialtjansten",
            **fields,
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_the_flow_through_the_api(api):
    matter = raise_one(api)
    url = f"{API}/matters/{matter['id']}"
    for target in ("lansdelsgrupp/boden-lulea", "lansstyrgrupp"):
        matter = post(
            api,
            f"{url}/handling",
            {"version": matter["version"], "outcome": "upward", "target": target},
        ).json()
    matter = post(
        api,
        f"{url}/handling",
        {"version": matter["version"], "outcome": "recommendation", "text": "Anta"},
    ).json()
    assert matter["state"] == "principals" and matter["principals"] == 15
    decided = post(
        api,
        f"{url}/decisions/kiruna",
        {"outcome": "adopted", "decided_on": TODAY, "decided_by": "KS"},
    )
    assert decided.status_code == 200 and decided.json()["adopted"] == 1
    again = post(
        api,
        f"{url}/decisions/kiruna",
        {"outcome": "rejected", "decided_on": TODAY, "decided_by": "KS"},
    )
    assert again.status_code == 422
    assert api.get(url).json()["lineage"][0]["outcome"] == "raised"
    listed = api.get(f"{API}/matters?state=principals").json()
    assert [m["id"] for m in listed] == [matter["id"]]


def test_a_stale_version_answers_409(api):
    matter = raise_one(api)
    url = f"{API}/matters/{matter['id']}/handling"
    body = {
        "version": matter["version"],
        "outcome": "upward",
        "target": "lansdelsgrupp/boden-lulea",
    }
    assert post(api, url, body).status_code == 200
    stale = post(api, url, {**body, "outcome": "closed"})
    assert stale.status_code == 409 and stale.json()["version"] == matter["version"] + 1


def test_a_dispute_escalates_through_the_api(api):
    matter = raise_one(api, kind="dispute", dispute="norrbus:0")
    escalated = post(
        api,
        f"{API}/matters/{matter['id']}/escalation",
        {"version": matter["version"], "text": "Oenighet"},
    )
    assert escalated.status_code == 200
    assert (escalated.json()["body"], escalated.json()["instance"]) == (
        "lansdelsgrupp",
        "boden-lulea",
    )


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "x" * 301),
        ("title", "\x00"),
        ("question", None),
        ("body", "nope"),
        ("body", "x" * 81),
        ("instance", "stockholm"),
        ("kind", "task"),
        ("dispute", "norrbus:99"),
        ("organisation", "nope"),
    ],
)
def test_bad_input_answers_422(api, field, value):
    body = {
        "title": "T",
        "question": "Q",
        "body": "kommungrupp",
        "instance": "lulea",
        "kind": "dispute",
        "dispute": "norrbus:0",
        field: value,
    }
    assert post(api, f"{API}/matters", body).status_code == 422
    assert not Matter.objects.exists()


def test_bad_steps_answer_422_or_404(api):
    matter = raise_one(api)
    url = f"{API}/matters/{matter['id']}"
    v = matter["version"]
    assert (
        post(
            api, f"{url}/handling", {"version": v, "outcome": "upward", "target": "nope"}
        ).status_code
        == 422
    )
    assert post(api, f"{url}/handling", {"version": v, "outcome": "x"}).status_code == 422
    assert post(api, f"{url}/handling", {"version": 0, "outcome": "closed"}).status_code == 422
    assert (
        post(
            api, f"{url}/handling", {"version": v, "outcome": "closed", "meeting": 2**62}
        ).status_code
        == 422
    )
    assert (
        post(
            api, f"{url}/handling", {"version": v, "outcome": "closed", "on": "9999-01-01"}
        ).status_code
        == 422
    )
    assert post(api, f"{url}/escalation", {"version": v}).status_code == 422
    assert post(api, f"{url}/report", {"version": v, "text": "x"}).status_code == 422
    assert post(api, f"{url}/revision", {"version": v, "text": "a: ["}).status_code == 422
    assert (
        post(
            api,
            f"{url}/decisions/kiruna",
            {"outcome": "adopted", "decided_on": TODAY, "decided_by": "KS"},
        ).status_code
        == 422
    )
    assert api.get(f"{API}/matters/{2**63}").status_code in (404, 422)
    assert api.get("/api/counties/nowhere/matters").status_code == 404


def test_outside_ones_role_answers_403_and_no_login_401(client, lulea_chief):
    assert client.get(f"{API}/matters").status_code == 401
    verified_login(client, lulea_chief)
    matter = raise_one(client, organisation="")
    assert matter["raised_by"] == "lulea-socialtjansten"
    assert (
        post(
            client,
            f"{API}/matters",
            {
                "title": "T",
                "question": "Q",
                "body": "kommungrupp",
                "instance": "lulea",
                "organisation": "kiruna-socialtjansten",
            },
        ).status_code
        == 403
    )
    assert (
        post(
            client,
            f"{API}/governing-documents",
            {
                "kind": "routine",
                "title": "R",
                "owner_body": "lansstyrgrupp",
                "adopted_on": "2025-01-01",
                "adopted_by": "LSG",
                "document_version": "1",
            },
        ).status_code
        == 403
    )


def test_the_register_through_the_api(api):
    body = {
        "kind": "routine",
        "title": "Rutin",
        "owner_body": "lansstyrgrupp",
        "adopted_on": "2025-01-15",
        "adopted_by": "LSG",
        "document_version": "1",
    }
    created = post(api, f"{API}/governing-documents", body)
    assert created.status_code == 201 and created.json()["next_revision"] == "2026-01-15"
    url = f"{API}/governing-documents/{created.json()['id']}"
    changed = post(api, url, {**body, "version": 1, "adopted_on": "2026-01-10"}, method="put")
    assert changed.status_code == 200 and changed.json()["next_revision"] == "2027-01-10"
    assert post(api, url, {**body, "version": 1}, method="put").status_code == 409
    assert post(api, f"{API}/governing-documents", {**body, "owner_body": "x"}).status_code == 422
    assert (
        post(api, f"{API}/governing-documents", {**body, "adopted_on": "3000-01-01"}).status_code
        == 422
    )
    assert [d["title"] for d in api.get(f"{API}/governing-documents").json()] == ["Rutin"]
