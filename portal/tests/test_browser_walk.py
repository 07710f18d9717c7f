"""A guardian's walk through My pages in Debian's Chromium, axe on every page and at 320 px:
the demo login, the plan, who read the child's data, and the consent withdrawn after the
confirmation step; then a young person of 17 on their own pages."""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import ensure_demo_users
from agreements.services import load_county
from plans.demo import ensure_demo_cases
from plans.models import Consent
from portal.demo import ensure_demo_guardians
from samverkan.browser import accessibility_violations, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NARROWEST = {"width": 320, "height": 640}


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    ensure_demo_cases()
    ensure_demo_guardians()
    return live_server.url


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(NARROWEST)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in_as(page, site, label):
    page.goto(f"{site}/mina-sidor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in på Mina sidor")
    check(page)
    page.get_by_label(label).check()
    page.get_by_role("button", name="Logga in").click()


def test_a_guardian_reads_the_plan_and_withdraws_consent(site, page):
    log_in_as(page, site, "Vårdnadshavare till Elsa Lantto (Vårdnadshavare till Elsa)")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina sidor")
    check(page)
    page.get_by_role("region", name="Elsa Lantto").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Planen för Elsa Lantto")
    expect(page.get_by_text("Särskilt stöd i skolan")).to_be_visible()
    expect(page.get_by_text("Samordnare är Sara Berg.")).to_be_visible()
    check(page)

    page.get_by_role("link", name="Se vem som har läst uppgifterna om planen, och när").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vem som har läst uppgifterna")
    expect(page.get_by_text("Vårdnadshavare via Mina sidor").first).to_be_visible()
    check(page)
    page.get_by_role("link", name="Tillbaka till planen").click()

    page.get_by_role("link", name="Återkalla samtycket").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återkalla samtycket")
    check(page)
    page.get_by_role("button", name="Återkalla samtycket").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kryssa i rutan")
    check(page)
    assert not Consent.objects.filter(withdrawn_on__isnull=False).exists()
    page.get_by_label("Jag förstår vad det innebär och vill återkalla samtycket").check()
    page.get_by_role("button", name="Återkalla samtycket").click()
    expect(page.get_by_role("status").first).to_contain_text("Samtycket är återkallat")
    expect(page.get_by_text("Återkallat den").first).to_be_visible()
    check(page)
    assert Consent.objects.filter(
        withdrawn_on__isnull=False, case__individual__name="Elsa Lantto"
    ).exists()

    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("status").first).to_contain_text("Du är utloggad")
    page.goto(f"{site}/mina-sidor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in på Mina sidor")


def test_a_young_person_sees_their_own_pages(site, page):
    log_in_as(page, site, re.compile("^Hugo Sandberg"))
    expect(page.get_by_role("heading", name="Din plan")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Startade").first.click()
    expect(page.get_by_text("Det finns ingen plan ännu.")).to_be_visible()
    check(page)
