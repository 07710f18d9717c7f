"""A chair plans the year in Debian's Chromium with axe, at a phone's width and a desktop's: the
year with the rules' proposal, proposing, the adoption's confirmation, moving a meeting onto a
holiday (refused without a reason), cancelling after a confirmation; and a coordinator's
settings page and the county's year."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.two_factor import current_code
from meetings.tests.builders import coordinator, office_holder
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.tests.builders import loaded_county

DESKTOP = {"width": 1280, "height": 900}
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def clean_at_both_widths(page):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert accessibility_violations(page) == [], (page.url, size)
        assert horizontal_overflow(page) == 0, (page.url, size)
    page.set_viewport_size(DESKTOP)


def log_in(page, site, login_user, target):
    """Log in, open the target and pass the second factor where it asks for it."""
    device = TOTPDevice.objects.create(user=login_user, confirmed=True, name="app")
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(login_user.username)
    page.get_by_label("Lösenord").fill("x" * 16)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}{target}")
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()


def test_a_chair_plans_and_adopts_the_year(live_server, page):
    county = loaded_county("norrbotten")
    chair = office_holder(county, "lansstyrgrupp", "chair", username="ordforande")
    site = live_server.url
    log_in(page, site, chair, "/moten/norrbotten/lansstyrgrupp/2027/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möten i Länsstyrgruppen 2027")
    expect(page.get_by_text("Minst 4 möten per år")).to_be_visible()
    clean_at_both_widths(page)
    page.get_by_role("button", name="Föreslå dessa möten som årets mötesplan").click()
    expect(page.get_by_text("Årets möten är föreslagna.")).to_be_visible()
    clean_at_both_widths(page)

    page.get_by_role("link", name="Fastställ planen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fastställa mötesplanen")
    clean_at_both_widths(page)
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_text("Planen är fastställd.")).to_be_visible()

    page.get_by_role("link", name="Ändra").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra mötet")
    page.get_by_label("Dag", exact=True).fill("2027-12-24")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("julafton", exact=False)).to_be_visible()
    clean_at_both_widths(page)
    page.get_by_label("Varför denna dag eller tid").fill("Akut läge i länet")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Skäl: Akut läge i länet")).to_be_visible()

    page.get_by_role("link", name="Ställ in").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ställa in mötet?")
    clean_at_both_widths(page)
    page.get_by_label("Varför mötet ställs in").fill("Krockar med annan konferens")
    page.get_by_role("button", name="Ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt.")).to_be_visible()
    page.get_by_role("link", name="Tidigare fastställda versioner").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Version 1")
    clean_at_both_widths(page)


def test_a_coordinator_keeps_the_settings(live_server, page):
    loaded_county("norrbotten")
    site = live_server.url
    log_in(page, site, coordinator("samordnaren"), "/moten/norrbotten/2027/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Möten i Norrbottens län 2027")
    clean_at_both_widths(page)
    page.get_by_role("link", name="Länets mötesinställningar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mötesinställningar")
    clean_at_both_widths(page)
    page.get_by_label("kallelse", exact=False).first.fill("10")
    page.get_by_role("button", name="Spara inställningarna").click()
    expect(page.get_by_text("Mötesinställningarna är sparade.")).to_be_visible()
