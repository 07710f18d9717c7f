"""A coordinator sees the mail not sent in Debian's Chromium and tries it again, axe on every
page and at phone width."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from meetings.mails import ACTION_ITEM_REMINDER
from outbox import services
from structure.tests.builders import loaded_county

from .builders import coordinator
from .test_feeds_browser import check, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_coordinator_tries_a_mail_not_sent_again(live_server, page):
    county = loaded_county("norrbotten")
    with override_settings(EMAIL_BACKEND="outbox.tests.backends.DownBackend"):
        services.queue_mail(
            ACTION_ITEM_REMINDER,
            ["anna@region.example.se"],
            {
                "body": "Länsstyrgruppen",
                "due_on": "2026-11-02",
                "days_overdue": 3,
                "meeting_day": "2026-10-05",
                "meeting_path": "/moten/norrbotten/moten/1/",
            },
            county=county,
        )
    log_in(page, live_server.url, coordinator("samordnaren"), "/utskick/norrbotten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utskick som inte har skickats")
    expect(page.get_by_text("ConnectionRefusedError")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Försök igen nu").click()
    expect(page.get_by_role("status").first).to_contain_text("skickas igen")
    check(page)
