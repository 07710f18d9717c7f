"""Issue 11's walk in Debian's Chromium, every step through the pages by the person who takes it,
every page axe clean and without sideways scrolling at a phone's width.

Norrbotten's länsstyrgrupp: its secretary proposes and adopts next year's meetings, adds a
meeting today, puts its agenda together and sends the notice; Kiruna's social chief answers that
she cannot come and the secretary calls the substitute the agreement's rule names (Gällivare's,
same närsjukvårdsområde), records who attended, writes the minutes with an action item and sends
them for approval; the chair and the adjuster approve; the open action item is carried to the
first meeting of the adopted year. Then the county's coordinator raises a matter in Luleå's
municipal group and sends it to the area group and the länsstyrgrupp, which recommends it to the
15 principals at today's meeting; Luleå, Kiruna and the region each record their own decision on
the page, and the others decide by the action, so that the page reads "Antagen av 13 av 15"."""

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.two_factor import current_code
from matters.actions import do_record_decision
from matters.models import Decision, Matter
from meetings.actions import meeting_path
from meetings.models import ActionItem, Attendance, Meeting, Minutes
from meetings.tests.builders import coordinator, member, office_holder
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.models import Appointment, Organisation
from structure.tests.builders import appoint, loaded_county, organisation, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BODY = "lansstyrgrupp"
TITLE = "Uppföljning av hemgången"
ACTION = "Ta fram en gemensam checklista för hemgång"


def named(appointment: Appointment, name: str) -> Appointment:
    appointment.person.name = name
    appointment.person.save(update_fields=["name"])
    return appointment


@pytest.fixture
def lsg(db):
    """The länsstyrgrupp's secretary and chair (who sits in the region's seat), Luleå's and
    Kiruna's social chiefs with accounts, Gällivare's substitute education chief, and a
    coordinator of the county."""
    county = loaded_county("norrbotten")
    secretary = office_holder(county, BODY, "secretary", username="sekreterare", email="s@ex.se")
    chair = office_holder(county, BODY, "chair", username="ordforande", email="o@ex.se")
    named(appoint(chair.person, BODY, "division-chief-local-care"), "Olle Ordförande")
    lulea = named(
        member(county, BODY, "social-chiefs", principal="lulea", username="lulea", email="l@ex.se"),
        "Lena Luleå",
    )
    kiruna = named(
        member(
            county, BODY, "social-chiefs", principal="kiruna", username="kiruna", email="k@ex.se"
        ),
        "Karin Kiruna",
    )
    gallivare = appoint(
        person(organisation(county, "gallivare"), name="Gunnar Gällivare", email="g@ex.se"),
        BODY,
        "education-chiefs",
        role=Appointment.Role.SUBSTITUTE,
    )
    return {
        "county": county,
        "secretary": secretary,
        "chair": chair,
        "lulea": lulea,
        "kiruna": kiruna,
        "gallivare": gallivare,
        "coordinator": coordinator("samordnare"),
    }


@pytest.fixture
def open_as(page, live_server):
    """A browser of one's own per person (each passes the second factor once), at a phone's
    width: open_as(user, path) logs the user in and opens the path."""
    contexts = []

    def opened(login_user, target):
        context = page.context.browser.new_context(locale="sv-SE", viewport=PHONE)
        contexts.append(context)
        tab = context.new_page()
        device = TOTPDevice.objects.create(user=login_user, confirmed=True, name="app")
        tab.goto(f"{live_server.url}/konto/logga-in/")
        tab.get_by_label("Användarnamn").fill(login_user.username)
        tab.get_by_label("Lösenord").fill("x" * 16)
        tab.get_by_role("button", name="Logga in").click()
        tab.goto(f"{live_server.url}{target}")
        tab.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
        tab.get_by_role("button", name="Verifiera").click()
        return tab

    yield opened
    for context in contexts:
        context.close()


def check(tab):
    """axe clean, and nothing scrolls sideways at 375 px."""
    assert tab.viewport_size == PHONE
    assert accessibility_violations(tab) == [], tab.url
    assert horizontal_overflow(tab) == 0, f"{tab.url} scrolls sideways on a phone"


def said(tab, text):
    """The page says it; then it is checked."""
    expect(tab.get_by_text(text, exact=False).first).to_be_visible()
    check(tab)


def test_a_secretarys_year_meeting_minutes_and_matter(lsg, open_as, live_server):
    today = timezone.localdate()
    next_year = today.year + 1

    # The secretary plans and adopts next year.
    secretary = open_as(lsg["secretary"], f"/moten/norrbotten/{BODY}/{next_year}/")
    expect(secretary.get_by_role("heading", level=1)).to_have_text(
        f"Möten i Länsstyrgruppen {next_year}"
    )
    check(secretary)
    secretary.get_by_role("button", name="Föreslå dessa möten som årets mötesplan").click()
    said(secretary, "Årets möten är föreslagna.")
    secretary.get_by_role("link", name="Fastställ planen").click()
    check(secretary)
    secretary.get_by_role("button", name="Fastställ planen").click()
    said(secretary, "Planen är fastställd.")
    planned = Meeting.objects.filter(
        body=BODY, instance="", starts_at__year=next_year, status=Meeting.Status.PLANNED
    ).order_by("starts_at")
    assert planned.count() >= 4  # "minst fyra" in agreement v2
    following = planned.first()

    # ... and adds a meeting today (a reason is kept only if today is no working day).
    secretary.get_by_role("link", name="Lägg till ett möte").click()
    check(secretary)
    secretary.get_by_label("Dag", exact=True).fill(today.isoformat())
    secretary.get_by_label("Mötesplats").fill("Luleå")
    secretary.get_by_label("Rubrik (valfri)").fill(TITLE)
    secretary.get_by_label("Varför denna dag eller tid").fill("Hemgången kan inte vänta")
    secretary.get_by_role("button", name="Lägg till mötet").click()
    said(secretary, "Mötet är tillagt.")
    secretary.get_by_role("link", name=TITLE).click()
    held = Meeting.objects.get(title=TITLE)
    expect(secretary.get_by_role("heading", level=1)).to_contain_text("Länsstyrgruppen")
    said(secretary, "Nästa steg")

    # The agenda and the notice.
    secretary.get_by_role("link", name="Lägg till en punkt på dagordningen").click()
    check(secretary)
    secretary.get_by_label("Punkt", exact=True).fill("Hemgång från sjukhus")
    secretary.locator("select[name=kind]").select_option("recommendation")
    secretary.get_by_label("Föredras av").fill("Samordnaren")
    secretary.get_by_role("button", name="Lägg till på dagordningen").click()
    said(secretary, "Punkten är tillagd på dagordningen.")
    secretary.get_by_role("link", name="Skicka kallelsen").first.click()
    expect(secretary.get_by_role("heading", level=1)).to_have_text("Skicka kallelsen?")
    expect(secretary.get_by_text("Karin Kiruna")).to_be_visible()
    check(secretary)
    secretary.get_by_role("button", name="Skicka kallelsen").click()
    said(secretary, "Kallelsen är skickad.")
    assert held.attendance.count() == 3  # the members; the substitute is called on need

    # Kiruna's social chief cannot come.
    kiruna = open_as(lsg["kiruna"].person.user, meeting_path(held))
    check(kiruna)
    kiruna.get_by_label("Jag kan inte komma").check()
    kiruna.get_by_role("button", name="Skicka mitt svar").click()
    said(kiruna, "Ditt svar är registrerat.")

    # The secretary calls the substitute the rule names and records who attended.
    secretary.reload()
    secretary.get_by_role("link", name="Kalla en ersättare").click()
    expect(secretary.get_by_role("heading", level=1)).to_have_text(
        "Kalla en ersättare för Karin Kiruna"
    )
    check(secretary)
    secretary.get_by_label("Ersättare att kalla").select_option(label="Gunnar Gällivare")
    secretary.get_by_role("button", name="Kalla ersättaren").click()
    said(secretary, "Ersättaren är kallad.")
    expect(secretary.get_by_role("row", name="Gunnar Gällivare")).to_contain_text(
        "för Karin Kiruna"
    )
    secretary.get_by_role("link", name="Registrera vilka som deltog").click()
    check(secretary)
    for name in ("Olle Ordförande", "Lena Luleå", "Gunnar Gällivare"):
        secretary.get_by_label(name).check()
    secretary.get_by_label("Karin Kiruna").uncheck()
    secretary.get_by_role("button", name="Registrera närvaro").click()
    said(secretary, "Närvaron är registrerad.")
    assert set(held.attendance.filter(attended=True).values_list("person__name", flat=True)) == {
        "Olle Ordförande",
        "Lena Luleå",
        "Gunnar Gällivare",
    }

    # The minutes, with an action item, sent to the chair and the adjuster.
    secretary.get_by_role("link", name="Skriv minnesanteckningarna").first.click()
    check(secretary)
    secretary.get_by_label("Diskussion").fill("Kommunerna och regionen beskrev hemgången.")
    secretary.get_by_label("Rekommendation").fill("En gemensam rutin för hemgång tas fram.")
    secretary.get_by_label("Justerare").select_option(label="Lena Luleå")
    secretary.get_by_role("button", name="Spara minnesanteckningarna").click()
    said(secretary, "Minnesanteckningarna är sparade.")
    secretary.get_by_role("link", name="Lägg till en åtgärdspunkt").click()
    check(secretary)
    secretary.get_by_label("Vad som ska göras").fill(ACTION)
    secretary.get_by_label("Ansvarig").select_option(label="Lena Luleå")
    due = today + datetime.timedelta(days=30)
    secretary.get_by_label("Senast").fill(due.isoformat())
    secretary.get_by_role("button", name="Lägg till åtgärdspunkten").click()
    said(secretary, "Åtgärdspunkten är tillagd")
    expect(secretary.get_by_text(ACTION).first).to_be_visible()
    secretary.get_by_role("link", name="Skicka för justering").first.click()
    check(secretary)
    secretary.get_by_role("button", name="Skicka för justering").click()
    said(secretary, "Minnesanteckningarna är skickade till ordföranden och justeraren.")

    # The chair approves, then the adjuster: the minutes are approved for good.
    chair = open_as(lsg["chair"], meeting_path(held))
    chair.get_by_role("link", name="Justera minnesanteckningarna").click()
    check(chair)
    chair.get_by_role("button", name="Justera minnesanteckningarna").click()
    said(chair, "Din justering är registrerad.")
    lulea = open_as(lsg["lulea"].person.user, meeting_path(held))
    lulea.get_by_role("link", name="Justera minnesanteckningarna").click()
    check(lulea)
    lulea.get_by_role("button", name="Justera minnesanteckningarna").click()
    said(lulea, "Minnesanteckningarna är justerade och kan inte längre ändras.")
    lulea.get_by_role("link", name="Version 1", exact=True).click()
    expect(lulea.get_by_text("Gunnar Gällivare")).to_contain_text("för Karin Kiruna")
    said(lulea, "En gemensam rutin för hemgång tas fram.")
    assert held.minutes.get().state == Minutes.State.APPROVED

    # The open action item is carried to the first meeting of the adopted year.
    secretary.goto(f"{live_server.url}/moten/norrbotten/{BODY}/{next_year}/")
    secretary.locator(f'a[href="{meeting_path(following)}"]').first.click()
    said(secretary, "Öppna från tidigare möten")
    action_items = secretary.locator("section[aria-labelledby=action-items]")
    expect(action_items.get_by_role("listitem").filter(has_text=ACTION)).to_contain_text(
        "Lena Luleå"
    )
    proposed = "Lägg till de föreslagna punkterna på dagordningen"
    secretary.get_by_role("button", name=proposed).click()
    said(secretary, "De föreslagna punkterna är tillagda på dagordningen.")
    expect(secretary.get_by_role("row").filter(has_text=ACTION)).to_contain_text("åtgärdspunkt")
    secretary.get_by_role("link", name="Skicka kallelsen").first.click()
    check(secretary)
    secretary.get_by_role("button", name="Skicka kallelsen").click()
    said(secretary, "Kallelsen är skickad.")
    carried = ActionItem.objects.get(description=ACTION)
    assert carried.status == ActionItem.Status.OPEN
    assert following.agenda.filter(action_item=carried).exists()

    # The coordinator raises a matter in Luleå's municipal group and sends it up.
    desk = open_as(lsg["coordinator"], "/samverkansarenden/norrbotten/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Samverkansärenden")
    check(desk)
    desk.get_by_role("link", name="Väck ett samverkansärende").click()
    check(desk)
    desk.get_by_label("Titel").fill("Gemensam rutin för hemgång")
    desk.get_by_label("Frågeställningen").fill("Hur planerar kommun och region hemgången?")
    desk.get_by_label("Väckt i").select_option("kommungrupp/lulea")
    desk.get_by_label("Tas upp av").select_option(
        str(Organisation.objects.get(key="lulea-socialtjansten").pk)
    )
    desk.get_by_role("button", name="Väck ärendet").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Gemensam rutin för hemgång")
    check(desk)
    matter = Matter.objects.get()

    def handle(outcome, target="", text="", meeting=None):
        desk.get_by_role("link", name="Registrera organets behandling").click()
        check(desk)
        desk.get_by_label("Utfall").select_option(outcome)
        if target:
            desk.get_by_label("Till organet").select_option(target)
        if text:
            desk.get_by_label("Vad organet sade eller rekommenderar").fill(text)
        if meeting:
            desk.get_by_label("Vid mötet").select_option(str(meeting.pk))
        desk.get_by_role("button", name="Fortsätt").click()
        check(desk)
        desk.get_by_role("button", name="Ja, registrera").click()
        said(desk, "Behandlingen är registrerad.")

    handle("upward", "lansdelsgrupp/boden-lulea")
    handle("upward", "lansstyrgrupp")
    recommended = "Länsstyrgruppen rekommenderar huvudmännen att anta."
    handle("recommendation", text=recommended, meeting=held)
    said(desk, "Antagen av 0 av 15")
    assert matter.handlings.filter(meeting=held).exists()

    # Each principal decides in its own line: three on the page, each by its own people.
    for tab, principal, outcome, adopted in (
        (lulea, "Luleå kommun", "adopted", 1),
        (kiruna, "Kiruna kommun", "changed", 2),
        (chair, "Region Norrbotten", "adopted", 3),
    ):
        tab.goto(f"{live_server.url}/samverkansarenden/norrbotten/")
        tab.get_by_role("link", name="Gemensam rutin för hemgång").click()
        check(tab)
        links = tab.get_by_role("link", name="Registrera beslutet för")
        expect(links).to_have_count(1)  # only its own principal's
        tab.get_by_role("link", name=f"Registrera beslutet för {principal}").click()
        check(tab)
        tab.get_by_label("Beslut", exact=True).select_option(outcome)
        tab.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
        tab.get_by_role("button", name="Fortsätt").click()
        check(tab)
        tab.get_by_role("button", name="Ja, registrera beslutet").click()
        said(tab, "Beslutet är registrerat.")
        said(tab, f"Antagen av {adopted} av 15")

    # The others by the action: ten adopt, one rejects, one is still pending.
    pending = list(matter.decisions.filter(outcome=Decision.Outcome.PENDING).order_by("pk"))
    assert len(pending) == 12
    for number, decision in enumerate(pending[:11]):
        do_record_decision(
            lsg["coordinator"],
            matter,
            principal=decision.principal,
            outcome="rejected" if number == 0 else "adopted",
            decided_on=today,
            decided_by="Kommunstyrelsen",
        )
    desk.reload()
    said(desk, "Antagen av 13 av 15")
    said(desk, "1 beslut väntar")
    assert Attendance.objects.filter(meeting=held, on_behalf_of=lsg["kiruna"].person).exists()
