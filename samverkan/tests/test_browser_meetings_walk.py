"""The demo's meetings and matters in Debian's Chromium, every page axe clean and without
sideways scrolling at a phone's width: Norrbotten's coordinator (the länsstyrgrupp's secretary)
proposes and adopts a year of the länsstyrgrupp, opens a held meeting (attendance with a
substitute on behalf of an absent member, approved minutes with action items) and the next one
(its notice sent, the open action item carried on its agenda); then the matter raised in Luleå's
municipal group, sent to the area and the county and recommended to the principals, where two
more principals decide one by one."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from matters.demo import ensure_demo_county_matters
from matters.models import Decision, Matter
from meetings.actions import meeting_path
from meetings.demo import ensure_demo_county_meetings
from meetings.models import ActionItem, Attendance, Meeting
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.demo import ensure_demo_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("migrate", verbosity=0)
    load_county("norrbotten")
    ensure_demo_structure("norrbotten")
    ensure_demo_users()
    ensure_demo_county_meetings("norrbotten")
    ensure_demo_county_matters("norrbotten")
    return live_server.url


def check(page):
    """axe clean, and nothing scrolls sideways on a phone."""
    assert accessibility_violations(page) == [], page.url
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"


def log_in(page, site, username, target):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}{target}")
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()


def test_the_demos_meetings_and_matters_at_phone_width(site, page):
    page.set_viewport_size(PHONE)
    year = timezone.localdate().year + 2
    log_in(page, site, "samordnare", f"/moten/norrbotten/lansstyrgrupp/{year}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Möten i Länsstyrgruppen {year}")
    check(page)
    page.get_by_role("button", name="Föreslå dessa möten som årets mötesplan").click()
    expect(page.get_by_text("Årets möten är föreslagna.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Fastställ planen").click()
    check(page)
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_text("Planen är fastställd.")).to_be_visible()
    check(page)

    substitute = Attendance.objects.get(role=Attendance.Role.SUBSTITUTE)
    held = substitute.meeting
    page.goto(f"{site}{meeting_path(held)}")
    expect(page.get_by_text(substitute.person.name).first).to_be_visible()
    check(page)
    page.goto(f"{site}{meeting_path(held)}minnesanteckningar/1/")
    check(page)
    carried = ActionItem.objects.get(status=ActionItem.Status.OPEN)
    following = Meeting.objects.get(status=Meeting.Status.NOTIFIED)
    page.goto(f"{site}{meeting_path(following)}")
    expect(page.get_by_text(carried.description).first).to_be_visible()
    check(page)

    matter = Matter.objects.get(state=Matter.State.PRINCIPALS)
    page.goto(f"{site}/samverkansarenden/norrbotten/{matter.pk}/")
    expect(page.get_by_text("Antagen av 6 av 15")).to_be_visible()
    check(page)
    for name in ("Arjeplogs kommun", "Haparanda kommun"):
        page.get_by_role("link", name=f"Registrera beslutet för {name}").click()
        check(page)
        page.get_by_label("Beslut", exact=True).select_option("adopted")
        page.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
        page.get_by_role("button", name="Fortsätt").click()
        check(page)
        page.get_by_role("button", name="Ja, registrera beslutet").click()
    expect(page.get_by_text("Antagen av 8 av 15")).to_be_visible()
    check(page)
    assert matter.decisions.filter(outcome=Decision.Outcome.PENDING).count() == 6
