"""Logging in and out with the demo users; passwords hashed with argon2."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, identify_hasher

from accounts.demo import DEMO_PASSWORD, DEMO_USERS, ensure_demo_users
from samverkan import settings as production_settings

pytestmark = pytest.mark.django_db
LOGIN = "/konto/logga-in/"
LOGOUT = "/konto/logga-ut/"


@pytest.fixture
def demo_users():
    return ensure_demo_users()


def test_the_login_page_has_labelled_fields(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_username">Användarnamn</label>' in html
    assert '<label for="id_password">Lösenord</label>' in html


def test_a_demo_user_logs_in_and_out(client, demo_users):
    response = client.post(LOGIN, {"username": "samordnare", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/start/"  # by role
    assert "Logga ut Saga Lindqvist" in client.get("/").content.decode()
    # Logged in, the login page sends the user on.
    assert client.get(LOGIN).status_code == 302
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get("/").content.decode()
    assert 'href="/konto/logga-in/"' in html and "Logga ut" not in html


def test_login_returns_to_the_page_asked_for(client, demo_users):
    response = client.post(
        f"{LOGIN}?next=/norrbotten/",
        {"username": "kurator", "password": DEMO_PASSWORD, "next": "/norrbotten/"},
    )
    assert response["Location"] == "/norrbotten/"


def test_login_never_sends_the_user_to_another_site(client, demo_users):
    response = client.post(
        LOGIN, {"username": "kurator", "password": DEMO_PASSWORD, "next": "https://evil.test/"}
    )
    assert response.status_code == 302 and response["Location"] == "/start/"


def test_logging_out_takes_a_post(client, demo_users):
    client.post(LOGIN, {"username": "samordnare", "password": DEMO_PASSWORD})
    assert client.get(LOGOUT).status_code == 405
    assert "Logga ut" in client.get("/").content.decode()


def test_wrong_password_is_refused_with_a_message(client, demo_users):
    response = client.post(LOGIN, {"username": "samordnare", "password": "fel"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'role="alert"' in response.content.decode()
    assert "Logga ut" not in client.get("/").content.decode()


def test_passwords_are_argon2_and_the_demo_is_idempotent(demo_users, settings):
    # The suite hashes with a fast hasher (settings_test.py); production's list is the one proven.
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    assert get_hasher("default").algorithm == "argon2"
    ensure_demo_users()
    users = get_user_model().objects.all()
    assert users.count() == len(DEMO_USERS)
    assert {identify_hasher(u.password).algorithm for u in users} == {"argon2"}
    assert all(u.check_password(DEMO_PASSWORD) for u in users)
    assert users.get(username="admin").is_superuser
    assert not users.get(username="samordnare").is_superuser
