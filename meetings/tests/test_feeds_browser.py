"""A member makes and renews their calendar addresses in Debian's Chromium, axe on every page
and at phone width."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.two_factor import current_code
from meetings.tests.builders import meeting, member
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.tests.builders import loaded_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x" * 16


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, site, user, then):
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}{then}")
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()


def test_a_member_makes_and_renews_calendar_addresses(live_server, page):
    county = loaded_county("norrbotten")
    seat = member(county, "lansstyrgrupp", "operations-director", username="anna")
    meeting(county, "lansstyrgrupp", timezone.localdate() + datetime.timedelta(days=14))
    log_in(page, live_server.url, seat.person.user, "/moten/kalender/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möten i din kalender")
    check(page)
    page.get_by_role("button", name="Skapa mina kalenderadresser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina kalenderadresser")
    first = page.get_by_label("Kalenderadress: Alla mina möten").input_value()
    check(page)
    assert page.request.get(first).ok
    page.goto(f"{live_server.url}/moten/kalender/")
    page.get_by_role("link", name="Skapa nya adresser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa nya kalenderadresser?")
    check(page)
    page.get_by_role("button", name="Skapa nya adresser").click()
    expect(page.get_by_role("status").or_(page.locator(".alert-box")).first).to_contain_text(
        "de gamla fungerar inte längre"
    )
    assert page.get_by_label("Kalenderadress: Alla mina möten").input_value() != first
    assert page.request.get(first).status == 404
