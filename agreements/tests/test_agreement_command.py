"""`samverkan agreement list|validate|show|diff|load` and `samverkan --help`."""

import json
from pathlib import Path

import pytest
import yaml

from samverkan.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("agreement", "calendar", "check", "demo", "export", "audit"):
        assert f"  {command}" in out


def test_unknown_command_exits_2(capsys):
    code, _, err = run(capsys, "nosuch")
    assert code == 2 and "Okänt kommando" in err


def test_list_shows_documents_versions_and_what_is_in_force(capsys):
    code, out, _ = run(capsys, "agreement", "list")
    assert code == 0
    assert "version 1  ersatt" in out and "version 2  gäller" in out
    assert "norrbus (riktlinje)" in out and "halsam (överenskommelse)" in out


def test_validate_all_shipped_files(capsys):
    code, out, _ = run(capsys, "agreement", "validate")
    assert code == 0 and out.count("OK ") == len(list(DATA.glob("*/*.yaml")))


def test_validate_a_broken_file_names_file_and_line(capsys, tmp_path):
    text = (DATA / "norrbotten" / "lansstyrgrupp-v2.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "norrbotten.yaml"
    broken.write_text(text.replace("to: lansdelsgrupp, source", "to: nosuch, source"), "utf-8")
    code, out, err = run(capsys, "agreement", "validate", str(broken))
    assert code == 1
    line = text[: text.index("to: lansdelsgrupp, source")].count("\n") + 1
    assert f"{broken}:{line}: fel" in out and "okänt organ 'nosuch'" in out
    code, out, _ = run(capsys, "agreement", "validate", "--format", "json", str(broken))
    [report] = json.loads(out)
    assert report["valid"] is False and report["problems"][0]["line"] == line


def test_show_reads_like_the_agreement(capsys):
    code, out, _ = run(capsys, "agreement", "show", "norrbotten")
    assert code == 0
    for text in (
        "LÄNSNIVÅ",
        "Länsstyrgruppen",
        "Ansvara för omvärldsbevakning i gemensamma frågor",
        "5 × Socialchef",
        "Möten per år: minst 4",
        "Mötestid: 10.00–15.00",
        "Östra Norrbotten: Haparanda kommun, Kalix kommun",
    ):
        assert text in out, text


def test_show_json_is_the_file(capsys):
    code, out, _ = run(
        capsys, "agreement", "show", "norrbotten", "--version", "1", "--format", "json"
    )
    assert code == 0
    shown = json.loads(out)
    source = yaml.safe_load((DATA / "norrbotten" / "lansstyrgrupp-v1.yaml").read_text("utf-8"))
    assert shown["document"]["version"] == 1
    assert shown["bodies"][1]["meetings"]["per_year"] == {"exact": 4}
    assert len(shown["bodies"]) == len(source["bodies"])


def test_diff_tells_what_changed_from_000_to_001(capsys):
    code, out, _ = run(capsys, "agreement", "diff", "norrbotten", "1", "2")
    assert code == 0
    assert "Länsstyrgruppen › möten › per år: 4 → minst 4" in out
    assert "tillagt: Länschef barnsjukvård (1)" in out
    assert "borttaget: Divisions-/länschef (5)" in out


def test_unknown_county_and_version_are_clear_messages(capsys):
    code, _, err = run(capsys, "agreement", "show", "nosuch")
    assert code == 1 and "Okänt län 'nosuch'" in err
    code, _, err = run(capsys, "agreement", "diff", "norrbotten", "1", "9")
    assert code == 1 and "ingen version 9" in err


@pytest.mark.django_db
def test_load_is_idempotent(capsys):
    code, first, _ = run(capsys, "agreement", "load", "norrbotten")
    assert code == 0
    code, again, _ = run(capsys, "agreement", "load", "norrbotten")
    assert code == 0 and first != again
