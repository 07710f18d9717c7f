"""Disputes in the API: raised on a case, stated by the other side, escalated one step at a
time (a skipped step answers 422, a stale version 409) and resolved; 404 and logged for those
outside the case and the body."""

import pytest
from django.test import Client
from django.utils import timezone

from plans.tests.test_case_pages import verified_login
from workdays.calendar import add_working_days

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    verified_login(client, user)
    return client


def test_a_dispute_through_the_api(people, orgs, case):
    social = _client(people["social"])
    made = social.post(
        f"/api/cases/{case.pk}/disputes",
        {
            "subject": "responsibility",
            "respondent": orgs["bup"].key,
            "statement": "Vården är regionens.",
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    dispute = made.json()
    assert (dispute["body"], dispute["instance"], dispute["step"]) == ("kommungrupp", "lulea", 0)
    # Raised today: the county's 20 working days from today.
    assert dispute["answer_due"] == add_working_days(timezone.localdate(), 20).isoformat()
    url = f"/api/disputes/{dispute['id']}"
    bup = _client(people["bup"])
    assert (
        bup.post(
            f"{url}/statement", {"text": "Stödet är kommunens."}, content_type="application/json"
        ).status_code
        == 200
    )
    coordinator = _client(people["coordinator"])
    seen = coordinator.get(url).json()
    assert seen["case"] is None and len(seen["statements"]) == 2
    skipped = coordinator.post(
        f"{url}/escalate",
        {"to_step": 2, "text": "x", "version": 1},
        content_type="application/json",
    )
    assert skipped.status_code == 422 and "to_step" in skipped.json()["errors"]
    stale = coordinator.post(
        f"{url}/escalate",
        {"to_step": 1, "text": "x", "version": 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    up = coordinator.post(
        f"{url}/escalate",
        {"to_step": 1, "text": "Ingen enighet.", "version": 1},
        content_type="application/json",
    )
    assert up.json()["body"] == "lansdelsgrupp"
    resolved = coordinator.post(
        f"{url}/resolve",
        {
            "outcome": "Regionen ansvarar.",
            "responsible_principal": "region-norrbotten",
            "version": 2,
        },
        content_type="application/json",
    )
    assert resolved.status_code == 200 and resolved.json()["state"] == "resolved"
    assert social.get(url).json()["case"] == case.pk
    kiruna = _client(people["kiruna"])
    assert kiruna.get(url).status_code == 404
    assert (
        kiruna.post(
            f"/api/cases/{case.pk}/disputes",
            {"subject": "cost", "respondent": orgs["bup"].key, "statement": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
