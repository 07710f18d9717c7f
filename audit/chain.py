"""What an event's link in the chain covers, and how it is computed.

Each event stores the link of the event before it and its own link over its fields and that
one. Since the chain was keyed, the link is an HMAC-SHA256 under `SAMVERKAN_AUDIT_KEY`, a key
kept outside the database: whoever can write to the database but lacks the key cannot rewrite
rows and compute their links anew. The events recorded before that are linked by plain SHA-256
(`legacy_link`) and stay verifiable as they were written; the event that keyed the chain
(`audit.events.CHAIN_KEYED`) marks where one scheme ends and the other begins.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast

GENESIS = "0" * 64


# What json.dumps(sort_keys=True, ensure_ascii=False, default=str) builds anew on every call.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def key() -> bytes:
    return settings.SAMVERKAN_AUDIT_KEY.encode()


@functools.lru_cache(maxsize=4)
def _keyed(secret: bytes):
    return hmac.new(secret, digestmod=hashlib.sha256)


def keyed_link(previous_hash: str, payload: str) -> str:
    # A copy of the keyed state: the key is not prepared anew for each of millions of rows.
    mac = _keyed(key()).copy()
    mac.update(f"{previous_hash}\n{payload}".encode())
    return mac.hexdigest()


def legacy_link(previous_hash: str, payload: str) -> str:
    """The unkeyed link of the events recorded before the chain was keyed."""
    return hashlib.sha256(f"{previous_hash}\n{payload}".encode()).hexdigest()


def _digest(previous_hash: str, fields: dict) -> str:
    return keyed_link(previous_hash, _ENCODER.encode(fields))


# The columns an event's link covers, in the order `_fields` takes them.
HASHED_COLUMNS = (
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
    "reason",
    "organisation_name",
    "individual_id",
    "emergency",
    "code",
    "params",
)


def _fields(
    at,
    actor_id,
    actor_name,
    action,
    object_type,
    object_id,
    summary,
    changes,
    reason,
    organisation_name,
    individual_id,
    emergency,
    code="",
    params=None,
) -> dict:
    fields = {
        "at": at.isoformat(),
        "actor": actor_id,
        "actor_name": actor_name,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary,
        "changes": changes,
        "reason": reason,
    }
    # Fields added later are covered only when set, so that rows written before them still verify.
    if organisation_name:
        fields["organisation_name"] = organisation_name
    if individual_id:
        fields["individual_id"] = individual_id
    if emergency:
        fields["emergency"] = emergency
    if code:
        fields["code"] = code
        fields["params"] = params if params is not None else {}
    return fields


def hashed_fields(event) -> dict:
    return _fields(*(getattr(event, name) for name in HASHED_COLUMNS))


# A row as `verify` reads it: the time and the JSON as text, which load several times faster
# than the datetime and the JSON the ORM would build from them.
STORED_COLUMNS = (
    "id",
    "previous_hash",
    "hash",
    Cast("at", models.TextField()),
    *HASHED_COLUMNS[1:7],
    Cast("changes", models.TextField()),
    *HASHED_COLUMNS[8:13],
    Cast("params", models.TextField()),
)
_string = json.encoder.encode_basestring  # how the encoder writes a string (non-ASCII kept)


def _stored_time(text: str) -> str:
    """A stored time read as text, as `at.isoformat()` gave it when the row was recorded (in UTC:
    PostgreSQL writes the text with the offset, SQLite without)."""
    if text.endswith("+00") and text[10] == " ":
        # PostgreSQL's own text in UTC, rewritten without a datetime for each of millions of
        # rows: it drops the fraction's trailing zeros, and isoformat keeps six digits or none.
        whole, _, fraction = text[:-3].partition(".")
        fraction = f".{fraction:0<6}" if fraction else ""
        return f"{whole[:10]}T{whole[11:]}{fraction}+00:00"
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC).isoformat()
    return moment.astimezone(datetime.UTC).isoformat()


# The same few changes recur over millions of events (a state from one to another).
@functools.lru_cache(maxsize=4096)
def _stored_json(text: str | None) -> str:
    """JSON read as text, as the encoder wrote it; no parameters (NULL) as none."""
    if text is None or text == "{}":
        return "{}"
    return _ENCODER.encode(json.loads(text))


def _stored_payload(row: tuple) -> str:
    """`_ENCODER.encode(_fields(...))` for a row as `verify` reads it, written directly: the keys
    in the encoder's sorted order, each value as the encoder writes it. Twice as fast, and
    five million rows must verify within a minute."""
    (_, _, _, at, actor, actor_name, action, object_type, object_id, summary, changes, reason,
     organisation_name, individual_id, emergency, code, params) = row  # fmt: skip
    parts = [
        f'{{"action": {_string(action)}, "actor": {"null" if actor is None else int(actor)}, '
        f'"actor_name": {_string(actor_name)}, "at": {_string(_stored_time(at))}, '
        f'"changes": {_stored_json(changes)}'
    ]
    if code:
        parts.append(f', "code": {_string(code)}')
    if emergency:
        parts.append(', "emergency": true')
    if individual_id:
        parts.append(f', "individual_id": {int(individual_id)}')
    parts.append(f', "object_id": {_string(object_id)}, "object_type": {_string(object_type)}')
    if organisation_name:
        parts.append(f', "organisation_name": {_string(organisation_name)}')
    if code:
        parts.append(f', "params": {_stored_json(params)}')
    parts.append(f', "reason": {_string(reason)}, "summary": {_string(summary)}}}')
    return "".join(parts)
