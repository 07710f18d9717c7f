"""The input rules, and the same refusal wherever a value enters: a form, a filter, an API body, a
path. Refused input is answered with a message on its field (422 `Problem` in the API), never a
server error, and nothing is stored: on SQLite, which would keep over-long text, and on
PostgreSQL, which would fail on it, on a NUL or on a lone surrogate."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from inputs import rules
from plans.models import Case, Individual

from .conftest import verified

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "multiline", "accepted"),
    [
        ("Elsa Lantto", False, True),
        ("Åsa Öberg-Ärlig", False, True),
        ("rad ett\r\nrad två\tmed tabb", True, True),
        ("rad ett\nrad två", False, False),
        ("tabb\tinne", False, False),
        ("noll\x00tecken", True, False),
        ("ett \x0c sidbyte", True, False),
        ("ensam \ud800 surrogat", True, False),
        ("\x1f", False, False),
    ],
)
def test_characters(text, multiline, accepted):
    problem = rules.text_problem(text, limit=100, multiline=multiline)
    assert (problem is None) == accepted


def test_length_is_counted_in_characters_and_named_in_swedish():
    assert rules.text_problem("å" * 200, limit=200, multiline=False) is None
    with override("sv"):
        problem = rules.text_problem("å" * 201, limit=200, multiline=False)
    assert problem == "Skriv högst 200 tecken (nu 201)."


@pytest.mark.parametrize(
    ("window", "inside", "outside"),
    [
        (
            rules.BIRTH,
            [datetime.date(1900, 1, 1), TODAY],
            [datetime.date(1899, 12, 31), TODAY + datetime.timedelta(days=1)],
        ),
        (
            rules.FOLLOW_UP,
            [TODAY, datetime.date(2031, 12, 1)],
            [datetime.date(2250, 1, 1), datetime.date(9999, 12, 31)],
        ),
        (
            rules.LOG,
            [datetime.date(2000, 1, 1), TODAY + datetime.timedelta(days=1)],
            [datetime.date(1, 1, 1), TODAY + datetime.timedelta(days=2)],
        ),
        (
            rules.CASE_STEP,
            [TODAY, datetime.date(2027, 12, 1)],
            [datetime.date(1999, 12, 31), datetime.date(2200, 1, 1)],
        ),
    ],
)
def test_date_windows(window, inside, outside, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    assert all(window.problem(day) is None for day in inside)
    assert all(window.problem(day) is not None for day in outside)


@pytest.fixture
def worker(world):
    client = Client()
    verified(client, world["worker"])
    return client


def _post(client, path, body):
    # Built by hand so that lone surrogates go out as JSON escapes, as any client may send them.
    return client.post(path, json.dumps(body), content_type="application/json")


def _problem(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"} and isinstance(body["detail"], str)
    return body["errors"]


OPEN = {"identity_number": "20081015-1001", "name": "Ny Person", "concern": "Oro."}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Ny\x00Person"}, "name"),
        ({"name": "Ny \ud800 Person"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"concern": "x" * (rules.TEXT + 1)}, "concern"),
        ({"concern": "rad\x0bbrytning"}, "concern"),
        ({"guardians": ["y" * 201]}, "guardians.0"),
        ({"identity_number": "2008\x001015-1001"}, "identity_number"),
        ({"identity_number": "21000101-1000"}, "identity_number"),
        ({"concern": None}, "concern"),
    ],
)
def test_the_api_refuses_bad_text_per_field_and_stores_nothing(worker, change, field):
    with override("sv"):
        errors = _problem(_post(worker, "/api/cases", {**OPEN, **change}))
    assert field in errors
    assert not Individual.objects.filter(name__startswith="Ny").exists()


def test_a_step_dated_beyond_its_window_is_refused_on_its_field(world, worker):
    case = world["cases"]["opened"]
    body = {
        "version": case.version,
        "given_by": "Maria Lantto",
        "given_how": "writing",
        "given_on": "9999-12-31",
        "organisations": [world["social"].key],
    }
    errors = _problem(_post(worker, f"/api/cases/{case.pk}/consents", body))
    assert list(errors) == ["given_on"]
    case.refresh_from_db()
    assert case.state == Case.State.OPENED


def test_a_malformed_body_gets_the_same_declared_shape_in_swedish(world, worker):
    case = world["cases"]["opened"]
    with override("sv"):
        errors = _problem(_post(worker, f"/api/cases/{case.pk}/closing", {"closed_on": "31/12"}))
    assert errors == {
        "version": ["Detta fält måste fyllas i."],
        "closed_on": ["Fyll i ett giltigt datum."],
        "reason": ["Detta fält måste fyllas i."],
    }


def test_the_description_declares_the_422_body_it_sends(worker):
    description = Client().get("/api/openapi.json").json()
    for path, operations in description["paths"].items():
        for operation in operations.values():
            if operation.get("parameters") or operation.get("requestBody"):
                declared = operation["responses"]["422"]["content"]["application/json"]
                assert declared["schema"] == {"$ref": "#/components/schemas/Problem"}, path
    problem = description["components"]["schemas"]["Problem"]
    assert problem["required"] == ["detail", "errors"]
    assert problem["properties"]["errors"]["additionalProperties"]["type"] == "array"


@pytest.mark.parametrize(
    "path",
    [
        "/api/counties/%00/agreements",
        "/api/counties/norrbotten/bodies/%00",
        "/api/counties/norrbotten/agreement?document=%00",
        "/api/counties/%00/compliance",
        "/api/counties/norrbotten/compliance?on=9999-12-31",
        "/api/counties/norrbotten/compliance?body=%0C",
    ],
)
def test_a_nul_or_a_far_day_in_a_public_address_is_refused_not_a_server_error(world, path):
    client = Client()
    verified(client, world["coordinator"])
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "detail" in response.json()


def test_the_log_review_refuses_a_filter_beyond_the_log_life(world):
    client = Client()
    verified(client, world["auditor"])
    for query in ("date_to=9999-12-31", "date_from=0001-01-01", "case=99999999999999999999999"):
        response = client.get(f"/logg/?{query}")
        assert response.status_code == 200
        assert response.context["form"].errors
        assert client.get(f"/logg/csv/?{query}").status_code == 302


@pytest.mark.parametrize("username", ["x" * 20_000, "a\x00b", "sid\x0cbyte"])
def test_a_failed_login_with_any_user_name_is_counted_not_a_server_error(world, username):
    from axes.models import AccessAttempt

    response = Client().post("/konto/logga-in/", {"username": username, "password": "fel"})
    assert response.status_code == 200
    assert all(len(a.username) <= rules.SEARCH for a in AccessAttempt.objects.all())
