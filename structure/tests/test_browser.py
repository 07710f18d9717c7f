"""A newcomer's path through the structure in Debian's Chromium, with axe on every page.

Every page the path visits is checked for WCAG 2.1 A/AA violations with axe and, at a phone's
width, for content wider than the screen.
"""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from agreements.services import load_county
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.demo import ensure_demo_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    for county in ("norrbotten", "vasterbotten", "vasternorrland"):
        load_county(county)
    ensure_demo_structure()
    ensure_demo_users()
    return live_server.url


def check(page, visited):
    """axe finds nothing, and nothing is wider than a phone's screen."""
    violations = accessibility_violations(page)
    assert violations == [], f"{page.url}:\n" + "\n".join(violations)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size(size)
    visited.append(page.url)


def test_a_newcomers_path_through_the_public_structure(site, page):
    visited = []
    page.goto(site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansstrukturer")
    check(page, visited)

    page.get_by_role("link", name="Norrbottens län").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Norrbottens län")
    check(page, visited)

    page.get_by_role("link", name="Länsstyrgruppen", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Länsstyrgruppen")
    expect(page.get_by_text("Representanter länsstyrgruppen").first).to_be_visible()
    check(page, visited)

    page.goto(f"{site}/norrbotten/")
    page.get_by_role("link", name="Länsdelar och deras kommuner").click()
    expect(page.get_by_role("row", name=re.compile("Östra Norrbotten"))).to_contain_text("Kalix")
    check(page, visited)

    page.goto(f"{site}/norrbotten/")
    page.get_by_role("link", name="Schematisk bild av strukturen").click()
    expect(page.locator("svg").first).to_be_visible()
    check(page, visited)

    page.goto(f"{site}/norrbotten/dokument/")
    check(page, visited)
    page.get_by_role("link", name="Jämför versionerna").click()
    page.select_option("#from", "1")
    page.select_option("#to", "2")
    page.get_by_role("button", name="Jämför").click()
    expect(page.locator("#changes")).to_contain_text("minst 4")
    check(page, visited)

    for url in (
        "/norrbotten/dokument/norrbus/1/",
        "/vasternorrland/",
        "/vasternorrland/organ/lansledning/",
        "/vasterbotten/organ/samrad-vard-omsorg/",
        "/konto/logga-in/",
    ):
        page.goto(site + url)
        check(page, visited)
    assert len(visited) == 12


def test_a_coordinator_logs_in_sees_compliance_and_keeps_the_structure(site, page):
    visited = []
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name=re.compile("Logga ut"))).to_be_visible()

    page.goto(f"{site}/norrbotten/")
    page.get_by_role("link", name=re.compile("Efterlevnad")).click()
    expect(page.locator(".finding.error").first).to_be_visible()
    expect(page.get_by_text("Östra Norrbotten").first).to_be_visible()
    check(page, visited)

    page.select_option("#id_rule", "geographic-spread")
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(page.locator(".finding.error")).to_have_count(1)
    check(page, visited)

    page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/ledamoter/")
    check(page, visited)
    page.get_by_role("link", name="Utse någon").click()
    check(page, visited)
    page.get_by_label("Ny person: namn").fill("Aino Kuoppa")
    page.select_option("#id_organisation", label="Socialtjänsten, Kalix kommun")
    page.select_option("#id_seat", "social-chiefs")
    page.get_by_label("Från").fill("2026-01-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("sparat")
    expect(page.get_by_role("rowheader", name=re.compile("Aino Kuoppa"))).to_be_visible()

    page.goto(f"{site}/norrbotten/efterlevnad/?rule=geographic-spread&severity=error")
    expect(page.locator(".finding.error")).to_have_count(0)

    page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/uppdrag/")
    check(page, visited)

    page.get_by_role("button", name=re.compile("Logga ut")).click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()
    assert len(visited) == 5


def test_refusals_a_reader_cannot_manage(site, page):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kurator")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    response = page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/ledamoter/")
    assert response.status == 403
    response = page.goto(f"{site}/konto/logga-in/")
    page.context.clear_cookies()
    response = page.goto(f"{site}/norrbotten/efterlevnad/")
    assert "/konto/logga-in/" in page.url
