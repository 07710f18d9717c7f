"""The outbox's own kind of mail and county for its tests: the outbox is on the ground floor and
its tests name no app above it (the mail of meetings and matters is tested in their apps)."""

from pathlib import Path

import pytest

from agreements.models import County
from outbox.kinds import MailKind

# A plain subject, not a catalogue message: test data, never shown to anyone.
REMINDER = MailKind("outbox.test_reminder", "Påminnelse: %(body)s", "outbox/tests/reminder.txt")
PARAMS = {"body": "Länsstyrgruppen", "due_on": "2026-11-02", "path": "/moten/norrbotten/moten/1/"}
DOWN = "outbox.tests.backends.DownBackend"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    """The test kind's template, found beside these tests only while they run."""
    engine = {**settings.TEMPLATES[0]}
    engine["DIRS"] = [*engine.get("DIRS", []), TEMPLATES]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.fixture
def county(db):
    return County.objects.create(slug="norrbotten", name="Norrbottens län", scb_code="25")
