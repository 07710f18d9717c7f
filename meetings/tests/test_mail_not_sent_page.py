"""The county's coordinators see the meetings' mail not sent and try it again (POST, audited):
the outbox's pages as the site mounts them, with its coordinators' right."""

import pytest
from django.test import override_settings

from audit.models import AuditEvent
from meetings.mails import ACTION_ITEM_REMINDER
from outbox import services
from outbox.models import Mail
from structure.tests.builders import loaded_county

from .builders import coordinator, user, verified_login

pytestmark = pytest.mark.django_db
DOWN = "outbox.tests.backends.DownBackend"
PARAMS = {
    "body": "Länsstyrgruppen",
    "due_on": "2026-11-02",
    "days_overdue": 3,
    "meeting_day": "2026-10-05",
    "meeting_path": "/moten/norrbotten/moten/1/",
}


@pytest.fixture
def failed(db, django_capture_on_commit_callbacks):
    county = loaded_county("norrbotten")
    with override_settings(EMAIL_BACKEND=DOWN), django_capture_on_commit_callbacks(execute=True):
        [mail] = services.queue_mail(ACTION_ITEM_REMINDER, ["anna@x.se"], PARAMS, county=county)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.RETRYING
    return mail


def test_the_coordinators_see_what_was_not_sent_and_why(client, failed):
    verified_login(client, coordinator())
    page = client.get("/utskick/norrbotten/").content.decode()
    assert "Åtgärdspunkt som ska vara klar: Länsstyrgruppen" in page
    assert "anna@x.se" in page and "ConnectionRefusedError" in page
    assert f'action="/utskick/norrbotten/{failed.pk}/skicka-igen/"' in page


def test_others_may_not_see_it(client, failed):
    verified_login(client, user())
    assert client.get("/utskick/norrbotten/").status_code == 403
    assert client.post(f"/utskick/norrbotten/{failed.pk}/skicka-igen/").status_code == 403
    client.logout()
    assert client.get("/utskick/norrbotten/").status_code == 302


def test_try_again_sends_now_and_is_in_the_audit_trail(
    client, failed, django_capture_on_commit_callbacks, mailoutbox
):
    verified_login(client, coordinator("samordnare"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/utskick/norrbotten/{failed.pk}/skicka-igen/", follow=True)
    failed.refresh_from_db()
    assert failed.status == Mail.Status.SENT and len(mailoutbox) == 1
    # The link is the full address: a mail is read outside the site.
    assert "http://127.0.0.1:8000/moten/norrbotten/moten/1/" in mailoutbox[0].body
    event = AuditEvent.objects.get(code="outbox.mail_retried")
    assert event.actor_name == "samordnare" and event.object_id == str(failed.pk)
    assert event.changes["status"] == ["retrying", "queued"]
    assert "Utskicket till anna@x.se skickas igen." in response.content.decode()
    assert "Alla utskick har skickats." in client.get("/utskick/norrbotten/").content.decode()


def test_a_mail_already_sent_is_not_sent_again(client, failed):
    Mail.objects.filter(pk=failed.pk).update(status=Mail.Status.SENT)
    verified_login(client, coordinator())
    response = client.post(f"/utskick/norrbotten/{failed.pk}/skicka-igen/", follow=True)
    assert not AuditEvent.objects.filter(code="outbox.mail_retried").exists()
    assert "Utskicket har redan skickats." in response.content.decode()


def test_a_mail_of_another_county_or_none_is_not_found(client, failed):
    loaded_county("vasterbotten")
    verified_login(client, coordinator())
    assert client.post(f"/utskick/vasterbotten/{failed.pk}/skicka-igen/").status_code == 404
    assert client.post("/utskick/norrbotten/999999/skicka-igen/").status_code == 404
    assert client.get("/utskick/ingen-sadan/").status_code == 404
    assert client.get(f"/utskick/norrbotten/{failed.pk}/skicka-igen/").status_code == 405


def test_a_number_beyond_any_key_is_not_found(client, failed):
    verified_login(client, coordinator())
    assert client.post(f"/utskick/norrbotten/{10**30}/skicka-igen/").status_code == 404
    assert client.get(f"/utskick/{'x' * 500}/").status_code == 404
