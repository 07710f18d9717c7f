"""Effect goals in the agreement data: what follows each goal (indicators, survey questions),
the targets a county sets, and validation that refuses what the platform cannot follow.

Each test breaks Västerbotten's agreement (seed 002, 9.1 Effektmål) in one place and checks the
file, line, path and Swedish message reported."""

from pathlib import Path

import pytest

from agreements.presentation import follow_up_lines
from agreements.registry import Catalogue
from agreements.validation import validate_file
from followup.indicators import indicator

DATA = Path(__file__).resolve().parents[2] / "agreements" / "data"
VASTERBOTTEN = DATA / "vasterbotten" / "samverkan-vard-omsorg-v1.yaml"
GOAL = """      - id: samverkanskultur
        goal: God samverkanskultur och stärkta relationer
"""


def variant(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    text = VASTERBOTTEN.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path = tmp_path / VASTERBOTTEN.name
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, fragment
    return text[: text.index(fragment)].count("\n") + 1


def the_error(path: Path):
    result = validate_file(path)
    assert not result.valid
    [error] = result.errors
    return error


def test_vasterbottens_five_effect_goals_are_followed_with_no_target_of_the_seeds():
    agreement = Catalogue().find("vasterbotten", None, None).agreement
    [follow_up] = agreement.follow_up
    assert [goal.id for goal in follow_up.effect_goals] == [
        "tydligare-struktur",
        "kontinuitet",
        "effektivare-organisation",
        "effektivare-moten",
        "samverkanskultur",
    ]
    for goal in follow_up.effect_goals:
        assert goal.indicators or goal.questions
        assert goal.targets == []  # 9.1 sets none
        assert goal.source.section == "9.1 Effektmål" and goal.source.interpretation


def test_an_effect_goal_naming_an_unknown_indicator_is_refused(tmp_path):
    path, text = variant(
        tmp_path, GOAL, GOAL + "        indicators: [meetings_held_as_planned, trivsel_index]\n"
    )
    error = the_error(path)
    assert error.line == line_of(text, "indicators: [meetings_held_as_planned, trivsel_index]")
    assert error.path == "follow_up[0].effect_goals[4].indicators[1]"
    assert error.message == (
        "okänd indikator 'trivsel_index': plattformen beräknar ingen indikator med den "
        "nyckeln (se indikatorernas definitioner)"
    )


def test_a_known_indicator_passes_and_is_named_by_its_title(tmp_path):
    path, _ = variant(tmp_path, GOAL, GOAL + "        indicators: [meetings_held_as_planned]\n")
    result = validate_file(path)
    assert result.valid, [str(p) for p in result.problems]
    lines = follow_up_lines(result.agreement)
    title = indicator("meetings_held_as_planned").title
    assert f"        Indikator: {title}" in lines


def test_a_target_of_a_measure_the_goal_does_not_have_is_refused(tmp_path):
    path, _ = variant(
        tmp_path,
        GOAL,
        GOAL
        + "        targets:\n"
        + "          - {measure: kontinuitet-samma-personer, at_least: 4, source: 9.1 Effektmål}\n",
    )
    error = the_error(path)
    assert error.path == "follow_up[0].effect_goals[4].targets[0].measure"
    assert error.message == (
        "'kontinuitet-samma-personer' är varken en indikator eller en fråga för effektmålet "
        "'samverkanskultur'"
    )


def test_a_target_the_county_sets_is_shown_with_its_source(tmp_path):
    path, _ = variant(
        tmp_path,
        GOAL,
        GOAL
        + "        targets:\n"
        + "          - {measure: kultur-fortroende, at_least: 3.5, by: 2027-12-31,"
        + " source: 9.1 Effektmål}\n",
    )
    result = validate_file(path)
    assert result.valid, [str(p) for p in result.problems]
    lines = follow_up_lines(result.agreement)
    assert any(
        line.startswith("        Mål: kultur-fortroende minst 3,5 (2027-12-31)") for line in lines
    ), lines


@pytest.mark.parametrize(
    "target",
    [
        "{measure: kultur-fortroende, source: 9.1 Effektmål}",
        "{measure: kultur-fortroende, at_least: 3, at_most: 4, source: 9.1 Effektmål}",
    ],
)
def test_a_target_gives_one_bound(tmp_path, target):
    path, _ = variant(tmp_path, GOAL, GOAL + f"        targets: [{target}]\n")
    error = the_error(path)
    assert "at_least eller at_most" in error.message


def test_a_goal_followed_by_nothing_is_refused(tmp_path):
    old = """        questions:
          - id: kultur-fortroende
"""
    path, _ = variant(tmp_path, old, "        questions: []\n        unused:\n")
    assert not validate_file(path).valid
    path, _ = variant(
        tmp_path,
        """      - id: samverkanskultur
        goal: God samverkanskultur och stärkta relationer
        questions:
          - id: kultur-fortroende
            statement: >-
              Jag har förtroende för de andra parterna i samverkan och kan ta upp svåra frågor
              med dem.
""",
        GOAL,
    )
    error = the_error(path)
    assert error.message.endswith("ett effektmål behöver en indikator eller en enkätfråga")


def test_a_question_named_twice_is_refused(tmp_path):
    path, _ = variant(
        tmp_path, "          - id: kultur-fortroende\n", "          - id: moten-effektiva\n"
    )
    errors = validate_file(path).errors
    # Both places are named.
    assert [error.path for error in errors] == [
        "follow_up[0].effect_goals[3].questions[0].id",
        "follow_up[0].effect_goals[4].questions[0].id",
    ]
    assert {error.message for error in errors} == {"id 'moten-effektiva' förekommer 2 gånger"}


def test_an_over_long_statement_is_refused(tmp_path):
    path, _ = variant(
        tmp_path,
        "            statement: Mötena i mitt organ är väl förberedda och leder till beslut eller "
        "åtgärder.\n",
        "            statement: " + "a" * 301 + "\n",
    )
    assert not validate_file(path).valid
