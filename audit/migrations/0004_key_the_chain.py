"""Key the audit trail's chain, without pretending it was always keyed.

The events recorded so far keep their unkeyed links: they are verified as they were written.
One event is appended, linked to the last of them and keyed: it says how many events came
before, which was the last, and whether the unkeyed chain held when it was keyed. From it on,
every link is an HMAC under SAMVERKAN_AUDIT_KEY, and its head is anchored outside the database.
A trail with no events yet is keyed from its first event.
"""

from django.db import migrations, transaction
from django.utils import timezone

from audit.services import anchoring
from audit.chain import (
    GENESIS,
    STORED_COLUMNS,
    _digest,
    _stored_payload,
    hashed_fields,
    legacy_link,
)

CODE = "audit.chain_keyed"  # audit.events.CHAIN_KEYED


def _unkeyed_chain_holds(AuditEvent, ChainHead) -> bool:
    previous = GENESIS
    last_id = 0
    while rows := list(
        AuditEvent.objects.filter(id__gt=last_id).order_by("id").values_list(*STORED_COLUMNS)[
            :10_000
        ]
    ):
        for row in rows:
            if row[1] != previous or legacy_link(previous, _stored_payload(row)) != row[2]:
                return False
            previous = row[2]
        last_id = rows[-1][0]
    head = ChainHead.objects.filter(pk=1).first()
    return head is None or head.last_hash == previous


def key_the_chain(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    last = AuditEvent.objects.order_by("-id").first()
    if last is None or AuditEvent.objects.filter(code=CODE).exists():
        return
    params = {
        "legacy_events": AuditEvent.objects.count(),
        "legacy_last_id": last.id,
        "legacy_last_hash": last.hash,
        "legacy_intact": _unkeyed_chain_holds(AuditEvent, ChainHead),
    }
    event = AuditEvent(
        at=timezone.now(),
        actor=None,
        actor_name="",
        organisation_name="",
        individual_id=None,
        emergency=False,
        action="update",
        object_type="audit.auditevent",
        object_id=str(last.id),
        code=CODE,
        params=params,
        summary="",
        changes={},
        reason="",
        previous_hash=last.hash,
    )
    event.hash = _digest(last.hash, hashed_fields(event))
    event.save()
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": event.hash})
    transaction.on_commit(anchoring(event), robust=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_event_codes")]

    operations = [migrations.RunPython(key_the_chain, migrations.RunPython.noop)]
