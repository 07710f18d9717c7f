"""The house (ARCHITECTURE.md): an app imports only from its own floor and the floors below.
Something lower that must react to something higher does it through a registry, a signal or a
parameter (audit.events, meetings.registry, structure.keepers). Tests may reach upward: they build
the data of the floors above to see the rule at work."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOORS = {
    "agreements": 1,
    "workdays": 1,
    "audit": 1,
    "inputs": 1,
    "outbox": 1,
    "structure": 2,
    "accounts": 3,
    "meetings": 3,
    "matters": 3,
    "plans": 4,
    "placements": 4,
    "deviations": 4,
    "disputes": 4,
    "portal": 4,
    "logreview": 4,
    "inbox": 4,
    "followup": 5,
    "samverkan": 6,
}


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & FLOORS.keys()


def test_every_app_of_the_project_has_a_floor():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= FLOORS.keys()


@pytest.mark.parametrize("app", sorted(FLOORS))
def test_an_app_imports_nothing_from_a_floor_above_it(app):
    upward = {
        f"{path.relative_to(ROOT)}: {other} (floor {FLOORS[other]})"
        for path in (ROOT / app).rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
        for other in imported_apps(path)
        if FLOORS[other] > FLOORS[app]
    }
    assert upward == set()
