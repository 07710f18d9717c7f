"""`verify` walks the chain in segments, in worker processes on PostgreSQL: whatever was done to
the chain (a row removed, its content or link changed, its id moved, the oldest removed behind a
checkpoint, a checkpoint forged, a rewrite without the key), the segments find what one walk
finds, in the same order."""

import random

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Max
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from audit import anchor, parallel, services
from audit.events import EventKind
from audit.models import Action, AuditEvent, ChainCheckpoint
from audit.services import record, verify

from .test_chain import remove, rewrite_without_the_key
from .test_keying import key_the_chain, unkeyed_events

pytestmark = pytest.mark.django_db

NOTED = EventKind("test.segment_noted", Action.UPDATE, "Noted %(i)s")
TAMPERINGS = ("removed", "payload", "link", "moved", "checkpoint", "forged", "rewritten")


def tampered_chain(plan: list[tuple[str, float]]) -> None:
    """A chain of unkeyed events, the keying and keyed ones, anchored at its end, then each
    tampering of the plan done at its place (a fraction of the way along the chain)."""
    user = get_user_model().objects.create_user("granskare", password="x" * 16)
    unkeyed_events(user, ["Läste ärendet", "Öppnade ärendet", "Läste ärendet"])
    key_the_chain(apps, None)
    for i in range(20):
        record(user, NOTED, user, {"i": i}, changes={"i": [i, i + 1]})
    last = AuditEvent.objects.order_by("-id").first()
    anchor.advance(last.id, last.hash)
    for n, (tampering, place) in enumerate(plan):
        events = list(AuditEvent.objects.order_by("id"))
        if not events:
            return
        event = events[min(int(place * len(events)), len(events) - 1)]
        rows = AuditEvent.objects.filter(pk=event.pk)
        if tampering == "removed":
            remove(event)
        elif tampering == "payload":
            rows.update(params={"i": -n})
        elif tampering == "link":
            rows.update(hash=f"{n + 1:064x}")
        elif tampering == "moved":
            rows.update(id=AuditEvent.objects.aggregate(last=Max("id"))["last"] + 10 + n)
        elif tampering == "checkpoint":
            services.remove_before(event.at)
        elif tampering == "forged":
            ChainCheckpoint.objects.update(mac="0" * 64)
        else:
            rewrite_without_the_key(event, summary=f"Ändrad {n}")


def same_as_one_walk(processes: int) -> services.Verification:
    segmented = verify(batch=2, processes=processes)
    assert segmented == verify(batch=10**6, processes=1)
    return segmented


plans = st.lists(
    st.tuples(st.sampled_from(TAMPERINGS), st.floats(0, 1, allow_nan=False)), max_size=4
)


class TestSegments(TestCase):
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plan=plans)
    def test_segments_find_what_one_walk_finds(self, plan):
        with override_settings(SAMVERKAN_AUDIT_ANCHOR=str(self.anchor_path)):
            self.anchor_path.unlink(missing_ok=True)
            tampered_chain(plan)
            result = same_as_one_walk(processes=4)
        if not plan:
            assert result.intact and result.checked == 24

    @pytest.fixture(autouse=True)
    def _anchor_path(self, tmp_path):
        self.anchor_path = tmp_path / "ankare.json"


def test_an_intact_chain_in_segments_verifies(settings, tmp_path):
    settings.SAMVERKAN_AUDIT_ANCHOR = str(tmp_path / "ankare.json")
    tampered_chain([])
    result = same_as_one_walk(processes=4)
    assert result.intact and result.checked == 24 and result.legacy == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seed", range(4))
def test_workers_find_what_one_walk_finds(seed, settings, tmp_path, monkeypatch):
    """On PostgreSQL the segments are walked by two worker processes, each with its own
    connection to the test database (committed data: they cannot see into a test's transaction);
    on SQLite, in memory, here."""
    settings.SAMVERKAN_AUDIT_ANCHOR = str(tmp_path / "ankare.json")
    rng = random.Random(seed)
    plan = [(rng.choice(TAMPERINGS), rng.random()) for _ in range(rng.randrange(4))]
    tampered_chain(plan)
    runs, run = [], parallel.run
    monkeypatch.setattr(parallel, "run", lambda *args: runs.append(args) or run(*args))
    same_as_one_walk(processes=2)
    assert len(runs) == (connection.vendor == "postgresql")


def test_workers_are_every_core_unless_capped(settings, monkeypatch):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    settings.SAMVERKAN_AUDIT_VERIFY_WORKERS = 0
    assert parallel.workers() == 8
    settings.SAMVERKAN_AUDIT_VERIFY_WORKERS = 3
    assert parallel.workers() == 3
    settings.SAMVERKAN_AUDIT_VERIFY_WORKERS = 64
    assert parallel.workers() == 8


def test_no_workers_inside_a_transaction(db):
    assert not parallel.can_share()
