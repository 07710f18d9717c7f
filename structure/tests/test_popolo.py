"""The live structure exported as Popolo JSON: every membership refers to what the export holds."""

import json

import pytest

from samverkan.cli import main
from structure.demo import ensure_demo_structure
from structure.popolo import export

from .builders import loaded_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    loaded_county("norrbotten")
    ensure_demo_structure()


def test_references_hold(demo):
    data = export("norrbotten")
    ids = {kind: {item["id"] for item in data[kind]} for kind in data}
    assert len(ids["persons"]) == len(data["persons"])  # unique ids
    for membership in data["memberships"]:
        assert membership["organization_id"] in ids["organizations"]
        assert membership.get("post_id", next(iter(ids["posts"]))) in ids["posts"]
        assert membership.get("person_id", next(iter(ids["persons"]))) in ids["persons"]
        assert membership["on_behalf_of_id"] in ids["organizations"]
    for organization in data["organizations"]:
        assert organization.get("parent_id", organization["id"]) in ids["organizations"]


def test_periods_and_roles(demo):
    data = export("norrbotten")
    ended = [m for m in data["memberships"] if "end_date" in m]
    assert ended and all(m["start_date"] <= m["end_date"] for m in ended)
    assert {"member", "substitute", "chair"} <= {m["role"] for m in data["memberships"]}
    kalix = next(o for o in data["organizations"] if o["id"] == "party/kalix")
    assert kalix["identifiers"] == [{"scheme": "scb", "identifier": "2514"}]


def test_command_writes_json(demo, capsys):
    assert main(["export", "popolo", "norrbotten"]) == 0
    assert json.loads(capsys.readouterr().out)["persons"]
    assert main(["export", "popolo", "nosuch"]) == 1
