"""What changed between two versions of a document, in words.

The comparison walks both documents as data, matches list elements by their identity (a body by
its id, an office by its role, a duty by its text) and says each change as one line, e.g.
"Länsstyrgruppen › möten › per år: 4 → minst 4". Field names are the reader's words
(`labels.field`).

Only what the document says counts. Changes of encoding alone are not reported: the order of
elements the document does not order, the YAML form of a value (`count: 5` or `{exact: 5}`,
quoted or not, folded or literal text), where the encoders cite from (sections, quotes, seed
files) and the version's own number and seed, which the heading of the comparison names. What
the encoding reads into the words (`interpretation`) is reported, since it changes a rule.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from . import labels
from .schema import Agreement, Count, Deadline, MeetingHours, Substitutes, Term

# Where the encoders cite from: noise for a reader comparing what the versions say.
IGNORED = {"mandate_source", "schema_version", "codes_source", "seed", "quote", "section"}
# The document part the heading of a comparison already names.
HEADING = {"version"}
# Lists whose order the document gives (a rotation's cycle, a dispute's steps, numbered points).
ORDERED = {"between", "steps", "required_points"}
COUNT_KEYS = {"exact", "min", "max", "advice"}


def _text(value: str) -> str:
    # Folded and literal YAML text differ in line breaks only.
    return re.sub(r"\s+", " ", value).strip()


def _normal(value: Any, key: str = "") -> Any:
    """The value as the document means it: text without layout, sources reduced to what the
    encoding reads into them."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list):
        return [_normal(v, key) for v in value]
    if isinstance(value, dict):
        normal = {}
        for k, v in value.items():
            if k in IGNORED or (key == "document" and k in HEADING):
                continue
            if k == "source" and isinstance(v, dict):
                if v.get("interpretation"):
                    normal["interpretation"] = _text(v["interpretation"])
                continue
            normal[k] = _normal(v, k)
        return normal
    return value


def _identity(item: dict[str, Any]) -> str | None:
    for key in ("id", "role", "text", "number", "setting", "subject"):
        if key in item and isinstance(item[key], str | int):
            return f"{key}={item[key]}"
    if {"kind", "from", "to"} <= item.keys():
        return f"{item['kind']}:{item['from']}->{item['to']}"
    return None


def _name(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("name", "role", "text", "title", "subject", "resource", "setting"):
            if isinstance(item.get(key), str):
                if key == "role" and _is_count(item.get("count")):
                    return f"{item[key]} ({_scalar(item['count'])})"
                if key == "role" and item[key] in labels.OFFICES:
                    return str(labels.OFFICES[item[key]])
                return item[key]
        if {"kind", "from", "to"} <= item.keys():
            return f"{item['from']} {item['kind']} {item['to']}"
        if _is_count(item):
            return labels.count(Count.model_validate(item))
    return _scalar(item)


def _is_count(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= COUNT_KEYS


def _sentence(value: dict[str, Any], key: str) -> str | None:
    """A part the labels already say as a sentence: a term, substitutes, hours, a deadline; with
    what the encoding reads into it, where it says."""
    reading = value.get("interpretation")
    if reading:
        value = {k: v for k, v in value.items() if k != "interpretation"}
        said = _sentence(value, key)
        return f"{said}; {labels.field('interpretation')}: {reading}" if said else None
    try:
        if key == "term":
            return labels.term(Term.model_validate(value))
        if key == "substitutes":
            return labels.substitutes(Substitutes.model_validate(value))
        if key == "hours":
            return labels.hours(MeetingHours.model_validate(value))
        if key in {"notice", "meeting", "cost_allocation"}:
            return labels.deadline(Deadline.model_validate({**value, "source": "-"}))
    except ValueError:
        return None
    return None


def _scalar(value: Any, key: str = "") -> str:
    if value is None:
        return _("not stated")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(_name(v) for v in value) or _("none")
    if isinstance(value, dict):
        if _is_count(value):
            return labels.count(Count.model_validate(value))
        sentence = _sentence(value, key)
        if sentence:
            return sentence
        return "; ".join(
            f"{labels.field(k)}: {_scalar(v, k)}"
            for k, v in value.items()
            if v not in (None, [], {})
        )
    return str(value)


def _walk(old: Any, new: Any, context: list[str], out: list[str], key: str = "") -> None:
    where = " › ".join(context)
    prefix = f"{where}: " if where else ""
    if old == new:
        return
    if (
        _is_count(old)
        or _is_count(new)
        or not (isinstance(old, dict | list) and type(old) is type(new))
    ):
        if old in (None, [], {}):
            out.append(prefix + _("added %(value)s") % {"value": _scalar(new, key)})
        elif new in (None, [], {}):
            out.append(prefix + _("removed (was %(value)s)") % {"value": _scalar(old, key)})
        else:
            out.append(f"{prefix}{_scalar(old, key)} → {_scalar(new, key)}")
        return
    if isinstance(old, dict):
        for field in [*old.keys(), *(k for k in new if k not in old)]:
            _walk(old.get(field), new.get(field), [*context, labels.field(field)], out, field)
        return
    if key in ORDERED:
        if Counter(map(repr, old)) == Counter(map(repr, new)):
            out.append(
                prefix + _("order: %(old)s → %(new)s") % {"old": _scalar(old), "new": _scalar(new)}
            )
            return
    identities_old = [_identity(i) if isinstance(i, dict) else None for i in old]
    identities_new = [_identity(i) if isinstance(i, dict) else None for i in new]
    # Matched by identity only where it is one: two elements with the same identity (two co-opted
    # groups of one role) would hide each other's changes, and are compared as values instead.
    unique = len(set(identities_old)) == len(old) and len(set(identities_new)) == len(new)
    if all(identities_old) and all(identities_new) and unique:
        before = dict(zip(identities_old, old, strict=True))
        after = dict(zip(identities_new, new, strict=True))
        for identity, item in before.items():
            if identity not in after:
                out.append(prefix + _("removed: %(name)s") % {"name": _name(item)})
            else:
                _walk(item, after[identity], [*context, _name(after[identity])], out)
        for identity, item in after.items():
            if identity not in before:
                out.append(prefix + _("added: %(name)s") % {"name": _name(item)})
        return
    for item in old:
        if item not in new:
            out.append(prefix + _("removed: %(name)s") % {"name": _name(item)})
    for item in new:
        if item not in old:
            out.append(prefix + _("added: %(name)s") % {"name": _name(item)})


def diff(old: Agreement, new: Agreement) -> list[str]:
    """Every difference the document makes from `old` to `new`, one sentence each, in document
    order; none where only the encoding differs."""
    out: list[str] = []
    before = _normal(old.model_dump(mode="json", by_alias=True, exclude_none=True))
    after = _normal(new.model_dump(mode="json", by_alias=True, exclude_none=True))
    _walk(before, after, [], out)
    return out
