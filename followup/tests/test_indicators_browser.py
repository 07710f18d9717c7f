"""The county's coordinator reads the follow-up in Debian's Chromium, axe on every page and no
sideways scroll at a phone's width: the figures, another breakdown, a bad period, a definition."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from followup.demo import ensure_demo_followup
from plans.demo import ensure_demo_cases
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    ensure_demo_followup()
    return live_server.url


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_coordinator_reads_the_countys_follow_up(site, page):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}/uppfoljning/norrbotten/")
    device = TOTPDevice.objects.get(user__username="samordnare", confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning av Norrbottens län")
    expect(page.get_by_role("heading", name="SIP följd upp i tid")).to_be_visible()
    check(page)

    page.get_by_label("Indelning", exact=True).select_option(label="Per länsdel")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("rowheader", name="Boden/Luleå").first).to_be_visible()
    check(page)

    page.get_by_label("Period", exact=True).fill("2026Q5")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("alert").first).to_contain_text("Det finns inget sådant")
    assert page.get_by_label("Period", exact=True).input_value() == "2026Q5"  # nothing lost
    check(page)

    page.get_by_label("Period", exact=True).fill("")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Hur varje indikator är definierad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uppföljningens indikatorer: definitioner"
    )
    expect(page.locator("#sip_followed_up_on_time")).to_have_text("SIP följd upp i tid")
    check(page)
