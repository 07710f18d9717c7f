"""A worker's day begins on "Mina ärenden", in Debian's Chromium with axe at a phone's width and
a desktop's: logged in, the second factor, the start page with the overdue case first and marked
in words; the consent's recipients grouped; closing a case asks first. And the error pages, in
Swedish in the platform's layout; and the coordinator's landing on the county's findings, with
every member's "Ändra eller avsluta" in sight at both widths."""

import re

import pytest
from django.urls import path
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from plans.demo import ensure_demo_cases
from plans.models import Case
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from samverkan.urls import urlpatterns as site_urls
from structure.demo import ensure_demo_structure

DESKTOP = {"width": 1280, "height": 900}


def broken(request):
    raise RuntimeError("a fault in the platform")


urlpatterns = [path("trasig/", broken), *site_urls]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls(__name__),
]


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


def clean_at_both_widths(page):
    """axe finds nothing at either width, nothing scrolls sideways, and every link and button
    in the main content is within the page."""
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert accessibility_violations(page) == [], (page.url, size)
        assert horizontal_overflow(page) == 0, (page.url, size)
        width = page.evaluate("document.documentElement.clientWidth")
        for box in page.locator("main a, main button").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)"
        ):
            assert box <= width + 1, (page.url, size)
    page.set_viewport_size(DESKTOP)


def test_a_worker_from_login_to_the_start_page(site, page):
    ensure_demo_cases()
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kurator")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsinloggning")
    clean_at_both_widths(page)
    device = TOTPDevice.objects.get(user__username="kurator", confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")
    assert page.url.endswith("/arenden/mina/")
    clean_at_both_widths(page)
    first = page.locator("tbody tr").first
    expect(first.get_by_text("Försenat")).to_be_visible()  # in words, not by colour alone
    expect(first).to_contain_text("arbetsdagar försenad")
    expect(page.get_by_text("Elsa Lantto")).to_have_count(0)  # no names on the list

    # A case the worker's school opened, waiting for consent: the recipients grouped.
    opened = Case.objects.get(state="opened", opening_organisation__key="lulea-barn-och-utbildning")
    page.goto(f"{site}/arenden/{opened.pk}/")
    expect(page.get_by_text("Hela hälso- och sjukvården i Region Norrbotten")).to_be_visible()
    expect(page.get_by_text("Förtroendevalda")).to_have_count(0)
    clean_at_both_widths(page)

    # Closing a case asks first, with a button that says what it does.
    page.get_by_role("link", name="Mina ärenden").first.click()
    page.locator("tbody tr").first.get_by_role("link").first.click()
    case_url = page.url
    page.get_by_role("link", name="Avsluta ärendet").last.click()
    page.get_by_label("Varför ärendet avslutas").fill("Familjen har flyttat från länet.")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta ärendet?")
    clean_at_both_widths(page)
    page.get_by_role("button", name="Ändra det jag skrev").click()
    expect(page.get_by_label("Varför ärendet avslutas")).to_have_value(
        "Familjen har flyttat från länet."
    )
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("button", name="Avsluta ärendet").click()
    expect(page.get_by_role("status").first).to_contain_text("Ärendet är avslutat.")
    assert page.url == case_url


def test_the_error_pages(site, page):
    for address, status, heading in (
        ("/finns-inte/", 404, "Det finns inget här som du kan se"),
        ("/trasig/", 500, "Något gick fel hos oss"),
    ):
        response = page.goto(f"{site}{address}")
        assert response.status == status
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_role("link", name="Till din startsida")).to_be_visible()
        clean_at_both_widths(page)


def test_the_coordinator_lands_on_the_findings_and_every_member_can_be_changed(site, page):
    ensure_demo_structure()
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    assert page.url.endswith("/norrbotten/efterlevnad/")
    page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/ledamoter/")
    clean_at_both_widths(page)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        links = page.get_by_role("link", name=re.compile("Ändra eller avsluta"))
        assert links.count() > 1
        width = page.evaluate("document.documentElement.clientWidth")
        for right in links.evaluate_all("els => els.map(e => e.getBoundingClientRect().right)"):
            assert right <= width, size  # in sight, not behind a scroll
        overflow = page.locator(".table-scroll").evaluate_all(
            "els => els.filter(e => e.checkVisibility()).map(e => e.scrollWidth - e.clientWidth)"
        )
        assert max(overflow) <= 0, (size, overflow)
