"""Reading and checking agreement files, with errors a county administrator can act on.

Every problem names the file, the line, the path inside the file and what is wrong, in the
interface language.
A malformed file never raises: `validate_text` returns the problems instead.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from . import measures
from .schema import (
    ACYCLIC_RELATIONS,
    Agreement,
    Instances,
    MunicipalKey,
    MunicipalKeyKind,
    PartyKind,
    Selector,
    Share,
)

PathKey = tuple[str | int, ...]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        kind = _("error") if self.severity == ERROR else _("warning")
        location = f" [{self.path}]" if self.path else ""
        return f"{where}: {kind}{location}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass
class Result:
    file: str
    agreement: Agreement | None
    problems: list[Problem] = field(default_factory=list)
    checksum: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def valid(self) -> bool:
        return self.agreement is not None and not self.errors


def format_path(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# libyaml's parser when PyYAML was built with it: several times faster on the larger files.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineMap:
    """Maps a path inside the YAML document to the line where it is written."""

    def __init__(self) -> None:
        self.lines: dict[PathKey, int] = {}
        self.duplicates: list[tuple[PathKey, int]] = []

    def record(self, root: yaml.Node) -> None:
        # Iterative, and each node expanded once: an alias that contains itself cannot recurse
        # without end. A path's first recording wins; the stack meets a later duplicate key
        # first, as the constructed data keeps the later value.
        expanded: set[int] = set()
        stack: list[tuple[yaml.Node, PathKey, int]] = [(root, (), root.start_mark.line + 1)]
        while stack:
            node, path, line = stack.pop()
            self.lines.setdefault(path, line)
            if id(node) in expanded:
                continue
            expanded.add(id(node))
            if isinstance(node, yaml.MappingNode):
                seen: set[tuple[str, str]] = set()
                for key_node, value_node in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        continue
                    key = (key_node.tag, key_node.value)
                    child = (*path, key_node.value)
                    if key in seen:
                        self.duplicates.append((child, key_node.start_mark.line + 1))
                    seen.add(key)
                    # A key's line, where its value may start on the next one.
                    stack.append((value_node, child, key_node.start_mark.line + 1))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    stack.append((item, (*path, index), item.start_mark.line + 1))

    def line(self, path: PathKey) -> int | None:
        # Pydantic's locations may carry more than the file has (a missing key): use the nearest
        # ancestor that is written in the file.
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


# Agreement files nest a dozen levels. Nesting far deeper is a broken file, and deep enough
# nesting overflows the stack of libyaml's composer: a crash, not an exception. Newer libyaml
# (PyYAML 6.0.4) stops at its own limit of the same depth: the message is ours either way.
MAX_DEPTH = 1000


def _too_deep(text: str) -> int | None:
    """The line where nesting passes MAX_DEPTH, or None."""
    # A level costs a bracket or a column of indentation or indicator, so a cheap bound clears
    # every real file without parsing it twice.
    longest = max(map(len, text.splitlines()), default=0)
    if text.count("[") + text.count("{") + 2 * longest + 2 <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in (error.problem or "") and error.problem_mark is not None:
            return error.problem_mark.line + 1
        raise
    return None


# What YAML counts as a line break, as its marks do.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_count(text: str) -> int:
    return len(_BREAKS.findall(text)) + 1


def _reader_line(text: str, error: yaml.reader.ReaderError) -> int:
    # libyaml counts the position in bytes of UTF-8, PyYAML's own reader in characters.
    if _Loader is yaml.SafeLoader:
        return _line_count(text[: error.position])
    before = text.encode("utf-8", "surrogatepass")[: error.position]
    return _line_count(before.decode("utf-8", "ignore"))


def _impossible_date(root: yaml.Node) -> yaml.Node | None:
    """A date the YAML grammar accepts but the calendar does not, such as 2020-02-30."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [root]
    expanded: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in expanded:
            continue
        expanded.add(id(node))
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                constructor.construct_yaml_timestamp(node)
            except ValueError:
                return node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


_MESSAGES = {
    "missing": gettext_lazy("is missing but must be given"),
    "extra_forbidden": gettext_lazy("unknown key (a typo?)"),
    "string_type": gettext_lazy("must be a text"),
    "int_type": gettext_lazy("must be a whole number"),
    "int_parsing": gettext_lazy("must be a whole number"),
    "int_from_float": gettext_lazy("must be a whole number"),
    "bool_type": gettext_lazy("must be true or false"),
    "bool_parsing": gettext_lazy("must be true or false"),
    "list_type": gettext_lazy("must be a list"),
    "dict_type": gettext_lazy("must be a mapping (key: value)"),
    "model_type": gettext_lazy("must be a mapping (key: value)"),
    "date_type": gettext_lazy("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": gettext_lazy("must be a date (YYYY-MM-DD)"),
    "date_parsing": gettext_lazy("must be a date (YYYY-MM-DD)"),
    "time_parsing": gettext_lazy("must be a time (HH:MM in quotes)"),
    "time_type": gettext_lazy("must be a time (HH:MM in quotes)"),
    "decimal_parsing": gettext_lazy("must be a number"),
    "decimal_type": gettext_lazy("must be a number"),
    "too_short": gettext_lazy("may not be empty"),
    "literal_error": gettext_lazy("has a value that is not allowed"),
}


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "enum":
        return _("must be one of: %(expected)s") % {"expected": ctx.get("expected", "")}
    # Both accept a shorthand besides the mapping: say so rather than only "a mapping".
    if kind == "model_type" and ctx.get("class_name") == "Count":
        return _("must be a whole number or a mapping with exact, min or max")
    if kind == "model_type" and ctx.get("class_name") == "Source":
        return _("must be a heading (text) or a mapping with section")
    if kind == "literal_error":
        return _("must be %(expected)s") % {"expected": ctx.get("expected", "")}
    if kind == "string_pattern_mismatch":
        return _("has the wrong format (pattern %(pattern)s)") % {"pattern": ctx.get("pattern", "")}
    if kind in {"greater_than_equal", "greater_than"}:
        return _("must be at least %(n)s") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in {"less_than_equal", "less_than"}:
        return _("must be at most %(n)s") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind == "string_too_short":
        return _("may not be empty")
    if kind == "too_short":
        return _("must have at least %(n)s elements") % {"n": ctx.get("min_length", 1)}
    return str(_MESSAGES[kind]) if kind in _MESSAGES else error["msg"]


def _clean_loc(loc: tuple[Any, ...]) -> PathKey:
    # Drop pydantic's internal segments (validator names) so that the path matches the file.
    return tuple(
        part for part in loc if isinstance(part, int) or not str(part).startswith("function-")
    )


def validate_text(text: str, filename: str = "<text>") -> Result:
    checksum = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    result = Result(file=filename, agreement=None, checksum=checksum)
    lines = _LineMap()
    node = None
    try:
        deep = _too_deep(text)
        if deep is not None:
            message = _("the file is nested too deep (more than %(n)s levels)") % {"n": MAX_DEPTH}
            result.problems.append(Problem(filename, deep, "", message))
            return result
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                result.problems.append(Problem(filename, 1, "", _("the file is empty")))
                return result
            lines.record(node)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as error:
        reason = _("character not allowed #x%(code)s") % {"code": f"{error.character:04x}"}
        result.problems.append(
            Problem(
                filename,
                _reader_line(text, error),
                "",
                _("invalid YAML: %(reason)s") % {"reason": reason},
            )
        )
        return result
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # libyaml marks an unexpected end of the file on the line after its last.
        line = min(mark.line + 1, _line_count(text)) if mark else None
        reason = error.problem or error.context or _("unknown error")
        result.problems.append(
            Problem(filename, line, "", _("invalid YAML: %(reason)s") % {"reason": reason})
        )
        return result
    except RecursionError:
        result.problems.append(Problem(filename, None, "", _("the file is nested too deep")))
        return result
    except (yaml.YAMLError, ValueError, TypeError) as error:
        date = _impossible_date(node) if node is not None else None
        if date is not None:
            message = _("invalid YAML: %(value)s is not a date") % {"value": date.value}
            result.problems.append(Problem(filename, date.start_mark.line + 1, "", message))
        else:
            result.problems.append(
                Problem(filename, None, "", _("invalid YAML: %(reason)s") % {"reason": error})
            )
        return result

    for path, line in lines.duplicates:
        result.problems.append(
            Problem(filename, line, format_path(path), _("the key appears twice"))
        )
    if not isinstance(data, dict):
        result.problems.append(
            Problem(
                filename, 1, "", _("the file must be a mapping with county, document, parties …")
            )
        )
        return result

    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            path = _clean_loc(item["loc"])
            result.problems.append(
                Problem(filename, lines.line(path), format_path(path), _pydantic_message(item))
            )
        return result
    except (ValueError, TypeError, RecursionError) as error:
        result.problems.append(
            Problem(filename, None, "", _("invalid content: %(reason)s") % {"reason": error})
        )
        return result

    for path, message, severity in check_references(agreement):
        result.problems.append(
            Problem(filename, lines.line(path), format_path(path), message, severity)
        )
    if not result.errors:
        result.agreement = agreement
    return result


def validate_file(path: Path | str) -> Result:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        reason = _("the file is not UTF-8")
    except FileNotFoundError:
        reason = _("the file does not exist")
    except IsADirectoryError:
        reason = _("is a directory, not a file")
    except PermissionError:
        reason = _("the file may not be read (permissions)")
    except OSError as error:
        reason = error.strerror or str(error)
    else:
        return validate_text(text, str(path))
    return Result(file=str(path), agreement=None, problems=[Problem(str(path), None, "", reason)])


Finding = tuple[PathKey, str, str]


def check_references(agreement: Agreement) -> list[Finding]:
    """The rules that span elements: references, uniqueness, totals and cycles."""
    findings: list[Finding] = []

    def error(path: PathKey, message: str) -> None:
        findings.append((path, message, ERROR))

    def warning(path: PathKey, message: str) -> None:
        findings.append((path, message, WARNING))

    for collection in ("parties", "levels", "areas", "bodies", "cost_sharing"):
        counts = Counter(item.id for item in getattr(agreement, collection))
        for index, item in enumerate(getattr(agreement, collection)):
            if counts[item.id] > 1:
                error(
                    (collection, index, "id"),
                    _("id '%(id)s' appears %(n)s times") % {"id": item.id, "n": counts[item.id]},
                )

    parties = {p.id: p for p in agreement.parties}
    kinds = {p.kind for p in agreement.parties}
    bodies = {b.id: b for b in agreement.bodies}
    levels = {lv.id for lv in agreement.levels}
    municipalities = {p.id for p in agreement.municipalities}

    for index, party in enumerate(agreement.parties):
        if party.kind == PartyKind.MUNICIPALITY and party.scb_code is None:
            error(
                ("parties", index),
                _("the municipality %(name)s lacks scb_code (municipality code)")
                % {"name": party.name},
            )
        if party.scb_code and not party.scb_code.startswith(agreement.county.scb_code):
            error(
                ("parties", index, "scb_code"),
                _("the municipality code %(code)s does not belong to county code %(county)s")
                % {"code": party.scb_code, "county": agreement.county.scb_code},
            )
    for index, party in enumerate(agreement.parties):
        unit_ids = Counter(u.id for u in agreement.units_of(party.id))
        for u_index, unit in enumerate(party.units):
            if unit_ids[unit.id] > 1:
                error(
                    ("parties", index, "units", u_index, "id"),
                    _("the unit '%(unit)s' appears twice in %(party)s")
                    % {"unit": unit.id, "party": party.name},
                )
    codes = Counter(p.scb_code for p in agreement.parties if p.scb_code)
    # The seeds never state SCB's codes: where they come from is a source of its own.
    if codes and agreement.county.codes_source is None:
        warning(
            ("county",), _("the municipality codes have no source: give county.codes_source (SCB)")
        )
    for index, party in enumerate(agreement.parties):
        if party.scb_code and codes[party.scb_code] > 1:
            error(
                ("parties", index, "scb_code"),
                _("the municipality code %(code)s is used twice") % {"code": party.scb_code},
            )

    stated = agreement.county.municipality_count
    if stated is not None and stated != len(municipalities):
        error(
            ("county", "municipality_count"),
            _(
                "the document states %(stated)s municipalities but the file has %(n)s among the "
                "parties"
            )
            % {"stated": stated, "n": len(municipalities)},
        )

    seen_in: dict[str, str] = {}
    for index, area in enumerate(agreement.areas):
        for m_index, member in enumerate(area.municipalities):
            path = ("areas", index, "municipalities", m_index)
            if member not in parties:
                error(
                    path,
                    _("unknown municipality '%(m)s' in the area %(area)s")
                    % {"m": member, "area": area.name},
                )
            elif member not in municipalities:
                error(
                    path,
                    _("'%(m)s' is no municipality but is in the area %(area)s")
                    % {"m": member, "area": area.name},
                )
            elif member in seen_in:
                error(
                    path,
                    _("the municipality '%(m)s' is both in %(first)s and in %(second)s")
                    % {"m": member, "first": seen_in[member], "second": area.name},
                )
            else:
                seen_in[member] = area.name
    if agreement.areas:
        for member in sorted(municipalities - set(seen_in)):
            warning(("areas",), _("the municipality '%(m)s' belongs to no area") % {"m": member})

    def check_selector(path: PathKey, selector: Selector, body_id: str | None) -> None:
        if selector.party and selector.party not in parties:
            error((*path, "party"), _("unknown party '%(party)s'") % {"party": selector.party})
        if selector.party_kind and selector.party_kind not in kinds:
            error(
                (*path, "party_kind"),
                _("the agreement has no party of the kind '%(kind)s'")
                % {"kind": selector.party_kind.value},
            )
        if selector.body and selector.body not in bodies:
            error((*path, "body"), _("unknown body '%(body)s'") % {"body": selector.body})
        # A seat in an unknown body is already reported as the body.
        if selector.seat and (selector.body is None or selector.body in bodies):
            owner = bodies.get(selector.body or body_id or "")
            if owner is None or selector.seat not in {s.id for s in owner.seats}:
                error((*path, "seat"), _("unknown seat '%(seat)s'") % {"seat": selector.seat})

    for b_index, body in enumerate(agreement.bodies):
        base: PathKey = ("bodies", b_index)
        if body.level not in levels:
            error((*base, "level"), _("unknown level '%(level)s'") % {"level": body.level})
        if body.instances == Instances.PER_AREA and not agreement.areas:
            error(
                (*base, "instances"), _("the body exists per area but the agreement has no areas")
            )
        if body.instances == Instances.NAMED and not body.named_instances:
            error((*base, "named_instances"), _("give the names of the body's groups"))
        seat_ids = Counter(seat.id for seat in body.seats)
        lower_total = 0
        for s_index, seat in enumerate(body.seats):
            path = (*base, "seats", s_index)
            if seat_ids[seat.id] > 1:
                error(
                    (*path, "id"),
                    _("the seat '%(seat)s' appears twice in %(body)s")
                    % {"seat": seat.id, "body": body.name},
                )
            if seat.party and seat.party not in parties:
                error((*path, "party"), _("unknown party '%(party)s'") % {"party": seat.party})
            if seat.party_kind and seat.party_kind not in kinds:
                error(
                    (*path, "party_kind"),
                    _("the agreement has no party of the kind '%(kind)s'")
                    % {"kind": seat.party_kind.value},
                )
            if (
                seat.unit
                and (not seat.party or seat.party in parties)
                and seat.unit
                not in {
                    unit.id
                    for party in agreement.parties
                    if agreement.party_fits(party.id, seat.party, seat.party_kind)
                    for unit in agreement.units_of(party.id)
                }
            ):
                error(
                    (*path, "unit"),
                    _("none of the seat's parties has the unit '%(unit)s'") % {"unit": seat.unit},
                )
            if seat.per == "municipality" and seat.party_kind not in (None, PartyKind.MUNICIPALITY):
                error((*path, "per"), _("seats per municipality can only be for municipalities"))
            for e_index, exception in enumerate(seat.exceptions):
                if exception.party not in parties:
                    error(
                        (*path, "exceptions", e_index, "party"),
                        _("unknown party '%(party)s'") % {"party": exception.party},
                    )
            if seat.per == "body":
                lower_total += seat.count.lower
            elif seat.per == "municipality" and body.instances == Instances.SINGLE:
                lower_total += seat.count.lower * len(municipalities)
        if body.size is not None and body.size.max is not None and lower_total > body.size.max:
            error(
                (*base, "size"),
                _("the seats ask for at least %(n)s members but the body has at most %(max)s")
                % {"n": lower_total, "max": body.size.max},
            )
        if body.size is not None and body.size.exact is not None and lower_total > body.size.exact:
            error(
                (*base, "size"),
                _("the seats ask for at least %(n)s members but the body has %(exact)s")
                % {"n": lower_total, "exact": body.size.exact},
            )
        roles = Counter(office.role for office in body.offices)
        for o_index, office in enumerate(body.offices):
            path = (*base, "offices", o_index)
            if roles[office.role] > 1:
                error(
                    (*path, "role"),
                    _("the office '%(office)s' appears twice") % {"office": office.role.value},
                )
            rotation = office.rotation
            if rotation is None:
                continue
            for r_index, step in enumerate(rotation.between):
                check_selector((*path, "rotation", "between", r_index), step, body.id)
            if rotation.holder:
                check_selector((*path, "rotation", "holder"), rotation.holder, body.id)
            if rotation.of and rotation.of not in roles:
                error(
                    (*path, "rotation", "of"),
                    _("the body has no office '%(office)s'") % {"office": rotation.of.value},
                )
        revision = body.revised_every
        if revision and revision.revised_by and revision.revised_by not in bodies:
            error(
                (*base, "revised_every", "revised_by"),
                _("unknown body '%(body)s'") % {"body": revision.revised_by},
            )
        for c_index, co_opted in enumerate(body.co_opted):
            if co_opted.from_body and co_opted.from_body not in bodies:
                error(
                    (*base, "co_opted", c_index, "from_body"),
                    _("unknown body '%(body)s'") % {"body": co_opted.from_body},
                )
        if body.meetings:
            for t_index, theme in enumerate(body.meetings.theme_days):
                if theme.with_body not in bodies:
                    error(
                        (*base, "meetings", "theme_days", t_index, "with_body"),
                        _("unknown body '%(body)s'") % {"body": theme.with_body},
                    )
            preparation = body.meetings.prepared_by
            if preparation and preparation.body not in bodies:
                error(
                    (*base, "meetings", "prepared_by", "body"),
                    _("unknown body '%(body)s'") % {"body": preparation.body},
                )
            programme_by = body.meetings.programme_by
            if programme_by and programme_by not in bodies:
                error(
                    (*base, "meetings", "programme_by"),
                    _("unknown body '%(body)s'") % {"body": programme_by},
                )
            seen_events: set[str] = set()
            for e_index, event in enumerate(body.meetings.events):
                if event.id in seen_events:
                    error(
                        (*base, "meetings", "events", e_index, "id"),
                        _("the meeting '%(id)s' appears twice in %(body)s")
                        % {"id": event.id, "body": body.id},
                    )
                seen_events.add(event.id)

    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    written: set[tuple[str, str, str]] = set()
    for r_index, relation in enumerate(agreement.relations):
        path = ("relations", r_index)
        # The database holds a relation once: a repeated one would make loading fail.
        triple = (relation.kind.value, relation.source_body, relation.target_body)
        if triple in written:
            error(
                path,
                _("the relation '%(kind)s' from %(source)s to %(target)s appears twice")
                % {"kind": triple[0], "source": triple[1], "target": triple[2]},
            )
        written.add(triple)
        known = True
        for key, value in (("from", relation.source_body), ("to", relation.target_body)):
            if value not in bodies:
                error((*path, key), _("unknown body '%(body)s'") % {"body": value})
                known = False
        if known and relation.source_body == relation.target_body:
            error(
                path,
                _("the body '%(body)s' cannot have a relation to itself")
                % {"body": relation.source_body},
            )
        elif known and relation.kind in ACYCLIC_RELATIONS:
            graph[relation.kind][relation.source_body].append(relation.target_body)
    for kind, edges in graph.items():
        cycle = _find_cycle(edges)
        if cycle:
            index = next(
                i
                for i, r in enumerate(agreement.relations)
                if r.kind == kind and r.source_body == cycle[-2] and r.target_body == cycle[-1]
            )
            error(
                ("relations", index),
                _("the relation '%(kind)s' forms a cycle: %(cycle)s")
                % {"kind": kind.value, "cycle": " → ".join(cycle)},
            )

    flow = agreement.matter_flow
    if flow:
        if flow.routines_decided_by and flow.routines_decided_by not in bodies:
            error(
                ("matter_flow", "routines_decided_by"),
                _("unknown body '%(body)s'") % {"body": flow.routines_decided_by},
            )
        for d_index, dispute in enumerate(flow.dispute_paths):
            for s_index, step in enumerate(dispute.steps):
                if step not in bodies and step not in levels:
                    error(
                        ("matter_flow", "dispute_paths", d_index, "steps", s_index),
                        _("'%(step)s' is neither a body nor a level") % {"step": step},
                    )

    actors = agreement.individual.actors if agreement.individual else []
    actor_ids = Counter(actor.id for actor in actors)
    for a_index, actor in enumerate(actors):
        path = ("individual", "actors", a_index)
        if actor_ids[actor.id] > 1:
            error(
                (*path, "id"),
                _("id '%(id)s' appears %(n)s times") % {"id": actor.id, "n": actor_ids[actor.id]},
            )
        if actor.unit and actor.unit not in {
            unit.id
            for party in agreement.parties
            if agreement.party_fits(party.id, party_kind=actor.party_kind)
            for unit in agreement.units_of(party.id)
        }:
            error((*path, "unit"), _("no party has the unit '%(unit)s'") % {"unit": actor.unit})

    for c_index, cost in enumerate(agreement.cost_sharing):
        path = ("cost_sharing", c_index)
        if cost.hosted_by and cost.hosted_by not in parties:
            error((*path, "hosted_by"), _("unknown party '%(party)s'") % {"party": cost.hosted_by})
        findings += share_findings(agreement, cost.shares, (*path, "shares"))
        if cost.municipal_key is not None:
            findings += municipal_key_findings(
                agreement, cost.municipal_key, (*path, "municipal_key")
            )
        amounts = [item.amount_msek for item in cost.items if item.amount_msek is not None]
        if cost.total_msek is not None and amounts:
            total = sum(amounts, Decimal(0))
            if total != cost.total_msek:
                error(
                    (*path, "total_msek"),
                    _("the items add up to %(total)s MSEK but the total is given as %(given)s MSEK")
                    % {"total": total, "given": cost.total_msek},
                )

    for f_index, follow_up in enumerate(agreement.follow_up):
        for key in ("initiated_by", "decided_by", "reported_at"):
            value = getattr(follow_up, key)
            if value and value not in bodies:
                error(("follow_up", f_index, key), _("unknown body '%(body)s'") % {"body": value})
    findings += _effect_goal_findings(agreement)
    if agreement.validity and agreement.validity.termination:
        target = agreement.validity.termination.in_writing_to
        if target and target not in bodies:
            error(
                ("validity", "termination", "in_writing_to"),
                _("unknown body '%(body)s'") % {"body": target},
            )
    for path, value, limit in _stored_values(agreement):
        if isinstance(value, str) and len(value) > limit:
            error(
                path,
                _("is too long (%(n)s characters, at most %(limit)s)")
                % {"n": len(value), "limit": limit},
            )
        elif isinstance(value, int) and value > limit:
            error(path, _("is too large (at most %(limit)s)") % {"limit": limit})
    return findings


def share_findings(agreement: Agreement, shares: list[Share], path: PathKey) -> list[Finding]:
    """Shares of a cost name parties or kinds of party the agreement has and add up to 100."""
    findings: list[Finding] = []
    parties = {party.id for party in agreement.parties}
    kinds = {party.kind for party in agreement.parties}
    for index, share in enumerate(shares):
        if share.party and share.party not in parties:
            message = _("unknown party '%(party)s'") % {"party": share.party}
            findings.append(((*path, index, "party"), message, ERROR))
        if share.party_kind and share.party_kind not in kinds:
            message = _("no party of the kind '%(kind)s'") % {"kind": share.party_kind.value}
            findings.append(((*path, index, "party_kind"), message, ERROR))
    total = sum((share.percent for share in shares), Decimal(0))
    if shares and total != 100:
        message = _("the shares add up to %(total)s %%, not 100 %%") % {"total": total}
        findings.append((path, message, ERROR))
    return findings


def municipal_key_findings(agreement: Agreement, key: MunicipalKey, path: PathKey) -> list[Finding]:
    """A county's own key names each of the agreement's municipalities once, and nothing else."""
    if key.kind != MunicipalKeyKind.OWN:
        return []
    findings: list[Finding] = []
    municipalities = {party.id for party in agreement.municipalities}
    for index, share in enumerate(key.shares):
        if share.party not in municipalities:
            findings.append(
                (
                    (*path, "shares", index, "party"),
                    _("'%(party)s' is not a municipality of the agreement")
                    % {"party": share.party},
                    ERROR,
                )
            )
    named = {share.party for share in key.shares}
    missing = [party.name for party in agreement.municipalities if party.id not in named]
    if missing:
        findings.append(
            (
                (*path, "shares"),
                _("no share for %(municipalities)s") % {"municipalities": ", ".join(missing)},
                ERROR,
            )
        )
    return findings


def _effect_goal_findings(agreement: Agreement) -> list[Finding]:
    """Effect goals and questions are named once in a document; each indicator is one the
    platform computes; each target is of a measure of its own goal."""
    findings: list[Finding] = []
    known = measures.indicator_titles()
    goal_ids = Counter(g.id for f in agreement.follow_up for g in f.effect_goals)
    question_ids = Counter(
        q.id for f in agreement.follow_up for g in f.effect_goals for q in g.questions
    )
    for f_index, follow_up in enumerate(agreement.follow_up):
        for g_index, goal in enumerate(follow_up.effect_goals):
            path = ("follow_up", f_index, "effect_goals", g_index)
            if goal_ids[goal.id] > 1:
                findings.append(
                    (
                        (*path, "id"),
                        _("id '%(id)s' appears %(n)s times")
                        % {"id": goal.id, "n": goal_ids[goal.id]},
                        ERROR,
                    )
                )
            for i_index, key in enumerate(goal.indicators):
                if known is not None and key not in known:
                    findings.append(
                        (
                            (*path, "indicators", i_index),
                            _(
                                "unknown indicator '%(key)s': the platform computes no indicator "
                                "of that key (see the indicators' definitions)"
                            )
                            % {"key": key},
                            ERROR,
                        )
                    )
            for q_index, question in enumerate(goal.questions):
                if question_ids[question.id] > 1:
                    findings.append(
                        (
                            (*path, "questions", q_index, "id"),
                            _("id '%(id)s' appears %(n)s times")
                            % {"id": question.id, "n": question_ids[question.id]},
                            ERROR,
                        )
                    )
            for t_index, target in enumerate(goal.targets):
                if target.measure not in goal.measures:
                    findings.append(
                        (
                            (*path, "targets", t_index, "measure"),
                            _(
                                "'%(measure)s' is neither an indicator nor a question of the "
                                "effect goal '%(goal)s'"
                            )
                            % {"measure": target.measure, "goal": goal.id},
                            ERROR,
                        )
                    )
    return findings


# The widths of the columns agreements.models keeps these in: a longer value loads on SQLite but
# fails on PostgreSQL, so validation says so first.
_INTEGER_MAX = 2**31 - 1


def _stored_values(agreement: Agreement) -> Iterator[tuple[PathKey, str | int, int]]:
    yield ("county", "slug"), agreement.county.slug, 50
    yield ("county", "name"), agreement.county.name, 100
    yield ("document", "seed"), agreement.document.seed, 200
    yield ("document", "version"), agreement.document.version, _INTEGER_MAX
    for index, party in enumerate(agreement.parties):
        yield ("parties", index, "name"), party.name, 200
    for index, level in enumerate(agreement.levels):
        yield ("levels", index, "name"), level.name, 200
        yield ("levels", index, "rank"), level.rank, _INTEGER_MAX
    for index, area in enumerate(agreement.areas):
        yield ("areas", index, "name"), area.name, 200
        yield ("areas", index, "source"), area.source.section, 200
    for b_index, body in enumerate(agreement.bodies):
        yield ("bodies", b_index, "name"), body.name, 200
        yield ("bodies", b_index, "source"), body.source.section, 200
        for s_index, seat in enumerate(body.seats):
            path = ("bodies", b_index, "seats", s_index)
            yield (*path, "role"), seat.role, 300
            yield (*path, "source"), seat.source.section, 200
            for number in (seat.count.exact, seat.count.min, seat.count.max):
                if number is not None:
                    yield (*path, "count"), number, _INTEGER_MAX
        for o_index, office in enumerate(body.offices):
            yield ("bodies", b_index, "offices", o_index, "source"), office.source.section, 200
    for index, relation in enumerate(agreement.relations):
        yield ("relations", index, "source"), relation.source.section, 200


def _find_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """A cycle in a directed graph as a list of nodes (first == last), or None."""
    white, grey, black = 0, 1, 2
    colour: dict[str, int] = defaultdict(int)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for target in edges.get(node, ()):
            if colour[target] == grey:
                return stack[stack.index(target) :] + [target]
            if colour[target] == white:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        colour[node] = black
        return None

    for start in sorted(edges):
        if colour[start] == white:
            found = visit(start)
            if found:
                return found
    return None
