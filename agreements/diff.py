"""What changed between two versions of a document, in words.

The comparison walks both documents as data, matches list elements by their identity (a body by
its id, an office by its role, a duty by its text) and says each change as one line, e.g.
"Länsstyrgruppen › möten › per år: 4 → minst 4".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import labels
from .schema import Agreement, Count

FIELD_LABELS = {
    "county": gettext_lazy("county"),
    "document": gettext_lazy("document"),
    "title": gettext_lazy("title"),
    "label": gettext_lazy("label"),
    "seed": gettext_lazy("seed"),
    "version": gettext_lazy("version"),
    "purpose": gettext_lazy("purpose"),
    "goals": gettext_lazy("goals"),
    "focus_areas": gettext_lazy("focus areas"),
    "principles": gettext_lazy("principles"),
    "parties": gettext_lazy("parties"),
    "levels": gettext_lazy("levels"),
    "areas": gettext_lazy("areas"),
    "municipalities": gettext_lazy("municipalities"),
    "bodies": gettext_lazy("bodies"),
    "name": gettext_lazy("name"),
    "description": gettext_lazy("description"),
    "mandate": gettext_lazy("mandate"),
    "seats": gettext_lazy("seats"),
    "role": gettext_lazy("role"),
    "count": gettext_lazy("number"),
    "per": gettext_lazy("counted per"),
    "constraints": gettext_lazy("constraints"),
    "substitutes": gettext_lazy("substitutes"),
    "from_roles": gettext_lazy("from"),
    "same_area": gettext_lazy("from the same area"),
    "co_opted": gettext_lazy("co-opted"),
    "offices": gettext_lazy("offices"),
    "rotation": gettext_lazy("rotation"),
    "term": gettext_lazy("term"),
    "meetings": gettext_lazy("meetings"),
    "per_year": gettext_lazy("per year"),
    "hours": gettext_lazy("hours"),
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "morning_agenda": gettext_lazy("in the morning"),
    "extra_on_request": gettext_lazy("extra meetings"),
    "theme_days": gettext_lazy("theme days"),
    "prepared_by": gettext_lazy("prepared by"),
    "lead_days": gettext_lazy("lead time in days"),
    "relations": gettext_lazy("relations"),
    "matter_flow": gettext_lazy("matter flow"),
    "individual": gettext_lazy("individual level"),
    "cost_sharing": gettext_lazy("cost sharing"),
    "follow_up": gettext_lazy("follow-up"),
    "validity": gettext_lazy("validity"),
    "note": gettext_lazy("note"),
    "size": gettext_lazy("size"),
    "municipality_count": gettext_lazy("number of municipalities"),
    "required": gettext_lazy("required"),
    "when": gettext_lazy("when"),
    "exceptions": gettext_lazy("exceptions"),
    "ex_officio": gettext_lazy("by virtue of"),
    "kind": gettext_lazy("kind"),
    "instances": gettext_lazy("instances"),
    "party": gettext_lazy("party"),
    "party_kind": gettext_lazy("kind of party"),
    "sector": gettext_lazy("sector"),
    "between": gettext_lazy("between"),
    "holder": gettext_lazy("holder"),
    "years": gettext_lazy("years"),
    "calendar_year": gettext_lazy("calendar year"),
    "extension": gettext_lazy("extension"),
    "valid_from": gettext_lazy("valid from"),
    "termination": gettext_lazy("termination"),
    "notice_months": gettext_lazy("months of notice"),
    "level": gettext_lazy("level"),
    "units": gettext_lazy("units"),
    "unit": gettext_lazy("unit"),
    "municipal_units": gettext_lazy("units in every municipality"),
}

# Where an element changed its wording but not its meaning, the source heading is noise.
IGNORED = {"source", "mandate_source", "schema_version"}


def _label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ")))


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
                return item[key]
        if {"kind", "from", "to"} <= item.keys():
            return f"{item['from']} {item['kind']} {item['to']}"
        if _is_count(item):
            return labels.count(Count.model_validate(item))
    return _scalar(item)


def _is_count(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= {"exact", "min", "max"}


def _scalar(value: Any) -> str:
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
        return "; ".join(
            f"{_label(k)}: {_scalar(v)}"
            for k, v in value.items()
            if v not in (None, [], {}) and k not in IGNORED
        )
    return str(value)


def _walk(old: Any, new: Any, context: list[str], out: list[str]) -> None:
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
            out.append(prefix + _("added %(value)s") % {"value": _scalar(new)})
        elif new in (None, [], {}):
            out.append(prefix + _("removed (was %(value)s)") % {"value": _scalar(old)})
        else:
            out.append(f"{prefix}{_scalar(old)} → {_scalar(new)}")
        return
    if isinstance(old, dict):
        for key in [*old.keys(), *(k for k in new if k not in old)]:
            if key in IGNORED:
                continue
            _walk(old.get(key), new.get(key), [*context, _label(key)], out)
        return
    identities_old = [_identity(i) if isinstance(i, dict) else None for i in old]
    identities_new = [_identity(i) if isinstance(i, dict) else None for i in new]
    # Matched by identity only where it is one: two elements with the same identity (two co-opted
    # groups of one role) would hide each other's changes, and are compared as values instead.
    unique = len(set(identities_old)) == len(old) and len(set(identities_new)) == len(new)
    if all(identities_old) and all(identities_new) and unique:
        before = dict(zip(identities_old, old, strict=True))
        after = dict(zip(identities_new, new, strict=True))
        for key, item in before.items():
            if key not in after:
                out.append(prefix + _("removed: %(name)s") % {"name": _name(item)})
            else:
                _walk(item, after[key], [*context, _name(after[key])], out)
        for key, item in after.items():
            if key not in before:
                out.append(prefix + _("added: %(name)s") % {"name": _name(item)})
        return
    for item in old:
        if item not in new:
            out.append(prefix + _("removed: %(name)s") % {"name": _name(item)})
    for item in new:
        if item not in old:
            out.append(prefix + _("added: %(name)s") % {"name": _name(item)})


def diff(old: Agreement, new: Agreement) -> list[str]:
    """Every difference from `old` to `new`, one sentence each, in document order."""
    out: list[str] = []
    before = old.model_dump(mode="json", by_alias=True, exclude_none=True)
    after = new.model_dump(mode="json", by_alias=True, exclude_none=True)
    _walk(before, after, [], out)
    return out
