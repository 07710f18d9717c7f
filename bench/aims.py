"""What every benchmark shares: each figure written beside its aim, and a run that fails, like a
test, when an aim is missed."""

import json
import sys
from pathlib import Path


def figure(value: float, aim: float, unit: str) -> dict:
    """A measured value beside the aim it must stay under."""
    return {"value": value, "aim": aim, "unit": unit, "within_aim": value < aim}


def holds(value: bool, aim: str) -> dict:
    """A property the run must show, such as a query count that does not grow with the data."""
    return {"value": value, "aim": aim, "within_aim": bool(value)}


def page_queries(captured) -> int:
    """The queries of one request, without the session's last-activity write: it comes at most
    once a minute whatever the page (accounts.middleware), so a count that caught it would say
    nothing about the page."""
    return sum(
        1
        for query in captured.captured_queries
        if not (query["sql"].startswith("UPDATE") and '"django_session"' in query["sql"])
    )


def missed(result, where: str = "") -> list[str]:
    """Every figure in the result that is not within its aim, by its place in the result."""
    if isinstance(result, dict):
        found = []
        if result.get("within_aim") is False:
            unit = f" {result['unit']}" if result.get("unit") else ""
            found.append(
                f"{where or 'result'}: {result.get('value')}{unit} (aim {result.get('aim')})"
            )
        for key, value in result.items():
            found += missed(value, f"{where}.{key}" if where else str(key))
        return found
    if isinstance(result, list):
        return [line for i, item in enumerate(result) for line in missed(item, f"{where}[{i}]")]
    return []


def finish(result: dict, path: Path) -> int:
    """Write the result with the aims it missed; 1 when any was missed."""
    misses = missed(result)
    result["aims_missed"] = misses
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for line in misses:
        print(f"AIM MISSED {path.stem}: {line}", file=sys.stderr)
    return 1 if misses else 0
