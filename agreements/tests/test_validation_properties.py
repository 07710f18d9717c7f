"""Whatever a file holds, validation answers with problems, never with a traceback."""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.validation import validate_text

VALID = Path(__file__).resolve().parents[1] / "data" / "norrbotten" / "lansstyrgrupp-v2.yaml"
DOCUMENT = yaml.safe_load(VALID.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


ALL_PATHS = [p for p in paths(DOCUMENT) if p]


def mutate(document, path, action, value):
    import copy

    document = copy.deepcopy(document)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    else:  # an extra, unknown key beside it
        if isinstance(parent, dict):
            parent[f"x{len(parent)}"] = value
        else:
            parent.append(value)
    return document


def assert_answered(result):
    assert result.problems or result.valid
    for problem in result.problems:
        assert problem.file == "fil.yaml" and problem.message
        assert str(problem)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text):
    assert_answered(validate_text(text, "fil.yaml"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decoded_as_they_would_be(data):
    assert_answered(validate_text(data.decode("utf-8", "replace"), "fil.yaml"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(ALL_PATHS),
    st.sampled_from(["delete", "replace", "add"]),
    values,
)
def test_broken_structures_give_problems_with_lines(path, action, value):
    document = mutate(DOCUMENT, path, action, value)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    result = validate_text(text, "fil.yaml")
    assert_answered(result)
    for problem in result.problems:
        assert problem.line is None or 1 <= problem.line <= text.count("\n") + 1


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(VALID.read_text(encoding="utf-8")) - 1), st.text(max_size=5))
def test_a_few_characters_typed_anywhere(position, typed):
    text = VALID.read_text(encoding="utf-8")
    assert_answered(validate_text(text[:position] + typed + text[position:], "fil.yaml"))
