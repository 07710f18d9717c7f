"""The second factor: set up, verified per session, required for cases; the demo's code command."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enrolment import do_issue_enrolment_code
from accounts.two_factor import current_code
from samverkan.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    client.force_login(user)
    return user


def test_case_pages_ask_for_the_second_factor(client, user):
    response = client.get("/arenden/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/tvafaktor/")


def test_setting_up_an_app_then_passing(client, user):
    code = do_issue_enrolment_code(None, user)
    given = client.post("/konto/tvafaktor/?next=/arenden/", {"enrolment_code": code})
    assert given.status_code == 302
    page = client.get("/konto/tvafaktor/?next=/arenden/")
    assert page.context["setting_up"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/konto/tvafaktor/?next=/arenden/", {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    device.refresh_from_db()
    device.throttle_reset()  # a failed attempt delays the next one: a person waits, a test not
    right = client.post("/konto/tvafaktor/?next=/arenden/", {"code": current_code(device)})
    assert right.status_code == 302 and right["Location"] == "/arenden/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/arenden/").status_code == 200


def test_next_cannot_lead_elsewhere(client, user):
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    response = client.post(
        "/konto/tvafaktor/?next=https://elsewhere.example/", {"code": current_code(device)}
    )
    assert response["Location"] == "/start/"  # the user's own start page instead


def test_the_demo_command_prints_a_demo_users_code(capsys, user, settings):
    settings.DEBUG = True
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    assert main(["otp-code", "kurator"]) == 0
    assert capsys.readouterr().out.strip() == current_code(device)
    settings.DEBUG = False
    assert main(["otp-code", "kurator"]) == 1
