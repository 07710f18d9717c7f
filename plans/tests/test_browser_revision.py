"""A worker's revision of a plan, on a phone, in Debian's Chromium with axe on every page: the
coordinator from social services logs in with the second factor, lands on "Mina ärenden", opens
the case whose follow-up decided that the plan is revised, revises it, finds "Upprätta" disabled
because the guardians have not approved this version, records their approval, establishes it,
and closes the case after a confirmation that says what will happen; back on the start page,
the closed case has left the list. Once in Swedish, once in English after the language switch."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from plans import services
from plans.models import Case, NetworkMeeting
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the worker reads and presses, in each language of the interface.
WORDS = {
    "sv": {
        "my_cases": "Mina ärenden",
        "case": "Ärende {n}",
        "next_step": "Revidera planen, som uppföljningsmötet beslutade",
        "revise": "Revidera planen",
        "state": "Planen revideras",
        "revising": "Du reviderar version 1, som är upprättad.",
        "second_intervention": "Insats 2",
        "scope": "Omfattning",
        "approved_by": "Godkänd av",
        "approved_on": "Godkänd den",
        "approved_how": "Hur planen godkändes",
        "at_meeting": "vid nätverksmötet",
        "save_draft": "Spara utkastet",
        "saved_version": "Version 2 av planen är sparad.",
        "plan_heading": "Planen, version 2",
        "cannot_establish": "Planen kan inte upprättas än. Den behöver:",
        "approval_missing": "godkännande av den här versionen",
        "add_missing": "Fyll i det som saknas i utkastet",
        "established_on": "Upprättad den",
        "establish": "Upprätta",
        "established": "Planen är upprättad.",
        "in_force": "Version 2 gäller",
        "close": "Avsluta ärendet",
        "reason": "Varför ärendet avslutas",
        "continue": "Fortsätt",
        "change": "Ändra det jag skrev",
        "close_question": "Avsluta ärendet?",
        "cannot_be_opened": "kan inte öppnas igen",
        "saved": "Ärendet är avslutat.",
        "closed": "Ärendet är avslutat sedan",
        "back_to_my_cases": "Tillbaka till Mina ärenden",
        "no_open_cases": "Inga öppna ärenden",
    },
    "en": {
        "my_cases": "My cases",
        "case": "Case {n}",
        "next_step": "Revise the plan, as the follow-up meeting decided",
        "revise": "Revise the plan",
        "state": "The plan is being revised",
        "revising": "You revise version 1, which is established.",
        "second_intervention": "Intervention 2",
        "scope": "Scope",
        "approved_by": "Approved by",
        "approved_on": "Approved on",
        "approved_how": "How it was approved",
        "at_meeting": "at the network meeting",
        "save_draft": "Save the draft",
        "saved_version": "Version 2 of the plan is saved.",
        "plan_heading": "The plan, version 2",
        "cannot_establish": "The plan cannot be established yet. It needs:",
        "approval_missing": "guardians of this version",
        "add_missing": "Add what is missing to the draft",
        "established_on": "Established on",
        "establish": "Establish",
        "established": "The plan is established.",
        "in_force": "Version 2 is in force",
        "close": "Close the case",
        "reason": "Why the case is closed",
        "continue": "Continue",
        "change": "Change what I wrote",
        "close_question": "Close the case?",
        "cannot_be_opened": "cannot be opened again",
        "saved": "The case is closed.",
        "closed": "The case is closed since",
        "back_to_my_cases": "Back to My cases",
        "no_open_cases": "No open cases",
    },
}


# The interface's own words; "På svenska" is marked as Swedish.
UI_WORDS = (
    ":is(h1, h2, h3, label, legend, button, caption, thead th, dt, nav a, main > p > a)"
    ":not([lang=sv])"
)


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


@pytest.fixture
def phone(browser):
    """A fresh browser session with a phone's screen, in a browser set to Swedish."""
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    yield context.new_page()
    context.close()


def revising_case() -> Case:
    """A case whose plan was established and followed up, the meeting deciding to revise it,
    taken through the same actions as the pages: the school counsellor opens it, the school's
    principal calls, social services coordinates."""
    users = get_user_model().objects.in_bulk(
        ["kurator", "rektor", "socialsekreterare"], field_name="username"
    )
    counsellor, principal, coordinator = (
        users["kurator"],
        users["rektor"],
        users["socialsekreterare"],
    )
    school, social, region = (
        Organisation.objects.get(key=key)
        for key in (
            "lulea-barn-och-utbildning",
            "lulea-socialtjansten",
            "region-norrbotten-narsjukvard",
        )
    )
    today = timezone.localdate()
    case = services.do_open_case(
        counsellor,
        organisation=school,
        identity_number="20150505-2389",
        name="Wilma Åström",
        concern="Wilma är ofta borta från skolan och säger att hon inte sover.",
        guardians=("Jenny Åström", "Per Åström"),
    )
    services.do_record_consent(
        counsellor,
        case,
        given_by="Jenny och Per Åström (vårdnadshavare)",
        given_how="writing",
        given_on=today,
        organisations=[social, region],
    )
    services.do_decide_to_call(principal, case, decided_on=today, participants=[social, region])
    services.do_send_notice(counsellor, case, sent_on=today)
    services.do_record_meeting(counsellor, case, held_on=today, attended="Wilma och föräldrarna")
    plan = services.do_draft_plan(
        counsellor,
        case,
        based_on=0,
        needs="Sömn, närvaro i skolan, stöd till familjen.",
        measures_by_others="Inga.",
        overall_responsibility="lulea",
        coordinator_name="Sara Berg",
        coordinator_organisation=social,
        approved_by="Jenny och Per Åström",
        approved_on=today,
        approved_how="at_meeting",
        interventions=[
            {
                "description": "Sömnutredning",
                "principal": "region-norrbotten",
                "organisation": region,
                "scope": "Två besök",
                "performer": "Hälsocentralen",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": today,
            },
            {
                "description": "Anpassad studiegång",
                "principal": "lulea",
                "organisation": school,
                "scope": "Kortare dagar i sex veckor",
                "performer": "Mentor",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": today,
            },
        ],
    )
    services.do_establish_plan(counsellor, plan, on=today)
    services.do_call_follow_up(coordinator, case, called_on=today, meeting_on=today)
    case.refresh_from_db()
    services.do_record_follow_up(
        coordinator,
        case,
        held_on=today,
        attended="Wilma, föräldrarna, Sara Berg, mentorn",
        picture="Wilma sover bättre och orkar längre dagar.",
        outcome=NetworkMeeting.Outcome.REVISE,
    )
    return case


def clean(page):
    """axe finds nothing on the page, nothing scrolls sideways on the phone, and every link and
    button of the main content is within the screen."""
    assert accessibility_violations(page) == [], page.url
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    width = page.evaluate("document.documentElement.clientWidth")
    for right in page.locator("main a, main button").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().right)"
    ):
        assert right <= width + 1, f"{page.url}: a link or button is off the screen"
    if page.evaluate("document.documentElement.lang") == "en":
        # The interface's own words in English: no Swedish letter in a heading, label, button
        # or caption (what people typed, and the agreements' words, stay as they were written).
        swedish = [
            text
            for text in page.locator(UI_WORDS).all_inner_texts()
            if any(letter in text for letter in "åäöÅÄÖ")
        ]
        assert swedish == [], f"{page.url} has Swedish in its English interface"


def log_in(page, site):
    """Logged in with the second factor, the coordinator lands on their start page."""
    page.goto(f"{site}/konto/logga-in/")
    clean(page)
    page.get_by_label("Användarnamn").fill("socialsekreterare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåfaktorsinloggning")
    clean(page)
    device = TOTPDevice.objects.get(user__username="socialsekreterare", confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")


def background(button) -> str:
    return button.evaluate("b => getComputedStyle(b).backgroundColor")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_worker_revises_a_plan_on_a_phone(site, phone, language):
    case = revising_case()
    words = WORDS[language]
    page = phone

    log_in(page, site)
    if language == "en":
        page.get_by_role("button", name="In English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
        expect(page.get_by_text("Nästa steg")).to_have_count(0)
        expect(page.get_by_role("button", name="På svenska")).to_be_visible()
    clean(page)

    # The case waits for the revision, and the start page says so.
    row = page.get_by_role("row").filter(has_text=words["case"].format(n=case.pk))
    expect(row).to_contain_text(words["next_step"])
    row.get_by_role("link", name=words["case"].format(n=case.pk)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["case"].format(n=case.pk))
    expect(page.get_by_text(words["next_step"])).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(words["state"])
    clean(page)

    # The revision starts from the established version, without its approval.
    page.get_by_role("link", name=words["revise"], exact=True).first.click()
    expect(page.get_by_text(words["revising"])).to_be_visible()
    expect(page.get_by_label(words["approved_by"])).to_have_value("")
    clean(page)
    second = page.get_by_role("group", name=words["second_intervention"])
    second.get_by_label(words["scope"]).fill("Hela dagar igen")
    page.get_by_role("button", name=words["save_draft"]).first.click()

    # Not established without the guardians' approval of this version: disabled, and why.
    expect(page.get_by_role("heading", level=1)).to_have_text(words["plan_heading"])
    expect(page.get_by_role("status").first).to_contain_text(words["saved_version"])
    establish = page.get_by_role("button", name=words["establish"], exact=True)
    expect(establish).to_be_disabled()
    disabled_look = background(establish)
    reasons = page.get_by_role("status").filter(has_text=words["cannot_establish"])
    expect(reasons).to_contain_text(words["approval_missing"])
    clean(page)

    # The guardians approve the revision, recorded in the draft the reasons lead to; then it
    # is established.
    reasons.get_by_role("link", name=words["add_missing"]).click()
    expect(page.get_by_label(words["approved_by"])).to_have_value("")
    clean(page)
    page.get_by_label(words["approved_by"]).fill("Jenny Åström")
    page.get_by_label(words["approved_on"]).fill(timezone.localdate().isoformat())
    page.get_by_label(words["approved_how"]).select_option(label=words["at_meeting"])
    page.get_by_role("button", name=words["save_draft"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["plan_heading"])
    expect(establish).to_be_enabled()
    assert background(establish) != disabled_look  # a disabled button does not look like one
    expect(page.get_by_text(words["cannot_establish"])).to_have_count(0)
    expect(page.get_by_label(words["established_on"])).to_have_value(
        timezone.localdate().isoformat()
    )
    clean(page)
    establish.click()
    expect(page.get_by_role("status").first).to_contain_text(words["established"])
    expect(page.get_by_text(words["in_force"])).to_be_visible()
    clean(page)
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED and case.plans.count() == 2

    # Closing the case cannot be undone: it is asked first, what was typed shown, the button
    # saying what it does.
    page.get_by_role("link", name=words["close"], exact=True).last.click()
    clean(page)
    page.get_by_label(words["reason"]).fill("Familjen har flyttat från länet.")
    page.get_by_role("button", name=words["continue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["close_question"])
    expect(page.get_by_text(words["cannot_be_opened"])).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(words["reason"])
    expect(page.get_by_role("main")).to_contain_text("Familjen har flyttat från länet.")
    # The irreversible act and the way back do not look alike.
    act = page.get_by_role("button", name=words["close"], exact=True)
    assert background(act) != background(page.get_by_role("button", name=words["change"]))
    clean(page)
    act.click()
    expect(page.get_by_role("status").first).to_contain_text(words["saved"])
    expect(page.get_by_text(words["closed"])).to_be_visible()
    clean(page)
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED

    # Back on the start page, the closed case has left the list of open ones.
    page.get_by_role("link", name=words["back_to_my_cases"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["my_cases"])
    expect(page.get_by_text(words["no_open_cases"])).to_be_visible()
    clean(page)


def test_a_coordinator_records_a_withdrawn_consent_on_a_phone(site, phone):
    """The guardians withdraw their consent: asked first, and afterwards the coordinator, whose
    organisation saw the case only through that consent, is told so on the start page rather
    than shown a page that is not there."""
    case = revising_case()
    page = phone
    log_in(page, site)
    page.get_by_role("link", name=f"Ärende {case.pk}").click()
    page.get_by_role("link", name="Registrera att samtycket har återkallats").click()
    expect(page.get_by_label("Återkallat den")).to_have_value(timezone.localdate().isoformat())
    clean(page)
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återkalla samtycket?")
    expect(page.get_by_text("Det går inte att ångra", exact=False)).to_be_visible()
    clean(page)
    page.get_by_role("button", name="Återkalla samtycket").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")
    expect(page.get_by_role("status").first).to_contain_text(
        f"Din organisation ser inte längre ärende {case.pk}"
    )
    expect(page.get_by_role("link", name=f"Ärende {case.pk}")).to_have_count(0)
    clean(page)
