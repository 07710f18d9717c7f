"""Recording and verifying the audit trail."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.utils import timezone

from . import anchor, parallel
from .chain import (
    GENESIS,
    STORED_COLUMNS,
    _digest,
    _stored_payload,
    hashed_fields,
    key,
    keyed_link,
    legacy_link,
)
from .events import CHAIN_KEYED, RETENTION_REMOVED, EventKind
from .models import AuditEvent, ChainCheckpoint, ChainHead


@dataclass(frozen=True)
class Target:
    """An object named by its type and id, for an event about a row that is gone or was never
    made (an identity number no individual has)."""

    object_type: str
    object_id: str
    audit_individual_id: int | None = None


def _organisation_name(actor) -> str:
    try:
        return actor.membership.organisation.name
    except (AttributeError, ObjectDoesNotExist):
        return ""


def _clean(text: str) -> str:
    # PostgreSQL stores no NUL character, in text or JSON: keep the rest of what was typed.
    return text.replace("\x00", "\ufffd").replace("\\u0000", "\\ufffd")


def _object(obj) -> tuple[str, str]:
    if isinstance(obj, Target):
        return obj.object_type, obj.object_id
    return obj._meta.label_lower, str(obj.pk)


def _json(value) -> dict:
    return json.loads(_clean(json.dumps(value or {}, default=str)))


def record(
    actor,
    kind: EventKind,
    obj: models.Model | Target,
    params: dict | None = None,
    *,
    changes: dict | None = None,
    reason: str = "",
    emergency: bool = False,
) -> AuditEvent:
    """Append one event of the kind to the chain; call inside the transaction that makes the
    change. `params` fill the kind's message when the event is shown.

    The actor's organisation and the individual whose data the object holds (a model's
    `audit_individual_id`) are kept with the event. Once the transaction commits, the event is
    anchored outside the database.
    """
    if not isinstance(kind, EventKind):
        raise TypeError("record() takes an EventKind, declared in the recording app's events.py")
    object_type, object_id = _object(obj)
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_name=getattr(actor, "username", "") or "",
            organisation_name=_organisation_name(actor),
            individual_id=getattr(obj, "audit_individual_id", None),
            emergency=emergency,
            action=kind.action,
            object_type=object_type,
            object_id=object_id,
            code=kind.code,
            params=_json(params),
            changes=_json(changes),
            reason=_clean(reason),
            previous_hash=head.last_hash,
        )
        # Microseconds survive every database the platform runs on, so the link is stable.
        event.hash = _digest(head.last_hash, hashed_fields(event))
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
        # After the commit, so that the anchor never names an event that was rolled back; a
        # full disk or a missing directory is logged and does not undo the user's work.
        transaction.on_commit(anchoring(event), robust=True)
    return event


def anchoring(event: AuditEvent):
    """What anchors the event once its transaction commits (a function with a name of its own,
    which Django's log of a failed on-commit call needs)."""

    def anchor_event() -> None:
        anchor.advance(event.id, event.hash)

    return anchor_event


def changes_between(before: dict, after: dict) -> dict:
    """Field → [old, new] for the fields that differ."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def history_of(obj: models.Model) -> list[AuditEvent]:
    """Who did what to one row, and when, oldest first."""
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("id")
    )


def checkpoint_mac(event_id: int, link: str, removed: int, at: datetime.datetime) -> str:
    # In UTC, as the databases give the time back.
    moment = at.astimezone(datetime.UTC).isoformat()
    message = f"checkpoint\n{event_id}\n{link}\n{removed}\n{moment}".encode()
    return hmac.new(key(), message, hashlib.sha256).hexdigest()


def remove_before(moment: datetime.datetime, *, dry_run: bool = False) -> int:
    """Remove the events recorded before `moment`, the oldest part of the chain, behind a signed
    checkpoint of the last one removed, and record the removal as an event of its own (counts
    and dates only). Returns how many events are (or, in a dry run, would be) removed."""
    with transaction.atomic():
        # The head locked: no event is appended while the chain's start moves.
        ChainHead.objects.select_for_update().get_or_create(pk=1)
        # Events are appended in time order under the head's lock: the expired ones are a prefix.
        kept_from = (
            AuditEvent.objects.filter(at__gte=moment).order_by("id").values_list("id", flat=True)
        ).first()
        expired = AuditEvent.objects.all()
        if kept_from is not None:
            expired = expired.filter(id__lt=kept_from)
        last = expired.order_by("-id").values_list("id", "hash").first()
        if last is None:
            return 0
        count = expired.count()
        if dry_run:
            return count
        at = timezone.now()
        checkpoint = ChainCheckpoint.objects.create(
            at=at,
            event_id=last[0],
            link=last[1],
            removed=count,
            mac=checkpoint_mac(last[0], last[1], count, at),
        )
        # A queryset's delete: the model's own delete refuses, as it should everywhere else.
        expired.delete()
        record(
            None,
            RETENTION_REMOVED,
            checkpoint,
            {"count": count, "before": moment.date().isoformat(), "event": last[0]},
        )
    return count


def _checkpoint(result: Verification) -> ChainCheckpoint | None:
    """The latest checkpoint, where the chain now starts; a finding if it is not signed."""
    found = ChainCheckpoint.objects.order_by("-event_id").first()
    if found is not None:
        expected = checkpoint_mac(found.event_id, found.link, found.removed, found.at)
        if not hmac.compare_digest(found.mac, expected):
            result.add(CHECKPOINT_UNSIGNED, found.event_id)
        result.checkpoint = found.event_id
    return found


# What `verify` can find, each named so that the operator knows what happened.
ALTERED = "altered"  # an event's content changed, its link left as it was
REWRITTEN = "rewritten"  # content changed and the link computed anew, without the key
REMOVED = "removed"  # events missing before this one: its link names an event not there
LEGACY_CHANGED = "legacy_changed"  # the unkeyed events before the keying are not those keyed
TRUNCATED = "truncated"  # the newest events removed: the anchor or the head names a later one
ANCHOR_DIFFERS = "anchor_differs"  # the anchored event has another link than when anchored
ANCHOR_MISSING = "anchor_missing"
ANCHOR_UNREADABLE = "anchor_unreadable"
ANCHOR_UNSIGNED = "anchor_unsigned"  # the anchor's signature fails under the key
WRONG_KEY = "wrong_key"  # every keyed link fails, the anchor's too: not the chain's key
# The checkpoint the chain starts from fails its signature: events removed without the key.
CHECKPOINT_UNSIGNED = "checkpoint_unsigned"


@dataclass(frozen=True)
class Finding:
    kind: str
    first: int | None = None  # the events concerned, by id
    last: int | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class Verification:
    checked: int = 0
    legacy: int = 0  # of them, recorded before the chain was keyed
    last_id: int | None = None
    anchored: int | None = None
    checkpoint: int | None = None  # the chain starts after this event, removed by retention
    findings: list[Finding] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.findings

    @property
    def broken_at(self) -> int | None:
        return self.findings[0].first if self.findings else None

    @property
    def kinds(self) -> list[str]:
        return [finding.kind for finding in self.findings]

    def add(self, kind: str, event_id: int | None, after: int | None = None, **detail) -> None:
        """A finding. An event of the same kind right after the last finding's (`after` is the
        event before it in the chain) widens that finding instead."""
        last = self.findings[-1] if self.findings else None
        if last and last.kind == kind and after is not None and last.last == after:
            self.findings[-1] = Finding(kind, last.first, event_id, last.detail)
        else:
            self.findings.append(Finding(kind, event_id, event_id, detail))


def _keyed_from() -> int | None:
    """The event that keyed the chain; None for a chain keyed from its first event."""
    return (
        AuditEvent.objects.filter(code=CHAIN_KEYED.code)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )


@dataclass
class _Walked:
    """What one segment of the chain gave: its counts, its findings in the chain's order (kind,
    first and last event, the event before the first, detail), and the state the next segment
    continues from."""

    checked: int = 0
    legacy: int = 0
    keyed_checked: int = 0
    keyed_failed: int = 0
    adds: list[tuple] = field(default_factory=list)
    anchored_link: str | None = None
    end: tuple | None = None  # (link, computed link, id) of its last event


def _link(row: tuple, keyed_from: int | None) -> tuple[bool, str]:
    keyed = keyed_from is None or row[0] >= keyed_from
    return keyed, (keyed_link if keyed else legacy_link)(row[1], _stored_payload(row))


def _walk(task: tuple) -> _Walked:
    # In a transaction PostgreSQL's server-side cursor streams the rows; outside one it is a
    # cursor WITH HOLD, whose rows the server copies in full first.
    with transaction.atomic():
        return _walk_segment(*task)


def _walk_segment(low, high, floor, start, keyed_from, anchored_id, batch) -> _Walked:
    """Verify the events in (low, high] in order. The segment starts from the event before it,
    read and its link computed as the walk before would have (or from `start`, the chain's own
    start, where there is none), so that segments walked apart find what one walk would."""
    walked = _Walked()
    before = (
        AuditEvent.objects.filter(id__gt=floor, id__lte=low)
        .order_by("-id")
        .values_list(*STORED_COLUMNS)
        .first()
    )
    if before is None:
        previous, previous_computed, previous_id = start
    else:
        previous, previous_id = before[2], before[0]
        previous_computed = _link(before, keyed_from)[1]
    rows = AuditEvent.objects.filter(id__gt=low)
    if high is not None:
        rows = rows.filter(id__lte=high)
    rows = rows.order_by("id").values_list(*STORED_COLUMNS).iterator(chunk_size=batch)
    adds = walked.adds
    for row in rows:
        event_id, link_before, link = row[0], row[1], row[2]
        keyed, computed = _link(row, keyed_from)
        own = computed == link
        if keyed:
            walked.keyed_checked += 1
        else:
            walked.legacy += 1
        if link_before not in (previous, previous_computed) and own:
            if event_id == keyed_from:
                _note(adds, LEGACY_CHANGED, event_id, None, {})
            else:
                _note(adds, REMOVED, event_id, None, {"before": previous_id})
        elif not own:
            if keyed and legacy_link(link_before, _stored_payload(row)) == link:
                _note(adds, REWRITTEN, event_id, previous_id, {})
            else:
                walked.keyed_failed += keyed
                _note(adds, ALTERED, event_id, previous_id, {})
        if event_id == anchored_id:
            walked.anchored_link = link
        previous, previous_computed, previous_id = link, computed, event_id
        walked.checked += 1
    if walked.checked:
        walked.end = (previous, previous_computed, previous_id)
    return walked


def _note(adds: list[tuple], kind: str, event_id: int, after: int | None, detail: dict) -> None:
    """A finding widened as `Verification.add` widens it: a chain under another key is one
    finding, not millions sent back from a worker."""
    last = adds[-1] if adds else None
    if last and last[0] == kind and after is not None and last[2] == after:
        adds[-1] = (kind, last[1], event_id, last[3], last[4])
    else:
        adds.append((kind, event_id, event_id, after, detail))


def _segments(floor: int, batch: int, processes: int) -> list[tuple[int, int | None]]:
    """The events after `floor` as id ranges (low, high]: a few per process, so that one slow
    range does not leave the others idle, and none shorter than a batch."""
    high = (
        AuditEvent.objects.filter(id__gt=floor).order_by("-id").values_list("id", flat=True)
    ).first()
    if high is None:
        return []
    span = high - floor
    count = max(1, min(processes * 4, span // batch))
    # The last range open-ended: an event appended while the chain is walked is walked too, as
    # the head read after the walk names it.
    bounds = [floor + span * i // count for i in range(count)] + [None]
    return list(zip(bounds, bounds[1:], strict=False))


def verify(batch: int = 10_000, processes: int | None = None) -> Verification:
    """Walk the whole chain and say what does not hold, and where: each event's link to the one
    before it and its own link over its content (unkeyed before the keying, keyed from it on),
    then the head in the database and the anchor outside it.

    The chain is walked in segments, in `processes` worker processes (every core unless the
    setting caps it) where they can see this database, and here otherwise or for a chain of a
    couple of batches; the findings are those of one walk, in its order."""
    result = Verification()
    keyed_from = _keyed_from()
    # The link the event before has, and the one its content gives (they differ where only its
    # stored link was edited: the next event still names the right one).
    start = (GENESIS, GENESIS, None)
    floor = 0
    checkpoint = _checkpoint(result)
    if checkpoint is not None:
        start = (checkpoint.link, checkpoint.link, checkpoint.event_id)
        floor = checkpoint.event_id
    anchored = _read_anchor(result)
    processes = processes or parallel.workers()
    anchored_id = anchored.event_id if anchored is not None else None
    tasks = [
        (low, high, floor, start, keyed_from, anchored_id, batch)
        for low, high in _segments(floor, batch, processes)
    ]
    if processes > 1 and len(tasks) > 1 and parallel.can_share():
        walks = parallel.run(_walk, tasks, min(processes, len(tasks)))
    else:
        walks = [_walk(task) for task in tasks]
    keyed_checked = keyed_failed = 0
    anchored_link = None
    end = start
    for walked in walks:
        result.checked += walked.checked
        result.legacy += walked.legacy
        keyed_checked += walked.keyed_checked
        keyed_failed += walked.keyed_failed
        for kind, first, last, after, detail in walked.adds:
            result.add(kind, first, after, **detail)
            # Widened as one walk would have widened it.
            joined = result.findings[-1]
            result.findings[-1] = Finding(kind, joined.first, last, joined.detail)
        anchored_link = walked.anchored_link or anchored_link
        end = walked.end or end
    previous, _, result.last_id = end
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        # The head remembers a later event than the chain has: the newest were removed.
        result.add(TRUNCATED, None, source="head")
    _compare_with_anchor(result, anchored, anchored_link, checkpoint)
    if (
        keyed_checked
        and keyed_failed == keyed_checked
        and (anchored is None or not anchored.signed)
    ):
        # Not one keyed link holds, nor the anchor's: the data may be whole, under another key.
        result.findings = [
            finding for finding in result.findings if finding.kind not in (ALTERED, ANCHOR_UNSIGNED)
        ]
        result.findings.insert(0, Finding(WRONG_KEY, keyed_from or _first_id(), None))
    return result


def _first_id() -> int | None:
    return AuditEvent.objects.order_by("id").values_list("id", flat=True).first()


def _read_anchor(result: Verification) -> anchor.Anchor | None:
    try:
        found = anchor.read()
    except anchor.AnchorUnreadable:
        result.add(ANCHOR_UNREADABLE, None, path=str(anchor.path()))
        return None
    if found is not None:
        result.anchored = found.event_id
    return found


def _compare_with_anchor(
    result: Verification, anchored, anchored_link: str | None, start: ChainCheckpoint | None
) -> None:
    if anchor.path() is None or ANCHOR_UNREADABLE in result.kinds:
        return
    if anchored is None:
        if result.checked > result.legacy:
            result.add(ANCHOR_MISSING, None, path=str(anchor.path()))
        return
    if not anchored.signed:
        result.add(ANCHOR_UNSIGNED, None, path=str(anchor.path()))
    elif result.last_id is None or anchored.event_id > result.last_id:
        result.add(TRUNCATED, anchored.event_id, source="anchor", last=result.last_id)
    elif anchored_link is not None and anchored_link != anchored.link:
        result.add(ANCHOR_DIFFERS, anchored.event_id)
    elif start is not None and anchored.event_id == start.event_id and start.link != anchored.link:
        result.add(ANCHOR_DIFFERS, anchored.event_id)
