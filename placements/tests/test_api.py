"""The placements in the JSON API: the pages' rules over JSON. A case outside one's reach is 404
and logged; reads audited; stale changes 409; bad input 422 with the field."""

import datetime

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from placements.models import CostAllocation, Placement
from plans.tests.test_case_pages import verified_login

pytestmark = pytest.mark.django_db
JSON = "application/json"
D = datetime.date.fromisoformat

PLACEMENT = {
    "kind": "family_home",
    "compulsory": False,
    "acute": True,
    "decided_on": "2026-03-02",
    "deciding_organisation": "lulea-socialtjansten",
    "starts_on": "2026-03-02",
}


def logged_in(client, user):
    verified_login(client, user)
    return client


def post(client, url, body, method="post"):
    return getattr(client, method)(url, body, content_type=JSON)


def test_a_placement_its_examination_and_its_cost_allocation(client, case, people):
    social = logged_in(client, people["socialsekreterare"])
    created = post(social, f"/api/cases/{case.pk}/placements", PLACEMENT)
    assert created.status_code == 201, created.json()
    [placement] = created.json()["placements"]
    assert placement["cost_allocation_due_on"] == "2026-03-16"
    assert placement["cost_allocation_working_days_left"] < 0
    assert created.json()["coordination_misplaced"] is True
    applies = [r["applies"] for r in created.json()["responsibilities"]]
    assert applies == [True, False]
    url = f"/api/placements/{placement['id']}"
    asked = post(
        social,
        f"{url}/health-examination/request",
        {"organisation": "region-norrbotten-narsjukvard", "version": placement["version"]},
    )
    assert asked.status_code == 200, asked.json()
    nurse = logged_in(Client(), people["sjukskoterska"])
    examined = post(
        nurse,
        f"{url}/health-examination",
        {"examined_on": "2026-03-03", "examiner": "Nils Stenlund", "outcome": "Frisk."},
    )
    assert examined.status_code == 200, examined.json()
    shares = [
        {"principal": "lulea", "percent": 75, "covers": "Familjehemmet"},
        {"principal": "region-norrbotten", "percent": 25},
    ]
    allocated = post(
        social, f"{url}/cost-allocations", {"agreed_on": "2026-03-12", "shares": shares}
    )
    assert allocated.status_code == 201, allocated.json()
    [placement] = allocated.json()["placements"]
    assert placement["cost_allocation"]["shares"][0]["principal_name"] == "Luleå kommun"
    assert placement["cost_allocation_working_days_left"] is None
    read = social.get(f"/api/cases/{case.pk}/placements")
    assert read.status_code == 200
    assert AuditEvent.objects.filter(code="placement.read").count() == 1


def test_a_stale_change_is_409_with_the_version_now(client, case, people):
    social = logged_in(client, people["socialsekreterare"])
    [placement] = post(social, f"/api/cases/{case.pk}/placements", PLACEMENT).json()["placements"]
    url = f"/api/placements/{placement['id']}"
    first = post(social, url, {**PLACEMENT, "version": 1, "ends_on": "2026-09-01"}, "put")
    assert first.status_code == 200
    stale = post(social, url, {**PLACEMENT, "version": 1, "kind": "sis"}, "put")
    assert stale.status_code == 409 and stale.json()["version"] == 2
    assert Placement.objects.get().kind == "family_home"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"decided_on": "2025-12-01", "starts_on": "2025-12-01"}, "decided_on"),
        ({"deciding_organisation": "region-norrbotten-narsjukvard"}, "deciding_organisation"),
        ({"deciding_organisation": "no-such-unit"}, "deciding_organisation"),
        ({"kind": "tent"}, "kind"),
        ({"decided_on": "2026-02-30"}, "decided_on"),
        ({"starts_on": "9999-01-01"}, "starts_on"),
    ],
)
def test_bad_placements_are_422_with_the_field(client, case, people, change, field):
    social = logged_in(client, people["socialsekreterare"])
    response = post(social, f"/api/cases/{case.pk}/placements", {**PLACEMENT, **change})
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_a_split_with_a_principal_outside_the_case_is_422(client, case, people):
    social = logged_in(client, people["socialsekreterare"])
    [placement] = post(social, f"/api/cases/{case.pk}/placements", PLACEMENT).json()["placements"]
    response = post(
        social,
        f"/api/placements/{placement['id']}/cost-allocations",
        {
            "agreed_on": "2026-03-12",
            "shares": [
                {"principal": "lulea", "percent": 50},
                {"principal": "kalix", "percent": 50},
            ],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"]["shares"] == ["Kalix kommun deltar inte i ärendet."]


def test_outside_the_case_404_alike_and_logged(client, case, people):
    social = logged_in(Client(), people["socialsekreterare"])
    [placement] = post(social, f"/api/cases/{case.pk}/placements", PLACEMENT).json()["placements"]
    outsider = logged_in(client, people["kalix"])
    for url in (
        f"/api/cases/{case.pk}/placements",
        f"/api/cases/{case.pk + 1000}/placements",
    ):
        assert outsider.get(url).status_code == 404
    for url in (f"/api/placements/{placement['id']}", "/api/placements/424242"):
        assert post(outsider, url, {**PLACEMENT, "version": 1}, "put").status_code == 404
    assert AuditEvent.objects.filter(code="case.step_refused").count() == 4


def test_without_the_second_factor_403(client, case, people):
    client.force_login(people["socialsekreterare"])
    assert client.get(f"/api/cases/{case.pk}/placements").status_code == 403


def test_the_description_lists_the_operations_and_their_answers(client, db):
    spec = client.get("/api/openapi.json").json()
    operations = {
        (path, method)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if operation["tags"] == ["placements"]
    }
    assert operations == {
        ("/api/cases/{case_id}/placements", "get"),
        ("/api/cases/{case_id}/placements", "post"),
        ("/api/placements/{placement_id}", "put"),
        ("/api/placements/{placement_id}/health-examination/request", "post"),
        ("/api/placements/{placement_id}/health-examination", "post"),
        ("/api/placements/{placement_id}/cost-allocations", "post"),
        ("/api/cases/{case_id}/inpatient-stays", "post"),
        ("/api/inpatient-stays/{stay_id}", "put"),
    }
    for path, method in operations:
        responses = set(spec["paths"][path][method]["responses"])
        assert {"401", "403", "404"} <= responses
        if method != "get":
            assert "422" in responses


SHARE = st.fixed_dictionaries(
    {
        "principal": st.sampled_from(["lulea", "region-norrbotten", "kalix", "", "x" * 90]),
        "percent": st.one_of(st.integers(-5, 120), st.text(max_size=3), st.none()),
    },
    optional={"covers": st.text(max_size=320)},
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shares=st.lists(SHARE, max_size=4),
    agreed_on=st.one_of(st.dates().map(str), st.text(max_size=12)),
    note=st.text(max_size=50),
)
def test_no_split_gives_a_server_error_and_only_whole_ones_are_kept(
    client, case, people, shares, agreed_on, note
):
    placement = Placement.objects.filter(case=case).first()
    if placement is None:
        social = logged_in(client, people["socialsekreterare"])
        post(social, f"/api/cases/{case.pk}/placements", PLACEMENT)
        placement = Placement.objects.get(case=case)
    response = post(
        client,
        f"/api/placements/{placement.pk}/cost-allocations",
        {"agreed_on": agreed_on, "shares": shares, "note": note},
    )
    assert response.status_code in (201, 422), response.content
    for allocation in CostAllocation.objects.all():
        assert sum(s.percent for s in allocation.shares.all()) == 100
