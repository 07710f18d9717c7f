"""Sessions end after 30 idle minutes or 12 hours; failures lock; a disabled user is out."""

import time

import pytest
from django.contrib.auth import get_user_model

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
