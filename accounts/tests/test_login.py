"""Logging in and out with the demo users; passwords hashed with argon2."""

import pytest
from django.contrib.auth import get_user_model

from accounts.demo import DEMO_PASSWORD, DEMO_USERS, ensure_demo_users

pytestmark = pytest.mark.django_db


def test_demo_users_log_in_and_out(client):
    ensure_demo_users()
    response = client.post(
        "/konto/logga-in/", {"username": "samordnare", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "Logga ut Saga Lindqvist" in client.get("/").content.decode()
    client.post("/konto/logga-ut/")
    assert "Logga in" in client.get("/").content.decode()


def test_wrong_password_is_refused_with_a_message(client):
    ensure_demo_users()
    response = client.post("/konto/logga-in/", {"username": "samordnare", "password": "fel"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_passwords_are_argon2_and_the_demo_is_idempotent():
    ensure_demo_users()
    ensure_demo_users()
    users = get_user_model().objects.all()
    assert users.count() == len(DEMO_USERS)
    assert all(u.password.startswith("argon2") for u in users)
    assert users.get(username="admin").is_superuser
