"""A school counsellor's first look at the individual level in Debian's Chromium, axe on every
page: log in, pass the second factor, the deadlines, a case; and the refusal of another's case."""

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from plans.demo import ensure_demo_cases
from plans.models import Case
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    return live_server.url


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, site, username):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}/arenden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsinloggning")
    check(page)
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()


def test_a_counsellor_sees_the_deadlines_and_a_case(site, page):
    log_in(page, site, "kurator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Öppna tidsfrister")
    check(page)
    page.get_by_role("link", name="Öppna ett ärende").click()
    page.get_by_label("Person- eller samordningsnummer").fill("20110707-2398")  # wrong digit
    page.get_by_label("Namn").fill("Tove Marklund")
    page.get_by_label("Behov du har uppmärksammat").fill("Oro för frånvaro.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert").first).to_contain_text("inte ett giltigt")
    assert page.get_by_label("Namn").input_value() == "Tove Marklund"  # nothing lost
    check(page)
    page.goto(f"{site}/arenden/{Case.objects.get(state='opened').pk}/")
    check(page)  # the consent form
    page.get_by_label("Lämnat av").fill("Vårdnadshavare till Maja")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Socialtjänsten, Luleå kommun").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status").first).to_contain_text("Samtycket är registrerat.")
    check(page)  # the decision form
    page.goto(f"{site}/arenden/")
    page.locator("table").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ärende")
    expect(
        page.get_by_text("Elsa Lantto").or_(page.get_by_text("Alva Nordin")).first
    ).to_be_visible()
    check(page)


def test_a_nurse_outside_the_consent_gets_no_hint(site, page):
    log_in(page, site, "socialsekreterare")
    outside = Case.objects.get(state="opened")  # no consent: only the school sees it
    response = page.goto(f"{site}/arenden/{outside.pk}/")
    assert response.status == 404
    assert "Maja Rova" not in page.content()
