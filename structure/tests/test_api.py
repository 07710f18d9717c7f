"""The structure API and its OpenAPI description, kept honest against the routes."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_counties_agreements_bodies_seats_areas(client, norrbotten):
    assert client.get("/api/counties").json()[0]["slug"] == "norrbotten"
    documents = client.get("/api/counties/norrbotten/agreements").json()
    assert {(d["document_id"], d["version"], d["in_force"]) for d in documents} == {
        ("lansstyrgrupp", 1, False),
        ("lansstyrgrupp", 2, True),
        ("norrbus", 1, True),
    }
    agreement = client.get("/api/counties/norrbotten/agreement").json()
    assert agreement["document"]["version"] == 2
    old = client.get("/api/counties/norrbotten/agreement", {"version": 1}).json()
    assert old["document"]["version"] == 1
    bodies = client.get("/api/counties/norrbotten/bodies").json()
    lsg = next(b for b in bodies if b["key"] == "lansstyrgrupp")
    social = next(s for s in lsg["seats"] if s["key"] == "social-chiefs")
    assert social["count_exact"] == 5 and social["has_substitutes"]
    assert (
        client.get("/api/counties/norrbotten/bodies/lansstyrgrupp").json()["key"] == "lansstyrgrupp"
    )
    areas = client.get("/api/counties/norrbotten/areas").json()
    assert len(areas) == 4
    norrbus_areas = client.get("/api/counties/norrbotten/areas", {"document": "norrbus"}).json()
    assert len(norrbus_areas) == 5


@pytest.mark.parametrize(
    "url",
    [
        "/api/counties/nosuch/agreements",
        "/api/counties/nosuch/agreement",
        "/api/counties/norrbotten/bodies/nosuch",
        "/api/counties/norrbotten/agreement?version=9",
    ],
)
def test_unknown_things_are_404(client, norrbotten, url):
    assert client.get(url).status_code == 404


def test_openapi_describes_every_route(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "Samverkan API"
    from samverkan.api import api

    routes = {
        "/api/" + re.sub(r"<(\w+)>", r"{\1}", str(pattern.pattern))
        for pattern in api.urls[0]
        if pattern.name not in {"openapi-json", "openapi-view", "api-root"}
    }
    assert routes == set(spec["paths"])
