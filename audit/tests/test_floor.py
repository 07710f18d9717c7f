"""`audit` stands on the ground floor: it imports no domain app. The apps above register their
kinds of event with it (audit.events) instead."""

import ast
from pathlib import Path

AUDIT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = {
    "accounts",
    "agreements",
    "structure",
    "plans",
    "logreview",
    "workdays",
    "samverkan",
}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_audit_imports_no_domain_app():
    upward = {
        f"{path.relative_to(AUDIT)}: {module}"
        for path in AUDIT.rglob("*.py")
        if "tests" not in path.relative_to(AUDIT).parts
        for module in imported_modules(path)
        if module.split(".")[0] in DOMAIN_APPS
    }
    assert upward == set()
