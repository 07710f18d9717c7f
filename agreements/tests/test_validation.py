"""Validation errors a county's administrator can act on: file, line, path and a clear message.

Each test breaks the Norrbotten agreement (001) in one place and checks what is reported.
"""

from pathlib import Path

import pytest

from agreements.validation import validate_file, validate_text

VALID = Path(__file__).resolve().parents[1] / "data" / "norrbotten" / "lansstyrgrupp-v2.yaml"
TEXT = VALID.read_text(encoding="utf-8")


def broken(old: str, new: str, count: int = 1) -> str:
    assert TEXT.count(old) >= count, old
    return TEXT.replace(old, new, count)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def only_error(text: str):
    result = validate_text(text, "län.yaml")
    assert not result.valid
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    return result.errors[0]


@pytest.mark.parametrize("path", sorted((VALID.parent.parent).glob("*/*.yaml")))
def test_every_shipped_file_is_valid(path):
    result = validate_file(path)
    assert result.valid, [str(p) for p in result.problems]


def test_unknown_municipality_in_an_area():
    text = broken("municipalities: [boden, lulea]", "municipalities: [boden, lulea, umea]")
    error = only_error(text)
    assert error.file == "län.yaml"
    assert error.line == line_of(text, "id: boden-lulea")
    assert error.path == "areas[0].municipalities[2]"
    assert "okänd kommun 'umea'" in error.message and "Boden/Luleå" in error.message


def test_a_municipality_in_two_areas():
    text = broken("municipalities: [boden, lulea]", "municipalities: [boden, lulea, kalix]")
    error = only_error(text)
    # The second place it is named is the one reported: Östra Norrbotten, after Boden/Luleå.
    assert "'kalix' står både i Boden/Luleå och i Östra Norrbotten" in error.message
    assert error.path == "areas[3].municipalities[1]"


def test_a_relation_naming_a_body_that_does_not_exist():
    text = broken("to: lansdelsgrupp, source: Uppdrag", "to: lansdelgrupp, source: Uppdrag")
    error = only_error(text)
    assert "okänt organ 'lansdelgrupp'" in error.message
    assert error.line == line_of(text, "to: lansdelgrupp")


def test_a_seat_rule_naming_a_party_that_does_not_exist():
    text = broken("party: region-norrbotten\n", "party: landstinget\n")
    error = only_error(text)
    assert "okänd part 'landstinget'" in error.message
    assert error.path.startswith("bodies[") and error.path.endswith(".party")


def test_a_relation_cycle_where_none_can_be():
    text = broken(
        "relations:\n",
        "relations:\n  - {kind: steers, from: lansstyrgrupp, to: politisk-samverkansberedning,"
        " source: x}\n",
    )
    error = only_error(text)
    assert "bildar en cirkel" in error.message and "steers" in error.message


def test_a_rotation_between_parties_not_in_the_agreement():
    text = broken(
        "            - {party_kind: region, label: Region Norrbotten}",
        "            - {party: region-vasterbotten, label: Region Västerbotten}",
    )
    error = only_error(text)
    assert "okänd part 'region-vasterbotten'" in error.message
    assert "rotation.between[0]" in error.path
    assert error.line == line_of(text, "region-vasterbotten")


def test_a_count_that_contradicts_a_total():
    text = broken("    size: 3\n", "    size: 2\n")
    error = only_error(text)
    assert "kräver minst 3 ledamöter" in error.message


def test_the_stated_number_of_municipalities():
    text = broken("municipality_count: 14", "municipality_count: 15")
    error = only_error(text)
    assert error.path == "county.municipality_count" and "anger 15 kommuner" in error.message


def test_a_municipality_code_outside_the_county():
    text = broken('scb_code: "2580"', 'scb_code: "2480"')
    error = only_error(text)
    assert "hör inte till länskod 25" in error.message


def test_duplicate_keys_are_named_with_their_line():
    text = broken('  scb_code: "25"\n', '  scb_code: "25"\n  scb_code: "25"\n')
    result = validate_text(text, "län.yaml")
    [error] = [p for p in result.problems if "två gånger" in p.message]
    assert error.path == "county.scb_code" and error.line == line_of(text, "  scb_code") + 1


def test_a_wrong_type_and_a_misspelt_key():
    text = broken("        count: 5\n", "        count: fem\n        contraints: []\n")
    messages = {p.path: p.message for p in validate_text(text, "län.yaml").errors}
    assert any("count" in path for path in messages)
    assert any(m == "okänd nyckel (stavfel?)" for m in messages.values())


def test_a_missing_required_field():
    text = broken("  id: lansstyrgrupp\n  kind: agreement\n", "  kind: agreement\n")
    error = only_error(text)
    assert error.path == "document.id" and error.message == "saknas men måste anges"


def test_cost_shares_must_make_one_hundred_percent():
    text = TEXT + (
        "cost_sharing:\n  - id: x\n    subject: Kostnad\n    shares:\n"
        "      - {party_kind: region, percent: 60}\n"
        "      - {party_kind: municipality, percent: 30}\n"
        "    source: x\n"
    )
    error = only_error(text)
    assert "summerar till 90 %" in error.message


def test_not_yaml_and_empty_files():
    assert "ogiltig YAML" in only_error("county: [unclosed").message
    assert only_error("").message == "filen är tom"
    assert "mappning" in only_error("- a list\n").message


def test_a_file_that_cannot_be_read(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("län: å".encode("latin-1"))
    [problem] = validate_file(path).problems
    assert problem.message == "filen är inte UTF-8"
    [missing] = validate_file(tmp_path / "none.yaml").problems
    assert missing.file.endswith("none.yaml")
