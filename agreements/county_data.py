"""A county's yearly data beside its agreements: SCB's population at a 31 December
(population-<year>.yaml) and the county's input for a year's cost statement (costs-<year>.yaml).

The files live in the agreement directories, so that a county keeps them where it keeps its
agreements. Each is checked against the county's structure agreement in force: a figure for
every municipality and for nothing else, a shared function the agreement has, shares that add
up. A problem names the file, the line and the path, as an agreement file's do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import yaml
from django.conf import settings
from django.utils.translation import gettext as _
from pydantic import BaseModel, ValidationError

from .registry import Catalogue
from .schema import Agreement, CostYear, Population
from .validation import (
    Finding,
    PathKey,
    Problem,
    _clean_loc,
    _LineMap,
    _Loader,
    _pydantic_message,
    format_path,
    municipal_key_findings,
    share_findings,
)

Data = TypeVar("Data", bound=BaseModel)

POPULATION = "population"
COSTS = "costs"
_MODELS: dict[str, type[BaseModel]] = {POPULATION: Population, COSTS: CostYear}


@dataclass
class Loaded(Generic[Data]):
    """One county's file of one kind and year: its data when valid, else its problems."""

    path: Path | None
    data: Data | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.path is None


def file_name(kind: str, year: int) -> str:
    return f"{kind}-{year}.yaml"


def _candidates(kind: str, year: int) -> list[Path]:
    found: list[Path] = []
    for directory in settings.AGREEMENT_DIRS:
        found.extend(sorted(Path(directory).rglob(file_name(kind, year))))
    return found


_cache: dict[Path, tuple[str, tuple[BaseModel | None, list[Problem], _LineMap]]] = {}


def _parse(path: Path, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem], _LineMap]:
    """The file's data by the schema, or its problems; validated again only when it changed."""
    lines = _LineMap()
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(str(path), None, "", error.strerror or str(error))], lines
    digest = hashlib.sha256(raw).hexdigest()
    cached = _cache.get(path)
    if cached and cached[0] == digest:
        return cached[1]
    problems: list[Problem] = []
    data = None
    try:
        loader = _Loader(raw.decode("utf-8"))
        try:
            node = loader.get_single_node()
            if node is not None:
                lines.record(node)
                data = loader.construct_document(node)
        finally:
            loader.dispose()
    except (UnicodeDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        problems.append(
            Problem(str(path), None, "", _("invalid YAML: %(reason)s") % {"reason": error})
        )
    parsed = None
    if not problems:
        if not isinstance(data, dict):
            problems.append(Problem(str(path), 1, "", _("the file must be a mapping")))
        else:
            try:
                parsed = model.model_validate(data)
            except ValidationError as error:
                for item in error.errors():
                    loc = _clean_loc(item["loc"])
                    problems.append(
                        Problem(
                            str(path), lines.line(loc), format_path(loc), _pydantic_message(item)
                        )
                    )
    result = (parsed, problems, lines)
    _cache[path] = (digest, result)
    return result


def _population_findings(data: Population, year: int, agreement: Agreement) -> list[Finding]:
    findings: list[Finding] = []
    if data.as_of.year != year:
        findings.append(
            (
                ("as_of",),
                _("the file is for 31 December %(year)s but gives %(as_of)s")
                % {"year": year, "as_of": data.as_of.isoformat()},
                "error",
            )
        )
    municipalities = {party.id for party in agreement.municipalities}
    for index, figure in enumerate(data.figures):
        if figure.party not in municipalities:
            findings.append(
                (
                    ("figures", index, "party"),
                    _("'%(party)s' is not a municipality of the agreement")
                    % {"party": figure.party},
                    "error",
                )
            )
    named = {figure.party for figure in data.figures}
    missing = [party.name for party in agreement.municipalities if party.id not in named]
    if missing:
        findings.append(
            (
                ("figures",),
                _("no population figure for %(municipalities)s")
                % {"municipalities": ", ".join(missing)},
                "error",
            )
        )
    return findings


def _cost_findings(data: CostYear, year: int, agreement: Agreement) -> list[Finding]:
    findings: list[Finding] = []
    if data.year != year:
        findings.append(
            (
                ("year",),
                _("the file is for %(year)s but gives %(given)s")
                % {"year": year, "given": data.year},
                "error",
            )
        )
    for index, cost in enumerate(data.costs):
        path: PathKey = ("costs", index)
        sharing = next((s for s in agreement.cost_sharing if s.id == cost.sharing), None)
        if sharing is None:
            known = ", ".join(s.id for s in agreement.cost_sharing) or _("none")
            findings.append(
                (
                    (*path, "sharing"),
                    _("the agreement has no shared function '%(id)s' (it has: %(known)s)")
                    % {"id": cost.sharing, "known": known},
                    "error",
                )
            )
            continue
        # What the agreement states, the county's yearly file does not restate differently.
        if cost.shares and sharing.shares:
            findings.append(
                (
                    (*path, "shares"),
                    _("the agreement states the shares; they are not set here"),
                    "error",
                )
            )
        if cost.municipal_key and sharing.municipal_key:
            findings.append(
                (
                    (*path, "municipal_key"),
                    _("the agreement states the municipalities' key; it is not set here"),
                    "error",
                )
            )
        findings += share_findings(agreement, cost.shares, (*path, "shares"))
        if cost.municipal_key is not None:
            findings += municipal_key_findings(
                agreement, cost.municipal_key, (*path, "municipal_key")
            )
    return findings


def _check(
    path: Path, kind: str, year: int, agreement: Agreement
) -> tuple[BaseModel | None, list[Problem]]:
    parsed, problems, lines = _parse(path, _MODELS[kind])
    if parsed is None:
        return None, problems
    check = _population_findings if kind == POPULATION else _cost_findings
    found = [
        Problem(str(path), lines.line(loc), format_path(loc), message, severity)
        for loc, message, severity in check(parsed, year, agreement)
    ]
    return (None if found else parsed), found


def load(kind: str, county: str, year: int, catalogue: Catalogue | None = None) -> Loaded:
    """The county's file of this kind for the year, checked against its agreement in force."""
    catalogue = catalogue or Catalogue()
    entry = catalogue.structure_agreement(county)
    for path in _candidates(kind, year):
        parsed, problems, _lines = _parse(path, _MODELS[kind])
        if parsed is None:
            # A file that cannot be read may still be this county's: say so rather than skip.
            if path.parent.name == county:
                return Loaded(path, None, problems)
            continue
        if parsed.county != county:
            continue
        if entry is None:
            return Loaded(
                path,
                None,
                [Problem(str(path), None, "", _("the county has no agreement in force"))],
            )
        data, problems = _check(path, kind, year, entry.agreement)
        return Loaded(path, data, problems)
    return Loaded(None)


def population(county: str, year: int, catalogue: Catalogue | None = None) -> Loaded[Population]:
    return load(POPULATION, county, year, catalogue)


def cost_year(county: str, year: int, catalogue: Catalogue | None = None) -> Loaded[CostYear]:
    return load(COSTS, county, year, catalogue)


@dataclass
class FileResult:
    """A county data file's check, shaped as `agreement validate` reports an agreement file's."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(problem.severity == "error" for problem in self.problems)


def kind_of(path: Path) -> str | None:
    """The kind of county data a file's name says it holds, or None for an agreement file."""
    return next((kind for kind in _MODELS if path.match(f"{kind}-*.yaml")), None)


def data_files() -> list[Path]:
    found: list[Path] = []
    for directory in settings.AGREEMENT_DIRS:
        found.extend(path for path in Path(directory).rglob("*.yaml") if kind_of(path))
    return sorted(found)


def validate_path(path: Path, catalogue: Catalogue | None = None) -> FileResult:
    """One county data file checked by its schema and against its county's agreement."""
    kind = kind_of(path)
    result = FileResult(str(path))
    stem = path.stem.removeprefix(f"{kind}-") if kind else ""
    if kind is None or not (stem.isdigit() and len(stem) == 4):
        result.problems.append(
            Problem(
                str(path),
                None,
                "",
                _("the file name is %(kind)s-<year>.yaml") % {"kind": kind or POPULATION},
            )
        )
        return result
    parsed, found, _lines = _parse(path, _MODELS[kind])
    if parsed is None:
        result.problems += found
        return result
    entry = (catalogue or Catalogue()).structure_agreement(parsed.county)
    if entry is None:
        result.problems.append(
            Problem(
                str(path),
                None,
                "county",
                _("unknown county '%(county)s'") % {"county": parsed.county},
            )
        )
        return result
    result.problems += _check(path, kind, int(stem), entry.agreement)[1]
    return result


def validate_all(catalogue: Catalogue | None = None) -> list[Problem]:
    """Every county data file's problems."""
    catalogue = catalogue or Catalogue()
    return [problem for path in data_files() for problem in validate_path(path, catalogue).problems]
