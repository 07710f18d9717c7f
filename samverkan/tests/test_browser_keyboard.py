"""By keyboard alone (Tab, Shift+Tab, Enter, Space, Escape), in Debian's Chromium: the structure's
members page and one child's case from a first concern to an established plan. Every control on
every page on the way is reached by Tab, each with a focus indicator drawn, and Shift+Tab goes back.

The case is the one of plans/tests/test_browser_walk.py, without the mouse: the school counsellor
opens it and records the consent, the principal decides to call, the counsellor records the notice
and the meeting, writes the plan, records the guardians' approval and establishes it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import ensure_demo_users
from agreements.services import load_county
from plans.models import Case
from plans.tests.test_browser import log_in
from structure.demo import ensure_demo_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NUMBER = "20150505-2389"

# The focused element, marked as reached, and whether a focus indicator is drawn around it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.dataset.kbReached = '1';
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  // In a date field Tab moves through the year, month and day, which Chromium highlights itself.
  const segment = el.type === 'date' && !el.matches(':focus');
  return {
    drawn: outline || style.boxShadow !== 'none' || segment,
    target: el.dataset.kbTarget === '1',
    html: el.outerHTML.slice(0, 160),
  };
}"""

# The visible, enabled controls that Tab should reach and did not (of a group of radio buttons,
# Tab reaches one; a closed <details> shows only its summary).
UNREACHED = """() => {
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]');
  const groups = new Set([...document.querySelectorAll('input[type=radio][data-kb-reached]')]
    .map(radio => radio.form ? radio.form.id + radio.name : radio.name));
  return [...controls].filter(el =>
    !el.disabled && el.tabIndex >= 0 && !el.dataset.kbReached &&
    el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}) &&
    !(el.type === 'radio' && groups.has(el.form ? el.form.id + el.name : el.name))
  ).map(el => el.outerHTML.slice(0, 160));
}"""


def tab_through(page, limit=600):
    """Tab from the top through the whole page: every control reached, each with its focus drawn;
    then Shift+Tab goes back to the one before."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    reached = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (reached and focused["html"] == reached[0]):
            break
        assert focused["drawn"], f"no focus indicator on {focused} at {page.url}"
        reached.append(focused["html"])
    assert reached, f"Tab reaches nothing on {page.url}"
    assert page.evaluate(UNREACHED) == [], f"not reached by Tab on {page.url}"
    if len(reached) > 2:
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        page.keyboard.press("Tab")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(FOCUSED) == first, f"Shift+Tab does not go back on {page.url}"


def tab_to(page, locator, limit=600):
    """Tab (forward) until the locator's element has the focus, each step with its focus drawn."""
    locator.evaluate("el => el.dataset.kbTarget = '1'")
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["drawn"], f"no focus indicator on {focused['html']} at {page.url}"
        if focused["target"]:
            locator.evaluate("el => delete el.dataset.kbTarget")
            return
    raise AssertionError(f"Tab never reaches {locator} on {page.url}")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def date_into(page, locator, day):
    """A date field takes the month, day and year as typed digits: Debian's Chromium lays the
    field out in its own language (en-US), whatever the page's."""
    tab_to(page, locator)
    page.keyboard.type(day.strftime("%m%d%Y"))
    expect(locator).to_have_value(day.isoformat())


def choose(page, locator, label):
    """A list box: arrow keys until the option is chosen."""
    tab_to(page, locator)
    options = locator.evaluate("el => [...el.options].map(option => option.label)")
    assert label in options, (label, options)
    page.keyboard.press("Home")
    for _press in range(options.index(label)):
        page.keyboard.press("ArrowDown")
    expect(locator.locator("option:checked")).to_have_text(label)


def tick(page, locator):
    tab_to(page, locator)
    page.keyboard.press("Space")
    expect(locator).to_be_checked()


def press(page, locator, key="Enter"):
    """Follow a link or press a button by keyboard; the next page is loaded."""
    tab_to(page, locator)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_structure("norrbotten")
    ensure_demo_users()
    return live_server.url


def opened(browser, site, username):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, site, username)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Tvåfaktorsinloggning")
    page.wait_for_load_state("load")
    return page


def test_the_members_page_by_keyboard(site, browser):
    page = opened(browser, site, "samordnare")
    page.goto(f"{site}/norrbotten/organ/lansstyrgrupp/ledamoter/")
    tab_through(page)
    # At 320 px the members table's scroll wrapper is reached by Tab, so that a table wider than
    # the screen scrolls by arrow key; the whole page, again, by keyboard.
    page.set_viewport_size({"width": 320, "height": 720})
    tab_through(page)
    tab_to(page, page.get_by_role("region", name="Ledamöter nu"))
    # Escape opens and closes nothing here: the focus stays where it is.
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    page.set_viewport_size({"width": 1280, "height": 900})
    press(page, page.get_by_role("link", name="Ändra eller avsluta").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("förordnande")
    tab_through(page)
    page.context.close()


def test_a_case_from_concern_to_established_plan_by_keyboard(site, browser):
    today = timezone.localdate()
    counsellor = opened(browser, site, "kurator")
    tab_through(counsellor)
    press(counsellor, counsellor.get_by_role("link", name="Öppna ett ärende"))
    tab_through(counsellor)
    type_into(counsellor, counsellor.get_by_label("Person- eller samordningsnummer"), NUMBER)
    type_into(counsellor, counsellor.get_by_label("Namn"), "Wilma Åström")
    type_into(counsellor, counsellor.get_by_label("Vårdnadshavare"), "Jenny Åström")
    counsellor.keyboard.press("Enter")  # a new line in the text area, not a submission
    counsellor.keyboard.type("Per Åström")
    type_into(
        counsellor,
        counsellor.get_by_label("Behov du har uppmärksammat"),
        "Wilma är ofta borta från skolan och säger att hon inte sover.",
    )
    press(counsellor, counsellor.get_by_role("button", name="Spara", exact=True).first)
    expect(counsellor.get_by_role("heading", level=1)).to_contain_text("Ärende")
    case = Case.objects.get(individual__name="Wilma Åström")
    tab_through(counsellor)

    # The consent, by keyboard.
    type_into(counsellor, counsellor.get_by_label("Lämnat av"), "Jenny och Per Åström")
    date_into(counsellor, counsellor.get_by_label("Datum"), today)
    tick(counsellor, counsellor.get_by_label("Socialtjänsten, Luleå kommun"))
    tick(counsellor, counsellor.get_by_label("Division Närsjukvård, Region Norrbotten"))
    press(counsellor, counsellor.get_by_role("button", name="Spara", exact=True).first)
    expect(counsellor.get_by_text("Enhetschefen, eller den som chefen utser")).to_be_visible()
    tab_through(counsellor)

    # The principal decides to call, with social services and the health centre.
    principal = opened(browser, site, "rektor")
    principal.goto(f"{site}/arenden/{case.pk}/")
    tab_through(principal)
    date_into(principal, principal.get_by_label("Datum"), today)
    tick(principal, principal.get_by_label("Socialtjänsten, Luleå kommun"))
    tick(principal, principal.get_by_label("Division Närsjukvård, Region Norrbotten"))
    press(principal, principal.get_by_role("button", name="Spara", exact=True).first)
    expect(principal.get_by_text("Registrera att kallelsen skickats.")).to_be_visible()
    principal.context.close()

    # The notice and the meeting.
    counsellor.reload()
    tab_through(counsellor)
    date_into(counsellor, counsellor.get_by_label("Datum"), today)
    press(counsellor, counsellor.get_by_role("button", name="Spara", exact=True).first)
    tab_through(counsellor)
    date_into(counsellor, counsellor.get_by_label("Hölls den"), today)
    type_into(counsellor, counsellor.get_by_label("Vilka som deltog"), "Wilma, Jenny och Per")
    type_into(
        counsellor,
        counsellor.get_by_label("Gemensam bild av behov och resurser"),
        "Wilma sover dåligt och orkar inte hela dagar.",
    )
    press(counsellor, counsellor.get_by_role("button", name="Spara", exact=True).first)

    # The plan, written and established.
    press(counsellor, counsellor.get_by_role("link", name="Skriv planen"))
    tab_through(counsellor)
    type_into(counsellor, counsellor.get_by_label("Behov", exact=True), "Sömn och skolnärvaro.")
    type_into(
        counsellor, counsellor.get_by_label("Åtgärder av andra än regionen och kommunen"), "Inga."
    )
    choose(
        counsellor,
        counsellor.get_by_label("Huvudman med det övergripande ansvaret"),
        "Luleå kommun",
    )
    type_into(counsellor, counsellor.get_by_label("Samordnare", exact=True), "Sara Berg")
    choose(
        counsellor,
        counsellor.get_by_label("Samordnarens organisation"),
        "Socialtjänsten, Luleå kommun",
    )
    row = counsellor.locator("fieldset.plan-row").first
    type_into(counsellor, row.get_by_label("Insats", exact=True), "Sömnutredning")
    choose(counsellor, row.get_by_label("Ansvarig huvudman"), "Region Norrbotten")
    choose(counsellor, row.get_by_label("Organisation"), "Division Närsjukvård, Region Norrbotten")
    type_into(counsellor, row.get_by_label("Omfattning"), "Två besök")
    type_into(counsellor, row.get_by_label("Utförare"), "Hälsocentralen")
    type_into(counsellor, row.get_by_label("Hur den följs upp"), "Nytt nätverksmöte")
    date_into(counsellor, row.get_by_label("Följs upp den"), today)
    type_into(counsellor, counsellor.get_by_label("Godkänd av"), "Jenny och Per Åström")
    date_into(counsellor, counsellor.get_by_label("Godkänd den"), today)
    choose(counsellor, counsellor.get_by_label("Hur planen godkändes"), "vid nätverksmötet")
    press(counsellor, counsellor.get_by_role("button", name="Spara utkastet").first)
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Planen, version 1")
    tab_through(counsellor)
    date_into(counsellor, counsellor.get_by_label("Upprättad den"), today)
    press(counsellor, counsellor.get_by_role("button", name="Upprätta"), "Space")
    expect(counsellor.get_by_text("Version 1 gäller")).to_be_visible()
    tab_through(counsellor)
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED
    counsellor.context.close()
