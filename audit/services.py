"""Recording and verifying the audit trail."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from .models import Action, AuditEvent, ChainHead

GENESIS = "0" * 64


# What json.dumps(sort_keys=True, ensure_ascii=False, default=str) builds anew on every call.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def _digest(previous_hash: str, fields: dict) -> str:
    return _hash(previous_hash, _ENCODER.encode(fields))


def _hash(previous_hash: str, payload: str) -> str:
    return hashlib.sha256(f"{previous_hash}\n{payload}".encode()).hexdigest()


# The columns an event's hash covers, in the order `_fields` takes them.
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
    # Fields added later are hashed only when set, so that rows written before them still verify.
    if organisation_name:
        fields["organisation_name"] = organisation_name
    if individual_id:
        fields["individual_id"] = individual_id
    if emergency:
        fields["emergency"] = emergency
    return fields


def _hashed_fields(event: AuditEvent) -> dict:
    return _fields(*(getattr(event, name) for name in HASHED_COLUMNS))


# A row as `verify` reads it: the time and the changes as text, which load several times faster
# than the datetime and the JSON the ORM would build from them.
STORED_COLUMNS = (
    "id",
    "previous_hash",
    "hash",
    Cast("at", models.TextField()),
    *HASHED_COLUMNS[1:7],
    Cast("changes", models.TextField()),
    *HASHED_COLUMNS[8:],
)
_string = json.encoder.encode_basestring  # how the encoder writes a string (non-ASCII kept)


def _stored_time(text: str) -> str:
    """A stored time read as text, as `at.isoformat()` gave it when the row was recorded (in UTC:
    PostgreSQL writes the text with the offset, SQLite without)."""
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC).isoformat()
    return moment.astimezone(datetime.UTC).isoformat()


def _stored_payload(row: tuple) -> str:
    """`_ENCODER.encode(_fields(...))` for a row as `verify` reads it, written directly: the keys
    in the encoder's sorted order, each value as the encoder writes it. Twice as fast, and
    five million rows must verify within a minute."""
    (_, _, _, at, actor, actor_name, action, object_type, object_id, summary, changes, reason,
     organisation_name, individual_id, emergency) = row  # fmt: skip
    if changes != "{}":
        changes = _ENCODER.encode(json.loads(changes))
    parts = [
        f'{{"action": {_string(action)}, "actor": {"null" if actor is None else int(actor)}, '
        f'"actor_name": {_string(actor_name)}, "at": {_string(_stored_time(at))}, '
        f'"changes": {changes}'
    ]
    if emergency:
        parts.append(', "emergency": true')
    if individual_id:
        parts.append(f', "individual_id": {int(individual_id)}')
    parts.append(f', "object_id": {_string(object_id)}, "object_type": {_string(object_type)}')
    if organisation_name:
        parts.append(f', "organisation_name": {_string(organisation_name)}')
    parts.append(f', "reason": {_string(reason)}, "summary": {_string(summary)}}}')
    return "".join(parts)


def _organisation_name(actor) -> str:
    try:
        return actor.membership.organisation.name
    except (AttributeError, ObjectDoesNotExist):
        return ""


def _clean(text: str) -> str:
    # PostgreSQL stores no NUL character, in text or JSON: keep the rest of what was typed.
    return text.replace("\x00", "\ufffd").replace("\\u0000", "\\ufffd")


def record(
    actor,
    action: Action,
    obj: models.Model,
    summary: str,
    *,
    changes: dict | None = None,
    reason: str = "",
    emergency: bool = False,
) -> AuditEvent:
    """Append one event to the chain; call inside the transaction that makes the change.

    The actor's organisation and the individual whose data the object holds (a model's
    `audit_individual_id`) are kept with the event.
    """
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_name=getattr(actor, "username", "") or "",
            organisation_name=_organisation_name(actor),
            individual_id=getattr(obj, "audit_individual_id", None),
            emergency=emergency,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            summary=_clean(summary)[:300],
            changes=json.loads(_clean(json.dumps(changes or {}, default=str))),
            reason=_clean(reason),
            previous_hash=head.last_hash,
        )
        # Microseconds survive every database the platform runs on, so the hash is stable.
        event.hash = _digest(head.last_hash, _hashed_fields(event))
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def changes_between(before: dict, after: dict) -> dict:
    """Field → [old, new] for the fields that differ."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@dataclass
class Verification:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(batch: int = 10_000) -> Verification:
    """Walk the chain in order; the first row whose link or hash does not hold breaks it."""
    previous = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(
            AuditEvent.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list(*STORED_COLUMNS)[:batch]
        )
        if not rows:
            break
        for row in rows:
            if row[1] != previous:
                return Verification(checked, row[0], "previous_hash")
            if _hash(previous, _stored_payload(row)) != row[2]:
                return Verification(checked, row[0], "hash")
            previous = row[2]
            checked += 1
        last_id = rows[-1][0]
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        # The newest rows were removed: the head remembers a later hash than the chain has.
        return Verification(checked, last_id + 1 if checked else 1, "removed")
    return Verification(checked)


def history_of(obj: models.Model) -> list[AuditEvent]:
    """Who did what to one row, and when, oldest first."""
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("id")
    )
