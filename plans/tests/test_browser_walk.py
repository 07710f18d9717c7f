"""One child's case from a first concern to a followed-up plan, in Debian's Chromium with axe on
every page, as the people of Norrbus take it: the school counsellor opens it and records the
consent, the principal decides to call, the meeting is recorded and the plan written (with an
intervention added on the way, Enter saving the draft in place, "Upprätta" disabled until the
approval is there), established and followed up by the coordinator from social services, who
revises it: the revision starts without approval and is established once the guardians approve
it. On the way: the refusals of those outside the consent."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.demo import ensure_demo_users
from agreements.services import load_county
from plans.models import Case

from .test_browser import check, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NUMBER = "20150505-2389"


@pytest.fixture
def site(live_server):
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


@pytest.fixture
def as_user(browser, site):
    """A fresh browser session per person, logged in with the second factor."""
    contexts = []

    def open_as(username):
        context = browser.new_context(locale="sv-SE")
        contexts.append(context)
        page = context.new_page()
        log_in(page, site, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def save(page, name="Spara"):
    # The plan form has its save button at the top as well (Enter presses the first).
    page.get_by_role("button", name=name, exact=True).first.click()


def test_one_childs_case_from_concern_to_followed_up_plan(site, as_user):
    today = timezone.localdate().isoformat()
    counsellor = as_user("kurator")
    counsellor.get_by_role("link", name="Öppna ett ärende").click()
    counsellor.get_by_label("Person- eller samordningsnummer").fill(NUMBER)
    counsellor.get_by_label("Namn").fill("Wilma Åström")
    counsellor.get_by_label("Vårdnadshavare").fill("Jenny Åström\nPer Åström")
    counsellor.get_by_label("Behov du har uppmärksammat").fill(
        "Wilma är ofta borta från skolan och säger att hon inte sover."
    )
    check(counsellor)
    save(counsellor)
    expect(counsellor.get_by_role("heading", level=1)).to_contain_text("Ärende")
    assert NUMBER not in counsellor.url and NUMBER.replace("-", "") not in counsellor.content()
    case = Case.objects.get(individual__name="Wilma Åström")
    check(counsellor)

    # Consent from the guardians, to share with social services and the health centre.
    counsellor.get_by_label("Lämnat av").fill("Jenny och Per Åström (vårdnadshavare)")
    counsellor.get_by_label("Datum").fill(today)
    counsellor.get_by_label("Socialtjänsten, Luleå kommun").check()
    counsellor.get_by_label("Division Närsjukvård, Region Norrbotten").check()
    counsellor.get_by_label("Barnets egen uppfattning").fill("Vill att det blir lättare i skolan.")
    save(counsellor)
    expect(counsellor.get_by_text("Enhetschefen, eller den som chefen utser")).to_be_visible()
    check(counsellor)

    # The nurse's unit is named in the consent but does not take part yet: no hint of the case.
    outsider = as_user("sjukskoterska")
    assert outsider.goto(f"{site}/arenden/{case.pk}/").status == 404
    assert "Wilma" not in outsider.content()

    # The school's principal decides to call, with the social services and the health centre.
    principal = as_user("rektor")
    principal.goto(f"{site}/arenden/{case.pk}/")
    check(principal)
    principal.get_by_label("Datum").fill(today)
    principal.get_by_label("Socialtjänsten, Luleå kommun").check()
    principal.get_by_label("Division Närsjukvård, Region Norrbotten").check()
    principal.get_by_label("Närstående som deltar").fill("Mormor Eva")
    save(principal)
    expect(principal.get_by_role("alert").first).to_contain_text("lämpligt")  # confirm both
    principal.get_by_label("Det är lämpligt, och den enskilde motsätter sig inte det").check()
    save(principal)
    expect(principal.get_by_text("Registrera att kallelsen skickats.")).to_be_visible()

    # Taking part now, the nurse sees the case.
    outsider.goto(f"{site}/arenden/{case.pk}/")
    expect(outsider.get_by_text("Wilma Åström")).to_be_visible()

    # The notice and the meeting.
    counsellor.reload()
    counsellor.get_by_label("Datum").fill(today)
    save(counsellor)
    counsellor.get_by_label("Hölls den").fill(today)
    counsellor.get_by_label("Vilka som deltog").fill("Wilma, Jenny och Per Åström, mormor Eva")
    counsellor.get_by_label("Gemensam bild av behov och resurser").fill(
        "Wilma sover dåligt och orkar inte hela dagar; familjen vill ha stöd."
    )
    check(counsellor)
    save(counsellor)

    # The plan: written at the meeting, an intervention added on the way, nothing lost.
    counsellor.get_by_role("link", name="Skriv planen").click()
    check(counsellor)
    counsellor.get_by_label("Behov", exact=True).fill("Sömn, närvaro i skolan, stöd till familjen.")
    counsellor.get_by_label("Åtgärder av andra än regionen och kommunen").fill("Inga.")
    counsellor.get_by_label("Huvudman med det övergripande ansvaret").select_option(
        label="Luleå kommun"
    )
    counsellor.get_by_label("Samordnare", exact=True).fill("Sara Berg")
    counsellor.get_by_label("Samordnarens organisation").select_option(
        label="Socialtjänsten, Luleå kommun"
    )
    row = counsellor.locator("fieldset.plan-row").first
    row.get_by_label("Insats", exact=True).fill("Sömnutredning")
    row.get_by_label("Ansvarig huvudman").select_option(label="Region Norrbotten")
    row.get_by_label("Organisation").select_option(label="Division Närsjukvård, Region Norrbotten")
    row.get_by_label("Omfattning").fill("Två besök")
    row.get_by_label("Utförare").fill("Hälsocentralen")
    row.get_by_label("Hur den följs upp").fill("Nytt nätverksmöte")
    row.get_by_label("Följs upp den").fill(today)
    save(counsellor, "Lägg till en insats")
    second = counsellor.locator("fieldset.plan-row").nth(1)
    expect(
        counsellor.locator("fieldset.plan-row").first.get_by_label("Insats", exact=True)
    ).to_have_value("Sömnutredning")
    second.get_by_label("Insats", exact=True).fill("Anpassad studiegång")
    second.get_by_label("Ansvarig huvudman").select_option(label="Luleå kommun")
    second.get_by_label("Organisation").select_option(
        label="Barn- och utbildningsförvaltningen, Luleå kommun"
    )
    second.get_by_label("Omfattning").fill("Kortare dagar i sex veckor")
    second.get_by_label("Utförare").fill("Mentor")
    second.get_by_label("Hur den följs upp").fill("Nytt nätverksmöte")
    second.get_by_label("Följs upp den").fill(today)
    # Enter in a field saves the draft; it adds no empty row.
    second.get_by_label("Utförare").press("Enter")
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Planen, version 1")
    # Without the guardians' approval "Upprätta" is disabled, with the reason beside it.
    expect(counsellor.get_by_role("button", name="Upprätta")).to_be_disabled()
    expect(counsellor.get_by_text("Godkännande av personen eller vårdnadshavarna.")).to_be_visible()
    check(counsellor)
    counsellor.get_by_role("link", name="Ändra utkastet").click()
    assert counsellor.locator("fieldset.plan-row").count() == 3  # two interventions, one empty
    counsellor.get_by_label("Godkänd av").fill("Jenny och Per Åström")
    counsellor.get_by_label("Godkänd den").fill(today)
    counsellor.get_by_label("Hur planen godkändes").select_option(label="vid nätverksmötet")
    save(counsellor, "Spara utkastet")
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Planen, version 1")
    counsellor.get_by_label("Upprättad den").fill(today)
    save(counsellor, "Upprätta")
    expect(counsellor.get_by_text("Version 1 gäller")).to_be_visible()
    assert case.plans.count() == 1  # the draft was changed in place
    check(counsellor)

    # The coordinator from social services calls the follow-up and records it; the plan goes on.
    coordinator = as_user("socialsekreterare")
    coordinator.goto(f"{site}/arenden/{case.pk}/")
    expect(coordinator.get_by_text("Kalla till uppföljningsmöte.")).to_be_visible()
    coordinator.get_by_label("Kallat den").fill(today)
    coordinator.get_by_label("Mötet hålls den").fill(today)
    save(coordinator)
    coordinator.get_by_label("Hölls den").fill(today)
    coordinator.get_by_label("Vilka som deltog").fill("Wilma, föräldrarna, Sara Berg, mentorn")
    coordinator.get_by_label("Hur insatserna har gått").fill("Wilma sover bättre och är i skolan.")
    coordinator.get_by_label("planen revideras").check()
    check(coordinator)
    save(coordinator)
    # The meeting decided to revise: that is the next step, not another follow-up meeting.
    expect(
        coordinator.get_by_text("Revidera planen, som uppföljningsmötet beslutade.")
    ).to_be_visible()

    # Revised: a second version, without the first one's approval, compared with the first.
    coordinator.get_by_role("link", name="Revidera planen").first.click()
    expect(coordinator.get_by_label("Godkänd av")).to_have_value("")
    coordinator.locator("fieldset.plan-row").nth(1).get_by_label("Omfattning").fill(
        "Hela dagar igen"
    )
    save(coordinator, "Spara utkastet")
    expect(coordinator.get_by_role("button", name="Upprätta")).to_be_disabled()
    coordinator.get_by_role("link", name="Vad som ändrats sedan versionen före").click()
    expect(coordinator.get_by_text("Hela dagar igen")).to_be_visible()
    check(coordinator)
    case.refresh_from_db()
    assert case.state == Case.State.REVISING and case.plans.count() == 2
    # The guardians approve the revision; then it is established.
    coordinator.goto(f"{site}/arenden/{case.pk}/plan/")
    coordinator.get_by_label("Godkänd av").fill("Jenny Åström")
    coordinator.get_by_label("Godkänd den").fill(today)
    coordinator.get_by_label("Hur planen godkändes").select_option(label="muntligt")
    save(coordinator, "Spara utkastet")
    coordinator.get_by_label("Upprättad den").fill(today)
    save(coordinator, "Upprätta")
    expect(coordinator.get_by_text("Version 2 gäller")).to_be_visible()
    case.refresh_from_db()
    assert case.state == Case.State.PLANNED and case.plans.count() == 2


def test_a_forged_case_number_gets_no_hint(site, as_user):
    page = as_user("kurator")
    assert page.goto(f"{site}/arenden/999999/").status == 404
    check(page)
