"""The meeting page in Debian's Chromium, axe clean and without sideways scrolling at 375 px: a
secretary's view with its agenda, the morning warning, the notice sent and the answers."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.two_factor import current_code
from meetings import actions, agenda, attendance
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow

from .test_meeting_page import build_lsg, page_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    assert accessibility_violations(page) == [], f"{page.url} at phone width"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_secretarys_meeting_page(live_server, page):
    lsg = build_lsg()
    found = lsg["meeting"]
    for title, minutes, joint in (
        ("Lägesrapport från länsdelarna", 120, False),
        ("Gemensam fråga om skolfrånvaro", 45, True),
    ):
        agenda.do_add_agenda_item(
            lsg["secretary"],
            found,
            agenda.ItemData(title, "discussion", minutes=minutes, joint_question=joint),
        )
    found.refresh_from_db()
    actions.do_send_notice(lsg["secretary"], found)
    absent = found.attendance.get(person=lsg["kiruna"].person)
    attendance.do_answer_notice(lsg["kiruna"].person.user, absent, "not_coming")
    device = TOTPDevice.objects.create(user=lsg["secretary"], confirmed=True, name="app")

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("sekreterare")
    page.get_by_label("Lösenord").fill("x" * 16)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}{page_of(found)}")
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Länsstyrgruppen")
    expect(page.get_by_text("Gemensamma frågor efter lunch.")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Kalla en ersättare").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalla en ersättare för")
    check(page)
    page.get_by_role("button", name="Kalla ersättaren").click()
    expect(page.get_by_role("status").first).to_contain_text("Ersättaren är kallad")
    check(page)
