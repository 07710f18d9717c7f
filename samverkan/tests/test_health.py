"""The health endpoint (/halsa/): JSON a monitor reads without logging in, 200 when the
database answers, the migrations are applied, the worker's queue is short and the audit anchor
is signed, 503 naming the part when one fails, and nothing about anyone in it."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.events import EventKind
from audit.models import Action
from audit.services import record
from samverkan import health

pytestmark = pytest.mark.django_db

NOTED = EventKind("test.noted", Action.UPDATE, "Noted %(i)s")


@pytest.fixture
def anchor_file(settings, tmp_path):
    settings.SAMVERKAN_AUDIT_ANCHOR = str(tmp_path / "ankare.json")
    return tmp_path / "ankare.json"


@pytest.fixture
def recorded(anchor_file, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    with django_capture_on_commit_callbacks(execute=True):
        record(user, NOTED, user, {"i": 1})
    return user


def waiting_task(enqueued_seconds_ago: int) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="outbox.tasks.send_mail",
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(seconds=enqueued_seconds_ago),
    )
    # enqueued_at is set on creation: set back as a worker that stopped would leave it.
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=enqueued_seconds_ago)
    )
    return task


def answer(client):
    response = client.get("/halsa/", HTTP_HOST="localhost")
    return response.status_code, json.loads(response.content)


def test_a_whole_installation_answers_ok_without_a_login(client, recorded):
    status, body = answer(client)
    assert status == 200
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "migrations": True,
        "worker": True,
        "audit_anchor": True,
    }
    assert body["checks"]["audit_anchor"]["signed"] is True
    assert body["checks"]["migrations"]["unapplied"] == 0


def test_the_answer_holds_nothing_about_anyone_and_is_not_cached(client, recorded):
    response = client.get("/halsa/", HTTP_HOST="localhost")
    text = response.content.decode()
    assert "samordnare" not in text and "ankare" not in text
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_a_worker_that_stopped_fails_the_worker_part(client, settings):
    settings.SAMVERKAN_HEALTH_QUEUE_SECONDS = 900
    waiting_task(60)
    status, body = answer(client)
    assert status == 200 and body["checks"]["worker"]["ready_tasks"] == 1
    waiting_task(3600)
    status, body = answer(client)
    assert status == 503 and body["status"] == "fail"
    assert body["checks"]["worker"] == {"ok": False, "ready_tasks": 2, "oldest_ready_seconds": 3600}


def test_a_task_due_later_is_not_a_wait(client):
    task = waiting_task(0)
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(days=1),
        run_after=timezone.now() + datetime.timedelta(hours=8),
    )
    status, body = answer(client)
    assert status == 200 and body["checks"]["worker"]["ready_tasks"] == 0


def test_an_anchor_edited_or_cut_fails_the_anchor_part(client, recorded, anchor_file):
    stored = json.loads(anchor_file.read_text())
    anchor_file.write_text(json.dumps({**stored, "mac": "0" * 64}))
    status, body = answer(client)
    assert status == 503 and body["checks"]["audit_anchor"]["signed"] is False
    anchor_file.write_text('{"event": ')
    status, body = answer(client)
    assert status == 503 and body["checks"]["audit_anchor"]["readable"] is False


def test_events_without_their_anchor_fail_and_a_fresh_installation_does_not(
    client, recorded, anchor_file
):
    anchor_file.unlink()
    status, body = answer(client)
    assert status == 503 and body["checks"]["audit_anchor"]["ok"] is False


def test_a_fresh_installation_has_no_anchor_yet(client, anchor_file):
    status, body = answer(client)
    assert status == 200 and body["checks"]["audit_anchor"]["readable"] is True


def test_unapplied_migrations_fail_the_migrations_part(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("app", False)]
    )
    status, body = answer(client)
    assert status == 503 and body["checks"]["migrations"] == {"ok": False, "unapplied": 1}


def test_a_database_that_does_not_answer_fails_without_its_reason(client, monkeypatch):
    def refused():
        raise DatabaseError('connection to server at "db.region.se" failed for user "samverkan"')

    monkeypatch.setitem(health.CHECKS, "database", refused)
    status, body = answer(client)
    assert status == 503 and body["checks"]["database"] == {"ok": False}
    assert "db.region.se" not in json.dumps(body)


def test_only_reads_are_answered(client):
    assert client.post("/halsa/", HTTP_HOST="localhost").status_code == 405
