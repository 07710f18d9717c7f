"""Deviation reports in the API: reported with the warnings answered 422 until confirmed,
handled step by step with the version (409 when stale), 404 and logged for a report one may
not see, the case named only to those who see it."""

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from deviations.models import Deviation
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
CLAUSE = "norrbus:Samordnad planering – nätverksmöte"


def _client(user):
    client = Client()
    verified_login(client, user)
    return client


def test_reported_and_handled_through_the_api(people, orgs, case):
    reporter = _client(people["reporter"])
    body = {
        "clause": CLAUSE,
        "party": orgs["bup"].key,
        "happened_on": timezone.localdate().isoformat(),
        "what": "Kallelsen till 20140312-2391 besvarades inte.",
        "case": case.pk,
    }
    warned = reporter.post("/api/deviations/norrbotten", body, content_type="application/json")
    assert warned.status_code == 422 and "what" in warned.json()["errors"]
    made = reporter.post(
        "/api/deviations/norrbotten",
        {**body, "confirm_warnings": True},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["case"] == case.pk
    number = made.json()["id"]
    assert made.json()["level"] == "verksamhet"

    chief = _client(people["bup_chief"])
    assert [d["id"] for d in chief.get("/api/deviations/waiting/mine").json()] == [number]
    step = f"/api/deviations/report/{number}"
    stale = chief.post(f"{step}/acknowledge", {"version": 7}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["version"] == 1
    done = chief.post(f"{step}/acknowledge", {"version": 1}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == "acknowledged"
    chief.post(
        f"{step}/investigation",
        {"investigation": "Fel adress.", "version": 2},
        content_type="application/json",
    )
    early = chief.post(f"{step}/close", {"text": "", "version": 3}, content_type="application/json")
    assert early.status_code == 422
    closed = chief.post(
        f"{step}/close", {"text": "Adressen rättad.", "version": 3}, content_type="application/json"
    )
    assert closed.json()["state"] == "closed"
    assert (
        reporter.post(
            f"{step}/acknowledge", {"version": 4}, content_type="application/json"
        ).status_code
        == 403
    )


def test_outside_the_parties_a_report_answers_404_logged(people, orgs, case):
    reporter = _client(people["reporter"])
    made = reporter.post(
        "/api/deviations/norrbotten",
        {
            "clause": CLAUSE,
            "party": orgs["bup"].key,
            "happened_on": timezone.localdate().isoformat(),
            "what": "Ingen kallelse.",
        },
        content_type="application/json",
    )
    number = made.json()["id"]
    kiruna = _client(people["kiruna"])
    assert kiruna.get(f"/api/deviations/report/{number}").status_code == 404
    assert kiruna.get("/api/deviations/report/99999999999999999999").status_code == 404
    assert AuditEvent.objects.filter(code="deviations.refused").count() == 2
    assert kiruna.get("/api/deviations/norrbotten").json() == []
    assert [d["id"] for d in reporter.get("/api/deviations/norrbotten").json()] == [number]
    unknown = reporter.post(
        "/api/deviations/norrbotten",
        {"clause": CLAUSE, "party": "ingen", "happened_on": "2026-01-01", "what": "x"},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "party" in unknown.json()["errors"]
    assert Deviation.objects.count() == 1
