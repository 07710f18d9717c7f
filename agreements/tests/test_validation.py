"""Validation errors a county's administrator can act on: file, line, path and a clear message.

Each test breaks the Norrbotten agreement (seed 001) in one place, writes it as a file and checks
what is reported: the file, the line where the offending element is written, the path inside the
file and a Swedish message that names what is wrong.
"""

import re
from pathlib import Path

import pytest
import yaml

from agreements import county_data
from agreements.validation import ERROR, WARNING, validate_file, validate_text

DATA = Path(__file__).resolve().parents[1] / "data"
VALID = DATA / "norrbotten" / "lansstyrgrupp-v2.yaml"


def base_text() -> str:
    return VALID.read_text(encoding="utf-8")


def index_of(collection: str, item_id: str) -> int:
    document = yaml.safe_load(base_text())
    return [item["id"] for item in document[collection]].index(item_id)


def variant(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    """The valid file with its first `old` replaced by `new`, written to a file of its own."""
    text = base_text()
    assert old in text, old
    text = text.replace(old, new, 1)
    path = tmp_path / "lansstyrgrupp-v2.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1


def the_error(path: Path):
    result = validate_file(path)
    assert not result.valid and result.agreement is None
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    [error] = result.errors
    assert error.file == str(path) and error.severity == ERROR
    return error


# A county's yearly data beside the agreements has its own check (agreements.county_data).
AGREEMENT_FILES = [path for path in sorted(DATA.glob("*/*.yaml")) if not county_data.kind_of(path)]


@pytest.mark.parametrize("path", AGREEMENT_FILES, ids=lambda p: p.name)
def test_every_shipped_file_is_valid_without_remarks(path):
    result = validate_file(path)
    assert result.valid and result.agreement is not None
    assert result.problems == []
    assert len(result.checksum) == 64


def test_an_unknown_municipality_in_an_area(tmp_path):
    # Written in block style, so that the line is the municipality's own.
    path, text = variant(
        tmp_path,
        "  - {id: boden-lulea, name: Boden/Luleå, municipalities: [boden, lulea], "
        "source: Länsdelsnivå}",
        "  - id: boden-lulea\n    name: Boden/Luleå\n    municipalities:\n      - boden\n"
        "      - lulea\n      - umea\n    source: Länsdelsnivå",
    )
    error = the_error(path)
    assert error.line == line_of(text, "- umea")
    assert error.path == "areas[0].municipalities[2]"
    assert error.message == "okänd kommun 'umea' i länsdelen Boden/Luleå"
    assert str(error) == f"{path}:{error.line}: fel [areas[0].municipalities[2]]: {error.message}"


def test_a_party_that_is_not_a_municipality_in_an_area(tmp_path):
    path, text = variant(
        tmp_path,
        "municipalities: [boden, lulea]",
        "municipalities: [boden, lulea, region-norrbotten]",
    )
    error = the_error(path)
    assert error.line == line_of(text, "id: boden-lulea")
    assert error.path == "areas[0].municipalities[2]"
    assert error.message == "'region-norrbotten' är ingen kommun men står i länsdelen Boden/Luleå"


def test_a_municipality_in_two_areas(tmp_path):
    path, text = variant(
        tmp_path, "municipalities: [boden, lulea]", "municipalities: [boden, lulea, kalix]"
    )
    error = the_error(path)
    # Named first in Boden/Luleå, so the later mention in Östra Norrbotten is the one reported.
    area = index_of("areas", "ostra-norrbotten")
    assert error.path == f"areas[{area}].municipalities[1]"
    assert error.line == line_of(text, "id: ostra-norrbotten")
    assert error.message == "kommunen 'kalix' står både i Boden/Luleå och i Östra Norrbotten"


def test_a_municipality_in_no_area_is_a_warning(tmp_path):
    path, text = variant(tmp_path, "municipalities: [boden, lulea]", "municipalities: [boden]")
    result = validate_file(path)
    assert result.valid
    [warning] = result.problems
    assert warning.severity == WARNING and warning.path == "areas"
    assert warning.line == line_of(text, "areas:\n  - {id: boden-lulea")
    assert warning.message == "kommunen 'lulea' hör inte till någon länsdel"


def test_a_rule_naming_a_body_that_does_not_exist(tmp_path):
    holder = "holder: {seat: local-care-chief, party: region-norrbotten}}"
    path, text = variant(tmp_path, holder, "holder: {seat: local-care-chief, body: lansdelgrupp}}")
    error = the_error(path)
    body = index_of("bodies", "lansdelsgrupp")
    assert error.path == f"bodies[{body}].offices[0].rotation.holder.body"
    assert error.line == line_of(text, "body: lansdelgrupp")
    assert error.message == "okänt organ 'lansdelgrupp'"


def test_a_preparing_body_that_does_not_exist(tmp_path):
    path, text = variant(tmp_path, "body: lansstyrgrupp-au\n", "body: lansstyrgrupp-ua\n")
    error = the_error(path)
    body = index_of("bodies", "lansstyrgrupp")
    assert error.path == f"bodies[{body}].meetings.prepared_by.body"
    assert error.line == line_of(text, "body: lansstyrgrupp-ua")
    assert error.message == "okänt organ 'lansstyrgrupp-ua'"


def test_a_relation_naming_a_body_that_does_not_exist(tmp_path):
    path, text = variant(
        tmp_path, "to: lansdelsgrupp, source: Uppdrag", "to: lansdelgrupp, source: Uppdrag"
    )
    error = the_error(path)
    assert re.fullmatch(r"relations\[\d+\]\.to", error.path)
    assert error.line == line_of(text, "to: lansdelgrupp")
    assert error.message == "okänt organ 'lansdelgrupp'"


def test_a_seat_rule_naming_a_party_that_does_not_exist(tmp_path):
    path, text = variant(
        tmp_path,
        "        role: Verksamhetsdirektör\n        party: region-norrbotten\n",
        "        role: Verksamhetsdirektör\n        party: landstinget\n",
    )
    error = the_error(path)
    assert re.fullmatch(r"bodies\[\d+\]\.seats\[\d+\]\.party", error.path)
    assert error.line == line_of(text, "party: landstinget")
    assert error.message == "okänd part 'landstinget'"


def test_a_body_on_a_level_that_does_not_exist(tmp_path):
    path, text = variant(tmp_path, "    level: political\n", "    level: politisk\n")
    error = the_error(path)
    assert error.path == "bodies[0].level"
    assert error.line == line_of(text, "level: politisk\n")
    assert error.message == "okänd nivå 'politisk'"


RELATIONS = "relations:\n"


def test_a_relation_cycle_where_none_can_be(tmp_path):
    added = (
        "  - {kind: steers, from: lansstyrgrupp, to: politisk-samverkansberedning, source: Fel}\n"
    )
    path, text = variant(tmp_path, RELATIONS, RELATIONS + added)
    error = the_error(path)
    assert error.message == (
        "relationen 'steers' bildar en cirkel: "
        "lansstyrgrupp → politisk-samverkansberedning → lansstyrgrupp"
    )
    # The relation that closes the circle is named, with its own line.
    relations = yaml.safe_load(text)["relations"]
    index = int(re.fullmatch(r"relations\[(\d+)\]", error.path).group(1))
    assert relations[index]["kind"] == "steers"
    closing = f"from: {relations[index]['from']}, to: {relations[index]['to']}"
    assert error.line == line_of(text, "{kind: steers, " + closing)


def test_relations_that_may_go_both_ways_are_no_cycle(tmp_path):
    # A body co-opts from another and the other back: no matter travels in a circle.
    added = (
        "  - {kind: co_opts, from: lansstyrgrupp, to: lansdelsgrupp, source: A}\n"
        "  - {kind: co_opts, from: lansdelsgrupp, to: lansstyrgrupp, source: B}\n"
    )
    path, _ = variant(tmp_path, RELATIONS, RELATIONS + added)
    assert validate_file(path).valid


def test_a_relation_to_itself(tmp_path):
    added = "  - {kind: reports_to, from: lansstyrgrupp, to: lansstyrgrupp, source: Fel}\n"
    path, text = variant(tmp_path, RELATIONS, RELATIONS + added)
    error = the_error(path)
    assert error.path == "relations[0]" and error.line == line_of(text, added.strip())
    assert error.message == "organet 'lansstyrgrupp' kan inte ha en relation till sig självt"


def test_the_same_relation_twice(tmp_path):
    # Loading would fail on the database's uniqueness of a relation: validation says it first.
    added = "  - {kind: mandates, from: lansstyrgrupp, to: lansdelsgrupp, source: Igen}\n"
    path, text = variant(tmp_path, RELATIONS, RELATIONS + added)
    error = the_error(path)
    assert re.fullmatch(r"relations\[\d+\]", error.path) and error.path != "relations[0]"
    assert "förekommer två gånger" in error.message and "mandates" in error.message


def test_a_rotation_between_parties_not_in_the_agreement(tmp_path):
    path, text = variant(
        tmp_path,
        "            - {party_kind: region, label: Region Norrbotten}",
        "            - {party: region-vasterbotten, label: Region Västerbotten}",
    )
    error = the_error(path)
    body = index_of("bodies", "lansstyrgrupp")
    assert error.path == f"bodies[{body}].offices[0].rotation.between[0].party"
    assert error.line == line_of(text, "region-vasterbotten")
    assert error.message == "okänd part 'region-vasterbotten'"


def test_a_rotation_through_a_seat_the_body_does_not_have(tmp_path):
    path, text = variant(tmp_path, "{seat: collaboration-lead, party", "{seat: lead, party")
    error = the_error(path)
    body = index_of("bodies", "lansstyrgrupp-au")
    assert error.path == f"bodies[{body}].offices[0].rotation.between[0].seat"
    assert error.line == line_of(text, "{seat: lead,")
    assert error.message == "okänd plats 'lead'"


def test_a_seat_count_that_contradicts_the_stated_size(tmp_path):
    path, text = variant(tmp_path, "    size: 3\n", "    size: 2\n")
    error = the_error(path)
    body = index_of("bodies", "lansstyrgrupp-au")
    assert error.path == f"bodies[{body}].size"
    assert error.line == line_of(text, "    size: 2\n")
    assert error.message == "platserna kräver minst 3 ledamöter men organet har 2"


def test_a_seat_count_above_a_maximum_size(tmp_path):
    path, _ = variant(tmp_path, "    size: 3\n", "    size: {max: 2}\n")
    assert the_error(path).message == "platserna kräver minst 3 ledamöter men organet har högst 2"


def test_the_stated_number_of_municipalities(tmp_path):
    path, text = variant(tmp_path, "municipality_count: 14", "municipality_count: 15")
    error = the_error(path)
    assert error.path == "county.municipality_count"
    assert error.line == line_of(text, "municipality_count: 15")
    assert error.message == "dokumentet anger 15 kommuner men filen har 14 kommuner bland parterna"


def test_a_municipality_code_outside_the_county(tmp_path):
    path, text = variant(tmp_path, 'scb_code: "2580"', 'scb_code: "2480"')
    error = the_error(path)
    assert error.path == f"parties[{index_of('parties', 'lulea')}].scb_code"
    assert error.line == line_of(text, "id: lulea")
    assert error.message == "kommunkoden 2480 hör inte till länskod 25"


def test_a_municipality_code_used_twice(tmp_path):
    path, _ = variant(tmp_path, 'scb_code: "2580"', 'scb_code: "2581"')
    result = validate_file(path)
    paths = {p.path for p in result.errors}
    assert paths == {
        f"parties[{index_of('parties', 'lulea')}].scb_code",
        f"parties[{index_of('parties', 'pitea')}].scb_code",
    }
    assert {p.message for p in result.errors} == {"kommunkoden 2581 används två gånger"}


def test_duplicate_keys_are_named_with_their_line(tmp_path):
    twice = '  scb_code: "25"\n  scb_code: "25"\n'
    path, text = variant(tmp_path, '  scb_code: "25"\n', twice)
    error = the_error(path)
    assert error.path == "county.scb_code"
    assert error.line == line_of(text, twice) + 1
    assert error.message == "nyckeln förekommer två gånger"


def test_a_duplicate_id(tmp_path):
    path, text = variant(
        tmp_path, "{id: individual, name: Individ", "{id: municipal, name: Individ"
    )
    result = validate_file(path)
    assert {p.path for p in result.errors} == {"levels[3].id", "levels[4].id"}
    assert {p.message for p in result.errors} == {"id 'municipal' förekommer 2 gånger"}
    assert {p.line for p in result.errors} == {
        line_of(text, "{id: municipal, name: Kommunnivå"),
        line_of(text, "{id: municipal, name: Individ"),
    }


def test_a_wrong_type(tmp_path):
    path, text = variant(
        tmp_path, "name: Politisk nivå, rank: 0,", "name: Politisk nivå, rank: noll,"
    )
    error = the_error(path)
    assert error.path == "levels[0].rank"
    assert error.line == line_of(text, "rank: noll")
    assert error.message == "ska vara ett heltal"


def test_a_count_in_words(tmp_path):
    path, text = variant(tmp_path, "        count: 5\n", "        count: fem\n")
    error = the_error(path)
    assert re.fullmatch(r"bodies\[\d+\]\.seats\[0\]\.count", error.path)
    assert error.line == line_of(text, "count: fem")
    assert error.message == "ska vara ett heltal eller en mappning med exact, min eller max"


def test_a_number_where_a_code_is_text(tmp_path):
    path, text = variant(tmp_path, 'scb_code: "2580"', "scb_code: 2580")
    error = the_error(path)
    assert error.path == f"parties[{index_of('parties', 'lulea')}].scb_code"
    assert error.line == line_of(text, "scb_code: 2580")
    assert error.message == "ska vara en text"


def test_a_value_outside_its_choices(tmp_path):
    path, text = variant(tmp_path, "    kind: political_board\n", "    kind: politisk\n")
    error = the_error(path)
    assert error.path == "bodies[0].kind" and error.line == line_of(text, "kind: politisk\n")
    assert error.message.startswith("ska vara en av: ") and "'political_board'" in error.message


def test_a_misspelt_key(tmp_path):
    path, text = variant(tmp_path, "    mandate_source: Politisk", "    mandat_source: Politisk")
    error = the_error(path)
    assert error.path == "bodies[0].mandat_source"
    assert error.line == line_of(text, "mandat_source")
    assert error.message == "okänd nyckel (stavfel?)"


def test_a_missing_required_field(tmp_path):
    path, text = variant(
        tmp_path, "  id: lansstyrgrupp\n  kind: agreement\n", "  kind: agreement\n"
    )
    error = the_error(path)
    # Not written, so the nearest line there is: the mapping it belongs in.
    assert error.path == "document.id"
    assert error.line == line_of(text, "\ndocument:") + 1
    assert error.message == "saknas men måste anges"


def test_a_missing_field_in_a_list_element(tmp_path):
    path, text = variant(tmp_path, "        role: Socialchef\n", "")
    error = the_error(path)
    assert re.fullmatch(r"bodies\[\d+\]\.seats\[0\]\.role", error.path)
    assert error.line == line_of(text, "- id: social-chiefs")
    assert error.message == "saknas men måste anges"


def test_an_empty_area(tmp_path):
    path, text = variant(tmp_path, "municipalities: [boden, lulea]", "municipalities: []")
    result = validate_file(path)
    [error] = result.errors
    assert error.path == "areas[0].municipalities" and error.line == line_of(text, "boden-lulea")
    assert error.message == "ska ha minst 1 element"


def test_a_count_with_both_exact_and_min(tmp_path):
    path, text = variant(
        tmp_path, "      per_year: {min: 4}\n", "      per_year: {min: 4, exact: 4}\n"
    )
    error = the_error(path)
    assert error.path.endswith("meetings.per_year")
    assert error.line == line_of(text, "per_year: {min: 4, exact: 4}")
    assert error.message == "exact kan inte kombineras med min eller max"


COST = (
    "cost_sharing:\n"
    "  - id: samordnare\n"
    "    subject: Samordnarens tjänst\n"
    "    shares:\n"
    "      - {party_kind: region, percent: 60}\n"
    "      - {party_kind: municipality, percent: {percent}}\n"
    "    source: Arbetsformer\n"
)


def test_cost_shares_must_make_one_hundred_percent(tmp_path):
    path, text = variant(tmp_path, "matter_flow:", COST.replace("{percent}", "30") + "matter_flow:")
    error = the_error(path)
    assert error.path == "cost_sharing[0].shares"
    assert error.line == line_of(text, "    shares:")
    assert error.message == "andelarna summerar till 90 %, inte 100 %"


def test_cost_shares_of_one_hundred_percent_are_valid(tmp_path):
    path, _ = variant(tmp_path, "matter_flow:", COST.replace("{percent}", "40") + "matter_flow:")
    assert validate_file(path).valid


def test_a_cost_total_that_the_items_do_not_make(tmp_path):
    cost = (
        "cost_sharing:\n  - id: stod\n    subject: Stöd\n    items:\n"
        "      - {resource: Samordnare, amount_msek: 0.5}\n"
        "      - {resource: Sekreterare, amount_msek: 0.25}\n"
        "    total_msek: 1.0\n    source: Arbetsformer\n"
    )
    path, text = variant(tmp_path, "matter_flow:", cost + "matter_flow:")
    error = the_error(path)
    assert error.path == "cost_sharing[0].total_msek"
    assert error.line == line_of(text, "total_msek: 1.0")
    assert error.message == "posterna summerar till 0.75 mnkr men totalen anges till 1.0 mnkr"


def test_text_too_long_for_the_database(tmp_path):
    # A heading longer than the database keeps would make loading fail on PostgreSQL.
    long = "Rubrik " * 40
    end = "\n    source: Kommunnivå\nrelations:"
    path, text = variant(tmp_path, end, end.replace("Kommunnivå", long))
    error = the_error(path)
    assert re.fullmatch(r"bodies\[\d+\]\.source", error.path)
    assert error.line == line_of(text, long)
    assert error.message == f"är för lång ({len(long.strip())} tecken, högst 200)"


def test_a_number_too_large_for_the_database(tmp_path):
    path, text = variant(tmp_path, "        count: 5\n", "        count: 5000000000\n")
    error = the_error(path)
    assert error.path.endswith(".seats[0].count")
    assert error.line == line_of(text, "5000000000")
    assert error.message == "är för stort (högst 2147483647)"


def test_not_yaml_and_empty_files():
    [error] = validate_text("county: [unclosed\n", "x.yaml").problems
    assert error.file == "x.yaml" and error.line == 2 and error.message.startswith("ogiltig YAML")
    assert validate_text("", "x.yaml").problems[0].message == "filen är tom"
    [error] = validate_text("- a list\n", "x.yaml").problems
    assert error.line == 1 and "mappning" in error.message


def test_control_characters_are_named_with_their_line():
    [error] = validate_text("county:\n  name: a\x00b\n", "x.yaml").problems
    assert error.line == 2 and error.message == "ogiltig YAML: otillåtet tecken #x0000"


def test_a_date_that_does_not_exist():
    [error] = validate_text("county: {}\ndocument:\n  adopted: 2020-02-30\n", "x.yaml").problems
    assert error.line == 3 and error.message == "ogiltig YAML: 2020-02-30 är inget datum"


def test_nesting_far_deeper_than_any_agreement():
    text = "county:\n  name: " + "[" * 50_000 + "]" * 50_000 + "\n"
    [error] = validate_text(text, "x.yaml").problems
    assert error.line == 2 and "nästlad" in error.message


def test_an_alias_that_contains_itself():
    result = validate_text("county: &c {slug: x, loop: *c}\n", "x.yaml")
    assert not result.valid and result.problems
    assert all(p.line for p in result.problems)


def test_a_file_that_cannot_be_read(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("county: {name: Norrbottens län}".encode("latin-1"))
    [problem] = validate_file(path).problems
    assert problem.file == str(path) and problem.message == "filen är inte UTF-8"
    [missing] = validate_file(tmp_path / "none.yaml").problems
    assert missing.file == str(tmp_path / "none.yaml") and missing.message == "filen finns inte"
    [directory] = validate_file(tmp_path).problems
    assert directory.message == "är en katalog, inte en fil"
