"""`samverkan check`: findings as text or JSON, exit code 1 on an error-level finding."""

import json

import pytest

from samverkan.cli import main
from structure.demo import ensure_demo_structure
from structure.generator import populate

from .builders import START, loaded_county

pytestmark = pytest.mark.django_db


def test_the_demo_breaks_a_few_rules_and_check_exits_1(capsys):
    loaded_county("norrbotten")
    assert ensure_demo_structure() is True
    assert ensure_demo_structure() is False  # idempotent
    assert main(["check", "norrbotten", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert 1 <= payload["errors"] <= 6 and payload["holds"] > 50
    rules = {f["rule"] for f in payload["findings"]}
    assert {"seat-count", "geographic-spread", "substitutes", "office-filled"} <= rules
    assert all(f["seed"].startswith("001_") for f in payload["findings"])


def test_a_compliant_county_exits_0_and_says_so(capsys):
    loaded_county("vasterbotten")
    populate("vasterbotten", START)
    assert main(["check", "vasterbotten", "--on", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert "vasterbotten 2026-06-01: 0 fel" in out


def test_all_shows_what_holds(capsys):
    loaded_county("vasterbotten")
    populate("vasterbotten", START)
    main(["check", "vasterbotten", "--on", "2026-06-01", "--all"])
    assert "OK " in capsys.readouterr().out


@pytest.mark.parametrize("args", [["nosuch"], ["norrbotten", "--on", "2026-02-30"]])
def test_bad_input_is_a_clear_message(args, capsys):
    loaded_county("norrbotten")
    assert main(["check", *args]) == 1
    assert capsys.readouterr().err.startswith("Fel: ")
