"""Whatever a file holds, validation answers with problems, never with a traceback.

Every problem names the file and says what is wrong; once the text is YAML, it also names a line
of the file.
"""

import copy
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.validation import validate_file, validate_text

VALID = Path(__file__).resolve().parents[1] / "data" / "norrbotten" / "lansstyrgrupp-v2.yaml"
TEXT = VALID.read_text(encoding="utf-8")
DOCUMENT = yaml.load(TEXT, Loader=yaml.CSafeLoader)
FILE = "fil.yaml"


def lines_in(text: str) -> int:
    # YAML's line breaks, which editors show as such too.
    return len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1


def parses(text: str) -> bool:
    try:
        yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False
    return True


def assert_answered(result, text: str | None = None, file: str = FILE) -> None:
    """Problems with a file and a message; with a line in the file whenever the text is YAML."""
    assert result.valid == (result.agreement is not None and not result.errors)
    assert result.valid or result.problems
    located = text is not None and parses(text)
    for problem in result.problems:
        assert problem.file == file
        assert problem.message.strip()
        assert str(problem).startswith(file)
        if located:
            assert problem.line is not None, str(problem)
        if text is not None and problem.line is not None:
            assert 1 <= problem.line <= lines_in(text), str(problem)


yamlish = st.text(
    alphabet=st.sampled_from(list("abcyz019:-[]{},?!&*|>'\"#%@`~.\n \t<")) | st.characters(),
    max_size=200,
)
shuffled_lines = st.lists(st.sampled_from(TEXT.splitlines()), max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), yamlish, shuffled_lines))
def test_any_text(text):
    assert_answered(validate_text(text, FILE), text)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("bytes") / FILE


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300) | yamlish.map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_in_a_file(scratch, data):
    scratch.write_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    result = validate_file(scratch)
    assert_answered(result, text, file=str(scratch))
    if text is None:
        assert [p.message for p in result.problems] == ["filen är inte UTF-8"]


# Random values for anywhere in the structure: every type YAML can write, nested a little.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["", "ja", "4", "minst 4", "region", "municipality", "boden", "lansstyrgrupp"]),
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


def other_type(value):
    """The same content in another type, as a hurried edit might write it."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return {str(i): item for i, item in enumerate(value)}
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return len(value) if value else None
    return [value]


ACTIONS = ["delete", "replace", "retype", "unknown key", "repeat"]


@st.composite
def mutated(draw):
    document = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in paths(document) if p] or [()]))
        if not path:
            break
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        action = draw(st.sampled_from(ACTIONS))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(values)
        elif action == "retype":
            parent[last] = other_type(parent[last])
        elif action == "unknown key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[last] = [parent[last], parent[last]]
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.booleans())
def test_broken_structures_give_problems_with_lines(document, flow):
    text = yaml.dump(
        document,
        Dumper=yaml.CSafeDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=flow,
        width=100,
    )
    assert_answered(validate_text(text, FILE), text)


def test_the_valid_file_rewritten_by_yaml_is_the_same_agreement():
    text = yaml.dump(DOCUMENT, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    assert validate_text(text, FILE).agreement == validate_text(TEXT, FILE).agreement


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(TEXT)), st.text(max_size=5))
def test_a_few_characters_typed_anywhere(position, typed):
    text = TEXT[:position] + typed + TEXT[position:]
    assert_answered(validate_text(text, FILE), text)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(1, 200))
def test_a_piece_cut_out_anywhere(position, length):
    text = TEXT[:position] + TEXT[position + length :]
    assert_answered(validate_text(text, FILE), text)
