"""What a Popolo export must satisfy beyond the official schemas: the vendored popolo-spec JSON
schemas (popolo_schemas/, draft 03) for each object, and the model's own rules, which those
schemas do not ask for. Used by the tests of every county's export."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

SCHEMAS = Path(__file__).parent / "popolo_schemas"
KINDS = {
    "areas": "area",
    "organizations": "organization",
    "posts": "post",
    "persons": "person",
    "memberships": "membership",
}
# Keys that carry contact details in Popolo, and what an e-mail address or phone number looks like.
CONTACT_KEYS = {"email", "contact_details", "links", "phone", "fax"}
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(\+46|\b0)\d[\d\s-]{6,}\d")
# A label or role written as a code: lower case words joined by "_" or "-", nothing else.
MACHINE_KEY = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")


@cache
def validators() -> dict[str, Draft3Validator]:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((contents["id"], Resource(contents, specification=DRAFT3)))
    registry = Registry().with_resources(resources)
    return {
        kind: Draft3Validator(json.loads((SCHEMAS / f"{name}.json").read_text()), registry=registry)
        for kind, name in KINDS.items()
    }


def schema_faults(data: dict) -> list[str]:
    """Every object that breaks its popolo-spec schema, with the schema's message."""
    faults = []
    for kind, validator in validators().items():
        for item in data[kind]:
            faults += [f"{kind} {item.get('id')}: {e.message}" for e in validator.iter_errors(item)]
    return faults


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def model_faults(data: dict) -> dict[str, list[str]]:
    """The model rules, each with the objects that break it (an empty list: the rule holds)."""
    ids = {kind: [item["id"] for item in data[kind]] for kind in KINDS}
    known = {kind: set(found) for kind, found in ids.items()}
    posts = {post["id"]: post for post in data["posts"]}
    faults: dict[str, list[str]] = {
        "unique ids": [
            f"{kind} {key}" for kind in KINDS for key, n in Counter(ids[kind]).items() if n > 1
        ],
        "membership post belongs to membership organization": [],
        "membership has a person": [],
        "references resolve": [],
        "area references resolve": [],
        "unique post labels within an organization": [],
        "labels and roles are words, not codes": [],
        "membership role is its post's role (a substitute holds a substitute post)": [],
        "no contact details": [],
        "no job title as honorific": [],
    }
    for membership in data["memberships"]:
        name = membership["id"]
        post = posts.get(membership.get("post_id"))
        if "post_id" in membership and post is None:
            faults["references resolve"].append(f"{name}: post {membership['post_id']}")
        if post is not None:
            if post["organization_id"] != membership["organization_id"]:
                faults["membership post belongs to membership organization"].append(name)
            if post["role"] != membership.get("role"):
                faults[
                    "membership role is its post's role (a substitute holds a substitute post)"
                ].append(name)
        if membership.get("person_id") not in known["persons"]:
            faults["membership has a person"].append(name)
        for key in ("organization_id", "on_behalf_of_id"):
            if key in membership and membership[key] not in known["organizations"]:
                faults["references resolve"].append(f"{name}: {key} {membership[key]}")
    for organization in data["organizations"]:
        parent = organization.get("parent_id")
        if parent is not None and parent not in known["organizations"]:
            faults["references resolve"].append(f"{organization['id']}: parent {parent}")
    for post in data["posts"]:
        if post["organization_id"] not in known["organizations"]:
            faults["references resolve"].append(f"{post['id']}: {post['organization_id']}")
    labels = Counter((post["organization_id"], post["label"]) for post in data["posts"])
    faults["unique post labels within an organization"] = [
        f"{organization}: {label}" for (organization, label), n in labels.items() if n > 1
    ]
    for kind in ("organizations", "posts", "memberships", "areas"):
        for item in data[kind]:
            area = item.get("area_id")
            if area is not None and area not in known["areas"]:
                faults["area references resolve"].append(f"{item['id']}: {area}")
    for area in data["areas"]:
        if area.get("parent_id") is not None and area["parent_id"] not in known["areas"]:
            faults["area references resolve"].append(f"{area['id']}: {area['parent_id']}")
    # The words the export writes itself; a person's job title is theirs, as they wrote it.
    for item in data["posts"] + [m for m in data["memberships"] if "post_id" in m]:
        for key in ("label", "role"):
            value = item.get(key)
            if value is not None and (MACHINE_KEY.match(value) or not value[0].isupper()):
                faults["labels and roles are words, not codes"].append(f"{item['id']}: {value}")
    for kind in KINDS:
        for item in data[kind]:
            if CONTACT_KEYS & item.keys():
                faults["no contact details"].append(f"{item['id']}: {CONTACT_KEYS & item.keys()}")
            if any(EMAIL.search(text) or PHONE.search(text) for text in _strings(item)):
                faults["no contact details"].append(item["id"])
    faults["no job title as honorific"] = [
        person["id"]
        for person in data["persons"]
        if "honorific_suffix" in person or "honorific_prefix" in person
    ]
    return faults
