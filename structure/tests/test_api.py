"""The structure API and its OpenAPI description, kept honest against the routes."""

import re

import pytest
from django.urls import URLPattern

from samverkan.api import api

pytestmark = pytest.mark.django_db
BASE = "/api/counties/norrbotten"
# Each endpoint's queries, the same whatever the size of the county.
QUERIES = {
    "/api/counties": 1,
    "/api/counties/{county}/agreements": 2,
    "/api/counties/{county}/agreement": 1,
    "/api/counties/{county}/bodies": 5,
    "/api/counties/{county}/bodies/lansstyrgrupp": 5,
    "/api/counties/{county}/areas": 3,
}


def test_counties(client, loaded_county):
    response = client.get("/api/counties")
    assert response.status_code == 200
    assert response.json() == [{"slug": "norrbotten", "name": "Norrbottens län", "scb_code": "25"}]


def test_every_version_of_every_document(client, loaded_county):
    documents = client.get(f"{BASE}/agreements").json()
    assert {(d["document_id"], d["version"], d["in_force"]) for d in documents} == {
        ("lansstyrgrupp", 1, False),
        ("lansstyrgrupp", 2, True),
        ("norrbus", 1, True),
    }
    assert {d["seed"] for d in documents} >= {
        "000_71db6b5aebb27fef.txt",
        "001_47e6bb73daa8c2fc.txt",
    }


def test_the_agreement_file_by_default_in_force(client, loaded_county):
    agreement = client.get(f"{BASE}/agreement").json()
    assert agreement["document"]["version"] == 2 and agreement["in_force"] is True
    assert agreement["county"]["slug"] == "norrbotten"
    assert all(body["source"]["section"] for body in agreement["bodies"])
    old = client.get(f"{BASE}/agreement", {"version": 1}).json()
    assert old["document"]["version"] == 1 and old["in_force"] is False
    guideline = client.get(f"{BASE}/agreement", {"document": "norrbus"}).json()
    assert guideline["document"]["kind"] == "guideline"


def test_bodies_with_seats_and_offices(client, loaded_county):
    bodies = client.get(f"{BASE}/bodies").json()
    assert [b["key"] for b in bodies] == [
        "politisk-samverkansberedning",
        "lansstyrgrupp",
        "lansstyrgrupp-au",
        "lansdelsgrupp",
        "kommungrupp",
    ]
    lsg = next(b for b in bodies if b["key"] == "lansstyrgrupp")
    assert lsg["level"] == "county" and lsg["source_section"]
    social = next(s for s in lsg["seats"] if s["key"] == "social-chiefs")
    assert social["count_exact"] == 5 and social["has_substitutes"]
    assert {o["role"] for o in lsg["offices"]} >= {"chair"}


def test_one_body_of_a_version(client, loaded_county):
    body = client.get(f"{BASE}/bodies/lansstyrgrupp").json()
    assert body["key"] == "lansstyrgrupp" and body["name"] == "Länsstyrgruppen"
    old = client.get(f"{BASE}/bodies/lansstyrgrupp", {"version": 1}).json()
    assert any(s["role"] == "Divisions-/länschef" for s in old["seats"])


def test_areas_of_the_agreement_and_of_the_guideline(client, loaded_county):
    areas = client.get(f"{BASE}/areas").json()
    assert len(areas) == 4
    east = next(a for a in areas if a["name"] == "Östra Norrbotten")
    assert "kalix" in east["municipalities"] and east["source_section"]
    assert len(client.get(f"{BASE}/areas", {"document": "norrbus"}).json()) == 5


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/counties/nosuch/agreements", "Okänt län 'nosuch'."),
        ("/api/counties/nosuch/agreement", "Okänt län 'nosuch'."),
        ("/api/counties/nosuch/bodies", "Okänt län 'nosuch'."),
        ("/api/counties/nosuch/bodies/lansstyrgrupp", "Okänt län 'nosuch'."),
        ("/api/counties/nosuch/areas", "Okänt län 'nosuch'."),
        (
            f"{BASE}/bodies/nosuch",
            "Länet 'norrbotten' har inget organ 'nosuch' i den versionen av dokumentet.",
        ),
        (
            f"{BASE}/agreement?version=9",
            "Länet 'norrbotten' har ingen överenskommelse i version 9.",
        ),
        (f"{BASE}/agreement?document=nosuch", "Länet 'norrbotten' har inget dokument 'nosuch'."),
        (
            f"{BASE}/areas?document=norrbus&version=3",
            "Länet 'norrbotten' har inget dokument 'norrbus' i version 3.",
        ),
    ],
)
def test_unknown_things_are_404_with_a_clear_message(client, loaded_county, url, message):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": message, "errors": {}}


@pytest.mark.parametrize("url", ["/api/counties/nosuch/compliance", "/api/counties/nosuch/popolo"])
def test_the_live_endpoints_name_the_unknown_county_too(verified_coordinator, loaded_county, url):
    response = verified_coordinator.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Okänt län 'nosuch'.", "errors": {}}


def _operations_in_spec(spec) -> set[tuple[str, str]]:
    return {(path, method.upper()) for path, item in spec["paths"].items() for method in item}


def test_every_get_in_the_description_answers(verified_coordinator, loaded_county):
    coordinator = verified_coordinator
    spec = coordinator.get("/api/openapi.json").json()
    # The structure's own (the Popolo export with the second factor passed): the cases,
    # meetings and matters need a row of their own too, and their apps' tests walk them (plans,
    # meetings and matters tests/test_api*).
    structure = {
        path
        for path, item in spec["paths"].items()
        if set(item.get("get", {}).get("tags", [])) & {"structure", "live structure"}
    }
    gets = sorted(
        path for path, method in _operations_in_spec(spec) if method == "GET" and path in structure
    )
    assert len(gets) >= 8
    for path in gets:
        url = path.format(county="norrbotten", body="lansstyrgrupp")
        response = coordinator.get(url)
        assert response.status_code == 200, (url, response.content)
        assert response["Content-Type"] == "application/json; charset=utf-8"


def test_openapi_describes_every_route(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["title"] == "Samverkan API"
    registered = {
        ("/api" + prefix.rstrip("/") + path, method)
        for prefix, router in api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }
    assert registered == _operations_in_spec(spec)
    # And every address Django serves under /api/ besides the description itself.
    served = {
        "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in api.urls[0]
        if isinstance(pattern, URLPattern)
        and pattern.name not in {"openapi-json", "openapi-view", "api-root"}
    }
    assert served == set(spec["paths"])


def test_every_operation_has_a_summary_and_the_structure_documents_its_404(client, db):
    spec = client.get("/api/openapi.json").json()
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            if "{county}" in path and operation["tags"] == ["structure"]:
                assert "404" in operation["responses"], (method, path)


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    for path, expected in QUERIES.items():
        with django_assert_num_queries(expected):
            response = client.get(path.format(county=county))
        assert response.status_code == 200, path
    areas = client.get(f"/api/counties/{county}/areas").json()
    assert sum(len(a["municipalities"]) for a in areas) == (14 if size == "loaded_county" else 60)
