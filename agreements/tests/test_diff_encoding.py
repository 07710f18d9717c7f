"""`agreement diff` reports what the document changes, not how the file encodes it, and says it
in the reader's words (agreements.labels), never the file's keys."""

import copy
import inspect
import random

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from agreements import labels, schema
from agreements.diff import diff
from agreements.registry import Catalogue

BASE = Catalogue().find("norrbotten", "lansstyrgrupp", 2).agreement
DATA = BASE.model_dump(mode="json", by_alias=True, exclude_none=True)


def variant(change) -> schema.Agreement:
    data = copy.deepcopy(DATA)
    change(data)
    return schema.Agreement.model_validate(data)


def body(data, body_id):
    return next(b for b in data["bodies"] if b["id"] == body_id)


def test_equivalent_yaml_forms_are_no_change():
    def rewrite(data):
        steering = body(data, "lansstyrgrupp")
        # `count: 5` for `{exact: 5}`, a bare heading for `{section: ...}`.
        steering["seats"][0]["count"] = steering["seats"][0]["count"]["exact"]
        steering["source"] = steering["source"]["section"]
        # Folded text: other line breaks and spaces, the same words.
        steering["description"] = steering["description"].replace(" ", "\n  ") + "\n"
        # Defaults written out.
        steering["seats"][0]["per"] = "body"

    assert diff(BASE, variant(rewrite)) == []


def test_where_the_encoders_cite_from_is_no_change():
    def recite(data):
        steering = body(data, "lansstyrgrupp")
        steering["source"] = {"section": "Länsstyrgrupp", "quote": "Länsstyrgruppen består av"}
        steering["mandate_source"] = {"section": "Uppdrag"}
        data["document"]["seed"] = "001_annan-fil.txt"
        data["county"]["codes_source"] = {"document": "SCB", "section": "Län 25"}

    assert diff(BASE, variant(recite)) == []


@settings(max_examples=25, derandomize=True, deadline=None)
@given(st.randoms(use_true_random=False))
def test_reordering_what_the_document_does_not_order_is_no_change(rng: random.Random):
    def shuffle(data):
        for key in ("parties", "bodies", "relations", "areas", "levels", "principles"):
            rng.shuffle(data[key])
        for item in data["bodies"]:
            for key in ("seats", "offices", "mandate", "co_opted"):
                rng.shuffle(item.get(key, []))
        for area in data["areas"]:
            rng.shuffle(area["municipalities"])

    assert diff(BASE, variant(shuffle)) == []


def test_reordering_a_rotation_is_a_change():
    def swap(data):
        chair = next(o for o in body(data, "lansstyrgrupp")["offices"] if o["role"] == "chair")
        chair["rotation"]["between"].reverse()

    with translation.override("sv"):
        [change] = diff(BASE, variant(swap))
    assert change.startswith("organ › Länsstyrgruppen › poster › ordförande › växling › mellan: ")
    assert "ordning:" in change


def test_an_interpretation_is_a_change():
    def reread(data):
        offices = body(data, "lansstyrgrupp-au")["offices"]
        offices[0]["source"]["interpretation"] = "En annan läsning."

    with translation.override("sv"):
        [change] = diff(BASE, variant(reread))
    assert "› tolkning: " in change and change.endswith(" → En annan läsning.")


def _fields(model: type[BaseModel], seen: set) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    names = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for kind in _models_in(field.annotation):
            names |= _fields(kind, seen)
    return names


def _models_in(annotation) -> list[type[BaseModel]]:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def test_every_field_of_the_schema_has_a_name_for_readers():
    names = _fields(schema.Agreement, set()) - {"schema_version", "id", "slug"}
    missing = sorted(n for n in names if n not in labels.FIELDS)
    assert missing == []


def test_the_changes_speak_swedish():
    catalogue = Catalogue()
    old = catalogue.find("norrbotten", "lansstyrgrupp", 1).agreement
    with translation.override("sv"):
        changes = diff(old, BASE)
    assert any(
        line.startswith("parter › Region Norrbotten › enheter › Division Närsjukvård › namn: ")
        for line in changes
    )
    keys = {"name", "role", "count", "seats", "bodies", "offices", "source", "per_year"}
    assert not any(f"{key}:" in line or f"› {key} " in line for line in changes for key in keys)


@pytest.mark.parametrize("county", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_a_document_against_itself_rewritten_is_no_change(county):
    agreement = Catalogue().find(county).agreement
    again = schema.Agreement.model_validate(
        agreement.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    )
    assert diff(agreement, again) == []
