"""The trail recorded before the chain was keyed is migrated without pretending it was always
keyed: its unkeyed links stay and still verify, the keying is an event of the chain itself, and
`verify` checks each part by its own scheme."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from audit import services
from audit.chain import _ENCODER, GENESIS, hashed_fields, legacy_link
from audit.events import CHAIN_KEYED, EventKind
from audit.models import Action, AuditEvent, ChainHead
from audit.services import record, verify
from samverkan.cli import main

from .test_chain import rewrite_without_the_key

pytestmark = pytest.mark.django_db

key_the_chain = importlib.import_module("audit.migrations.0004_key_the_chain").key_the_chain
NOTED = EventKind("test.keyed_noted", Action.UPDATE, "Noted")


@pytest.fixture
def user():
    return get_user_model().objects.create_user("samordnare", password="x" * 16)


def unkeyed_events(user, summaries: list[str]) -> list[AuditEvent]:
    """Events as the platform recorded them before: a Swedish sentence, linked by SHA-256."""
    previous, written = GENESIS, []
    for n, summary in enumerate(summaries):
        event = AuditEvent(
            at=timezone.now() - datetime.timedelta(days=len(summaries) - n),
            actor=user,
            actor_name=user.username,
            action=Action.READ,
            object_type="plans.case",
            object_id=str(n + 1),
            summary=summary,
            changes={},
            previous_hash=previous,
        )
        event.hash = legacy_link(previous, _ENCODER.encode(hashed_fields(event)))
        event.save()
        previous = event.hash
        written.append(event)
    ChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    return written


@pytest.fixture
def keyed_trail(user):
    old = unkeyed_events(user, ["Läste ärendet", "Öppnade ärendet", "Läste ärendet"])
    key_the_chain(apps, None)
    new = [record(user, NOTED, user) for _ in range(2)]
    return old, AuditEvent.objects.get(code=CHAIN_KEYED.code), new


def test_the_keying_is_an_event_of_the_chain_and_both_parts_verify(keyed_trail, capsys):
    old, keying, new = keyed_trail
    assert keying.previous_hash == old[-1].hash and keying.pk < new[0].pk
    assert keying.params == {
        "legacy_events": 3,
        "legacy_last_id": old[-1].pk,
        "legacy_last_hash": old[-1].hash,
        "legacy_intact": True,
    }
    result = verify()
    assert result.intact and result.checked == 6 and result.legacy == 3
    assert main(["audit", "verify"]) == 0
    assert "3 av dem registrerades innan kedjan fick nyckel" in capsys.readouterr().out


def test_the_keying_says_what_it_did_in_the_readers_language(keyed_trail):
    _old, keying, _new = keyed_trail
    with translation.override("sv"):
        assert keying.text.startswith("Granskningsloggen flyttades till en kedja med nyckel: de 3")
    with translation.override("en"):
        assert keying.text.startswith("The audit trail was moved to a keyed chain: the 3 events")


def test_old_events_keep_the_sentence_they_were_recorded_with(keyed_trail):
    old, _keying, _new = keyed_trail
    with translation.override("en"):
        assert [event.text for event in old] == [
            "Läste ärendet",
            "Öppnade ärendet",
            "Läste ärendet",
        ]


def test_keying_twice_appends_nothing(keyed_trail):
    key_the_chain(apps, None)
    assert AuditEvent.objects.filter(code=CHAIN_KEYED.code).count() == 1


def test_an_empty_trail_is_keyed_from_its_first_event(user):
    key_the_chain(apps, None)
    assert not AuditEvent.objects.exists()
    record(user, NOTED, user)
    assert verify().intact and verify().legacy == 0


def test_a_broken_unkeyed_chain_is_keyed_as_broken(user):
    old = unkeyed_events(user, ["Läste ärendet", "Öppnade ärendet"])
    AuditEvent.objects.filter(pk=old[0].pk).update(summary="Något annat")
    key_the_chain(apps, None)
    assert AuditEvent.objects.get(code=CHAIN_KEYED.code).params["legacy_intact"] is False
    assert verify().kinds == [services.ALTERED]


def test_an_old_event_altered_after_the_keying_is_named(keyed_trail):
    old, _keying, _new = keyed_trail
    AuditEvent.objects.filter(pk=old[1].pk).update(summary="Läste inte ärendet")
    result = verify()
    assert result.kinds == [services.ALTERED] and result.broken_at == old[1].pk


def test_old_events_rewritten_with_their_hashes_computed_anew_are_found_at_the_keying(
    keyed_trail, capsys
):
    old, keying, _new = keyed_trail
    # The unkeyed events rewritten up to the keying, whose link cannot be made anew without
    # the key.
    rewrite_without_the_key(old[1], summary="Läste inte ärendet", until=keying)
    result = verify()
    assert result.kinds == [services.LEGACY_CHANGED] and result.broken_at == keying.pk
    assert main(["audit", "verify"]) == 1
    assert "Ändrad före nyckelbytet" in capsys.readouterr().err
