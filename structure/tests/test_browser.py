"""A newcomer's path through the structure in Debian's Chromium, with axe on every page.

Every page a test visits is checked with axe for WCAG 2.1 A/AA violations, at a desktop's width
and at a phone's (375 px), and for content wider than the phone's screen. The `browser` and
`page` fixtures (the project's conftest) launch /usr/bin/chromium, never a downloaded browser,
and allow Django's synchronous ORM beside Playwright's event loop.
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
def site(live_server, transactional_db):
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


# Each heading at most one level below the one before: axe counts a skipped level as best
# practice, not WCAG, but a screen reader's list of headings reads as the page's outline.
SKIPPED_HEADINGS = """
() => {
  let previous = 0;
  const skipped = [];
  for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5")) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) skipped.push(`${h.tagName}: ${h.textContent.trim()}`);
    previous = level;
  }
  return skipped;
}
"""


def check(page, visited):
    """axe finds nothing at a desktop's width nor at a phone's, headings skip no level, and
    nothing is wider than the phone's screen (tables may scroll, by keyboard too, in place)."""
    size = page.viewport_size
    violations = accessibility_violations(page)
    page.set_viewport_size(PHONE)
    violations += [f"at 375 px: {line}" for line in accessibility_violations(page)]
    assert violations == [], f"axe on {page.url}:\n" + "\n".join(violations)
    skipped = page.evaluate(SKIPPED_HEADINGS)
    assert skipped == [], f"{page.url} skips a heading level: {skipped}"
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways at 375 px"
    page.set_viewport_size(size)
    visited.append(page.url)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_newcomers_path_through_the_public_structure(site, page):
    visited = []
    page.goto(site)
    expect(heading(page)).to_have_text("Samverkansstrukturer")
    check(page, visited)

    page.get_by_role("link", name="Norrbottens län").first.click()
    expect(heading(page)).to_have_text("Norrbottens län")
    check(page, visited)

    page.get_by_role("link", name="Länsstyrgruppen", exact=True).first.click()
    expect(heading(page)).to_have_text("Länsstyrgruppen")
    expect(page.get_by_role("table", name="Vilka som sitter i Länsstyrgruppen")).to_be_visible()
    expect(page.get_by_text("Representanter länsstyrgruppen").first).to_be_visible()
    check(page, visited)

    page.get_by_role("link", name="Norrbottens län").last.click()
    page.get_by_role("link", name="Länsdelar och deras kommuner").click()
    expect(page.get_by_role("row", name=re.compile("Östra Norrbotten"))).to_contain_text("Kalix")
    check(page, visited)

    page.get_by_role("link", name="Norrbottens län").last.click()
    page.get_by_role("link", name="Schematisk bild av strukturen").click()
    expect(page.get_by_role("img", name=re.compile("^Strukturen enligt"))).to_be_visible()
    expect(page.get_by_role("heading", name="Strukturen som text")).to_be_visible()
    check(page, visited)

    page.get_by_role("link", name="Norrbottens län").last.click()
    page.get_by_role("link", name="Dokument och versioner").click()
    expect(heading(page)).to_have_text("Dokument och versioner")
    check(page, visited)

    page.get_by_role("link", name="Jämför versionerna").click()
    expect(heading(page)).to_have_text("Jämför versioner")
    # htmx swaps the changes in place: the page's own state survives the comparison.
    page.evaluate("window.stillTheSamePage = true")
    page.select_option("#from", "2")
    page.select_option("#to", "1")
    page.get_by_role("button", name="Jämför").click()
    expect(page.locator("#changes")).to_contain_text("Från version 2 till version 1")
    expect(page).to_have_url(re.compile(r"from=2&to=1"))
    assert page.evaluate("window.stillTheSamePage") is True
    check(page, visited)

    page.get_by_role("link", name="Logga in").click()
    expect(heading(page)).to_have_text("Logga in")
    check(page, visited)
    page.get_by_label("Användarnamn").fill("kurator")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    logout = page.get_by_role("button", name="Logga ut Karin Holm")
    expect(logout).to_be_visible()
    check(page, visited)
    logout.click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()
    assert len(visited) == 9


def test_the_other_counties_and_documents_pass_too(site, page):
    load_county("vasterbotten")
    load_county("vasternorrland")
    visited = []
    # What the newcomer's path does not show: a guideline with its individual level, a political
    # board, another county's structure, and a county without areas.
    for url in (
        "/norrbotten/dokument/norrbus/1/",
        "/vasterbotten/organ/samrad-vard-omsorg/",
        "/vasternorrland/",
        "/vasternorrland/lansdelar/",
    ):
        response = page.goto(site + url)
        assert response.status == 200, url
        check(page, visited)
    assert len(visited) == 4


def test_a_coordinator_logs_in_sees_compliance_and_keeps_the_structure(site, page):
    ensure_demo_structure()
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


def test_a_reader_logs_in_to_read_compliance_but_cannot_manage(site, page):
    page.goto(f"{site}/norrbotten/efterlevnad/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/\?next=/norrbotten/efterlevnad/"))
    page.get_by_label("Användarnamn").fill("kurator")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(f"{site}/norrbotten/efterlevnad/")
    expect(page.get_by_role("button", name="Logga ut Karin Holm")).to_be_visible()
    response = page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/ledamoter/")
    assert response.status == 403


def test_a_long_document_by_its_contents_and_advice_apart_from_errors(site, page):
    load_county("vasternorrland")
    ensure_demo_structure("vasternorrland")
    visited = []
    page.goto(f"{site}/norrbotten/dokument/norrbus/1/")
    contents = page.get_by_role("navigation", name="Innehåll")
    contents.get_by_role("link", name="Individnivå").click()
    expect(page).to_have_url(re.compile(r"#individual$"))
    expect(page.get_by_text("Tolkning:").first).to_be_visible()
    check(page, visited)

    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("samordnare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name=re.compile("Logga ut"))).to_be_visible()
    page.goto(f"{site}/vasternorrland/efterlevnad/")
    expect(page.locator(".finding.error")).to_have_count(1)
    expect(page.locator(".finding.advice")).to_have_count(1)
    expect(page.locator(".finding.advice")).to_contain_text("olika kommuner")
    check(page, visited)
    assert len(visited) == 2
