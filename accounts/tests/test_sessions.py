"""Sessions end after 30 idle minutes or 12 hours; failures lock; a disabled user is out."""

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import middleware
from accounts.middleware import SEEN, STARTED

pytestmark = pytest.mark.django_db
PASSWORD = "ett-långt-lösenord"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("samordnare", password=PASSWORD)


def logged_in(client):
    return "Logga ut" in client.get("/").content.decode()


def shift(client, key, seconds):
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_thirty_idle_minutes_end_the_session(client, user):
    client.force_login(user)
    assert logged_in(client)
    shift(client, SEEN, 29 * 60)
    assert logged_in(client)
    shift(client, SEEN, 31 * 60)
    assert not logged_in(client)


class Clock:
    """The middleware's time, moved by the test."""

    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: self.now))

    def wait(self, seconds):
        self.now += seconds


def session_writes(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    return sum(
        1 for q in captured if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    )


def test_a_request_within_a_minute_of_the_last_leaves_the_session_unsaved(
    client, user, monkeypatch
):
    clock = Clock(monkeypatch)
    client.force_login(user)
    client.get("/")
    seen = client.session[SEEN]
    clock.wait(59)
    assert session_writes(client) == 0 and client.session[SEEN] == seen
    clock.wait(2)
    assert session_writes(client) == 1 and client.session[SEEN] == clock.now


def test_the_idle_limit_holds_with_the_coarse_last_activity(client, user, monkeypatch):
    clock = Clock(monkeypatch)
    client.force_login(user)
    # Active every 50 seconds for an hour: never logged out, although the activity is written
    # only once a minute.
    for _ in range(72):
        clock.wait(50)
        assert logged_in(client)
    # Idle 29 minutes after the last request: still in, whatever the lag.
    clock.wait(29 * 60)
    assert logged_in(client)
    # Idle just over 30 minutes after the last request: out, never later.
    clock.wait(30 * 60 + 1)
    assert not logged_in(client)


def test_twelve_hours_end_the_session_whatever_the_activity(client, user):
    client.force_login(user)
    assert logged_in(client)
    shift(client, STARTED, 12 * 3600 + 60)
    assert not logged_in(client)


def test_disabling_a_user_ends_their_sessions(client, user):
    client.force_login(user)
    assert logged_in(client)
    user.is_active = False
    user.save()
    assert not logged_in(client)


def test_five_failed_logins_lock_the_account(client, user):
    for _ in range(5):
        client.post("/konto/logga-in/", {"username": "samordnare", "password": "fel"})
    response = client.post("/konto/logga-in/", {"username": "samordnare", "password": PASSWORD})
    assert response.status_code == 429
    assert "låst" in response.content.decode() or "locked" in response.content.decode()
    assert not logged_in(client)
