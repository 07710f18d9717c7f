"""Setting up an authenticator takes an enrolment code from an administrator besides the
password (issue 10, item 1): a stolen password alone never enrols the thief's own app."""

import datetime
import re
from base64 import b32encode

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import events
from accounts.enrolment import ALPHABET, LENGTH, do_issue_enrolment_code
from accounts.models import EnrolmentCode
from accounts.two_factor import current_code
from audit.models import AuditEvent
from samverkan.cli import main

pytestmark = pytest.mark.django_db
PASSWORD = "ett-långt-lösenord"
PAGE = "/konto/tvafaktor/"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("kurator", password=PASSWORD)


@pytest.fixture
def admin_client(client):
    """A second browser: the administrator's, past the second factor."""
    from django.test import Client

    admin = get_user_model().objects.create_superuser("admin", password=PASSWORD)
    browser = Client()
    browser.force_login(admin)
    device = TOTPDevice.objects.create(user=admin, confirmed=True, name="app")
    assert browser.post(PAGE, {"code": current_code(device)}).status_code == 302
    return browser


def log_in(client, username="kurator"):
    response = client.post("/konto/logga-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def give(client, code):
    return client.post(f"{PAGE}?next=/arenden/", {"enrolment_code": code})


def set_up_app(client, user):
    """The secret the page shows, into an app, and its code back: the device confirmed."""
    page = client.get(PAGE)
    assert page.context["setting_up"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The key as an app asks for it when typed in: base32, in groups of four.
    key = b32encode(device.bin_key).decode()
    assert f"{key[:4]} {key[4:8]}" in page.content.decode()
    response = client.post(f"{PAGE}?next=/arenden/", {"code": current_code(device)})
    assert response.status_code == 302 and response["Location"] == "/arenden/"
    return device


def refused(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert "Registreringskoden är fel, redan använd eller inte längre giltig" in html
    assert "efter 5 felaktiga försök låses kontot" in html
    return html


def test_the_password_alone_sets_up_no_authenticator(client, user):
    log_in(client)
    page = client.get(f"{PAGE}?next=/arenden/")
    html = page.content.decode()
    assert page.context["enrolling"] and "registreringskoden som du har fått" in html
    assert not TOTPDevice.objects.filter(user=user).exists()  # no secret made, none shown
    # A six-digit code to the page, as if a secret had been shown, sets nothing up either.
    response = client.post(PAGE, {"code": "123456"})
    assert response.status_code == 200 and not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/arenden/")["Location"].startswith(PAGE)


def test_wrong_expired_and_used_codes_are_refused(client, user):
    log_in(client)
    refused(give(client, "ACDEFGHJKM"))  # no code issued at all
    code = do_issue_enrolment_code(None, user)
    refused(give(client, code[::-1]))
    EnrolmentCode.objects.filter(user=user).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    refused(give(client, code))
    assert not TOTPDevice.objects.filter(user=user).exists()
    # A fresh code works once, typed as people type it; a second session cannot use it again.
    code = do_issue_enrolment_code(None, user)
    assert give(client, f" {code[:5].lower()}-{code[5:]} ").status_code == 302
    other = type(client)()
    log_in(other)
    refused(give(other, code))
    set_up_app(client, user)
    reasons = [
        e.params["reason"]
        for e in AuditEvent.objects.filter(code=events.ENROLMENT_CODE_REFUSED.code).order_by("pk")
    ]
    assert reasons == ["none", "wrong", "expired", "none"]


def test_a_new_code_replaces_the_earlier_one(client, user):
    first = do_issue_enrolment_code(None, user)
    second = do_issue_enrolment_code(None, user)
    assert len(second) == LENGTH and set(second) <= set(ALPHABET)
    log_in(client)
    refused(give(client, first))
    assert give(client, second).status_code == 302


def test_an_administrator_issues_a_code_that_works_once(client, admin_client, user):
    response = admin_client.post(
        "/admin/auth/user/",
        {"action": "issue_enrolment_code", "_selected_action": [user.pk]},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "gäller i 72 timmar och bara en gång" in html
    code = re.search(r'<code class="enrolment-code">([A-Z0-9]+)</code>', html)[1]
    stored = EnrolmentCode.objects.get(user=user)
    assert code not in stored.digest  # kept as a keyed hash only
    # The administrator's page shows it once; the user's page never shows it.
    assert code not in admin_client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    log_in(client)
    assert give(client, code).status_code == 302
    device = set_up_app(client, user)
    device.refresh_from_db()
    assert device.confirmed and client.get("/arenden/").status_code == 200
    assert not EnrolmentCode.objects.filter(user=user).exists()
    issued = AuditEvent.objects.get(code=events.ENROLMENT_CODE_ISSUED.code)
    assert issued.actor.username == "admin" and issued.object_id == str(user.pk)
    assert issued.text == "Utfärdade en registreringskod för kurator, giltig i 72 timmar"
    used = AuditEvent.objects.get(code=events.ENROLMENT_CODE_USED.code)
    assert used.actor == user and code not in str(used.params)


def test_a_removed_device_does_not_open_enrolment(client, admin_client, user):
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    response = admin_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(user=user).exists()
    log_in(client)  # the thief, with the password
    assert client.get(PAGE).context["enrolling"]
    refused(give(client, "ACDEFGHJKM"))
    assert client.post(PAGE, {"code": "123456"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/arenden/")["Location"].startswith(PAGE)


def test_guessing_codes_locks_the_account_as_guessing_passwords_does(client, user):
    log_in(client)
    do_issue_enrolment_code(None, user)
    for n in range(4):
        refused(give(client, f"ACDEFGHJK{ALPHABET[n]}"))
    response = give(client, "ACDEFGHJKX")
    assert response.status_code == 429
    assert "låst" in response.content.decode()
    assert "_auth_user_id" not in client.session  # the password's session ended too
    # Locked: neither the password nor the right code gets in now.
    response = client.post("/konto/logga-in/", {"username": "kurator", "password": PASSWORD})
    assert response.status_code == 429
    assert EnrolmentCode.objects.filter(user=user).exists()  # the right code, still unused


def test_the_command_prints_a_working_code(capsys, client, user):
    assert main(["enrolment-code", "kurator"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == LENGTH
    issued = AuditEvent.objects.get(code=events.ENROLMENT_CODE_ISSUED.code)
    assert issued.actor is None and issued.object_id == str(user.pk)
    log_in(client)
    assert give(client, code).status_code == 302
    set_up_app(client, user)
    assert main(["enrolment-code", "ingen"]) == 1
    assert "Det finns ingen användare 'ingen'." in capsys.readouterr().err
    assert "enrolment-code" in main.__globals__["usage"]()


def test_single_sign_on_users_need_a_code_as_well(client):
    from accounts.oidc import CountyOIDCBackend

    from .test_oidc import PROVIDER

    with override_settings(**PROVIDER):
        user = CountyOIDCBackend().create_user({"hsa_id": "SE2321000230-ABC1"})
    client.force_login(user)  # as after the provider's login
    assert client.get(PAGE).context["enrolling"]
    refused(give(client, "ACDEFGHJKM"))
    assert give(client, do_issue_enrolment_code(None, user)).status_code == 302
    set_up_app(client, user)


def test_demo_users_already_have_their_app(client):
    from accounts.demo import DEMO_PASSWORD, ensure_demo_users

    ensure_demo_users()
    client.post("/konto/logga-in/", {"username": "kurator", "password": DEMO_PASSWORD})
    page = client.get(PAGE)
    assert not page.context.get("enrolling") and not page.context["setting_up"]
