"""The server killed during a write: after it, nothing is half written and the audit chain
verifies. A process of its own (samverkan/tests/killed_writer.py) opens cases in the test
database and is killed with SIGKILL, once inside an action's transaction and once at whatever
point a busy run of actions has reached. A process cannot reach SQLite's in-memory test
database: these run on PostgreSQL, as production does."""

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from audit.chain import GENESIS
from audit.models import AuditEvent, ChainHead
from audit.services import verify
from plans.models import Case, Guardian, Individual
from plans.tests.individual import norrbotten_organisations, user_of

from .builders import database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgres" not in os.environ.get("DATABASE_URL", ""),
        reason="a killed process's transaction is shown on PostgreSQL (DATABASE_URL)",
    ),
]


@pytest.fixture
def writer_environment(db):
    organisations = norrbotten_organisations("school")
    user_of(organisations["school"], "rektor", "unit_manager")
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(settings.DATABASES["default"]["NAME"]),
        "SAMVERKAN_DEBUG": "1",
        "SAMVERKAN_FIELD_KEY": settings.FIELD_ENCRYPTION_KEY,
        "SAMVERKAN_AUDIT_KEY": settings.SAMVERKAN_AUDIT_KEY,
    }
    environment.pop("TEST_DATABASE_NAME", None)
    return environment


def writer(environment, first: int, count: int, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "samverkan.tests.killed_writer", str(first), str(count), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=settings.BASE_DIR,
        env=environment,
    )


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # The server notices the lost connection and rolls its transaction back.
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def assert_whole() -> None:
    """Every case has its individual and the events that opened it; every opening event its
    case; the head names the last event; the chain verifies."""
    cases = set(Case.objects.values_list("pk", flat=True))
    opened = {
        int(object_id)
        for object_id in AuditEvent.objects.filter(code="case.opened").values_list(
            "object_id", flat=True
        )
    }
    assert opened == cases
    individuals = set(Individual.objects.values_list("pk", flat=True))
    registered = {
        int(object_id)
        for object_id in AuditEvent.objects.filter(code="individual.registered").values_list(
            "object_id", flat=True
        )
    }
    assert registered == individuals
    assert set(Case.objects.values_list("individual_id", flat=True)) == individuals
    assert Guardian.objects.count() == len(individuals)
    last = AuditEvent.objects.order_by("-id").first()
    head = ChainHead.objects.filter(pk=1).first()
    assert (head.last_hash if head else GENESIS) == (last.hash if last else GENESIS)
    result = verify()
    assert result.intact, result.findings


def test_killed_inside_an_actions_transaction_leaves_nothing_of_it(writer_environment):
    before = (Case.objects.count(), Individual.objects.count(), AuditEvent.objects.count())
    process = writer(writer_environment, 200, 1, "pause")
    line = process.stdout.readline()
    assert line.strip() == "inside", process.stderr.read()
    kill(process)
    assert (Case.objects.count(), Individual.objects.count(), AuditEvent.objects.count()) == before
    assert_whole()
    # And the platform writes on: the next action appends to the chain where it stood.
    finished = writer(writer_environment, 201, 1, "run")
    assert finished.wait(timeout=120) == 0, finished.stderr.read()
    assert Case.objects.count() == before[0] + 1
    assert_whole()


def test_killed_at_any_point_of_a_busy_run_leaves_whole_actions_only(writer_environment):
    chance = random.Random(13)
    first = 300
    for _ in range(3):
        process = writer(writer_environment, first, 100, "run")
        # Until it has opened a case or two, then at a moment no one chose.
        assert process.stdout.readline().startswith("opened"), process.stderr.read()
        time.sleep(chance.uniform(0.05, 0.4))
        kill(process)
        first += 100
        assert_whole()
    assert Case.objects.count() >= 3
