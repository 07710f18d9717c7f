"""Recording and verifying the audit trail."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone

from .models import Action, AuditEvent, ChainHead

GENESIS = "0" * 64


def _digest(previous_hash: str, fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{previous_hash}\n{payload}".encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict:
    fields = {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "changes": event.changes,
        "reason": event.reason,
    }
    # Fields added later are hashed only when set, so that rows written before them still verify.
    for name in ("organisation_name", "individual_id", "emergency"):
        value = getattr(event, name)
        if value:
            fields[name] = value
    return fields


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
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            break
        for event in rows:
            if event.previous_hash != previous:
                return Verification(checked, event.id, "previous_hash")
            if _digest(previous, _hashed_fields(event)) != event.hash:
                return Verification(checked, event.id, "hash")
            previous = event.hash
            checked += 1
        last_id = rows[-1].id
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
