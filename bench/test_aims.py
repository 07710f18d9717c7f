"""A benchmark that misses its aim fails, like a test: the figures found, the exit status."""

import json

from aims import figure, finish, holds, missed


def test_a_figure_within_its_aim_passes(tmp_path):
    result = {"seconds": figure(0.5, 2.0, "s"), "rows": [{"ms": figure(10, 50, "ms")}]}
    assert finish(result, tmp_path / "x.json") == 0
    written = json.loads((tmp_path / "x.json").read_text())
    assert written["seconds"] == {"value": 0.5, "aim": 2.0, "unit": "s", "within_aim": True}
    assert written["aims_missed"] == []


def test_a_missed_aim_anywhere_in_the_result_fails_and_is_named(tmp_path, capsys):
    result = {
        "pages": [{"median_ms": figure(10, 50, "ms")}, {"median_ms": figure(70, 50, "ms")}],
        "queries_constant": holds(False, "the same queries for every organisation"),
    }
    assert finish(result, tmp_path / "cases.json") == 1
    assert missed(result) == [
        "pages[1].median_ms: 70 ms (aim 50)",
        "queries_constant: False (aim the same queries for every organisation)",
    ]
    assert "AIM MISSED cases: pages[1].median_ms" in capsys.readouterr().err
    assert len(json.loads((tmp_path / "cases.json").read_text())["aims_missed"]) == 2
