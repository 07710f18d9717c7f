"""Issue 11's last gaps in Debian's Chromium, axe clean and at phone width on every page: the
secretary adds a document to an agenda item and sees it in the notice's confirm step, then
withdraws a substitute called by mistake, with its confirm step."""

import pytest
from playwright.sync_api import expect

from meetings import agenda, attendance

from .test_feeds_browser import log_in
from .test_meeting_browser import check
from .test_meeting_page import build_lsg, page_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "files")


def test_documents_and_a_withdrawn_substitute(live_server, page, tmp_path):
    lsg = build_lsg()
    found = lsg["meeting"]
    agenda.do_add_agenda_item(
        lsg["secretary"], found, agenda.ItemData("Handlingsplan psykisk hälsa", "decision")
    )
    plan = tmp_path / "handlingsplan.pdf"
    plan.write_bytes(b"%PDF-1.4 handlingsplan")
    log_in(page, live_server.url, lsg["secretary"], page_of(found))
    expect(page.get_by_role("heading", name="Dokument")).to_be_visible()
    page.get_by_role("link", name="Lägg till handlingar").click()
    check(page)
    page.get_by_label("Dokument").set_input_files(str(plan))
    page.get_by_label("Till dagordningspunkten").select_option(label="Handlingsplan psykisk hälsa")
    page.get_by_role("button", name="Lägg till handlingarna").click()
    expect(page.get_by_role("status").first).to_contain_text("Handlingarna är tillagda")
    expect(page.get_by_role("link", name="handlingsplan.pdf", exact=True)).to_be_visible()
    check(page)
    page.get_by_role("link", name="Skicka kallelsen").first.click()
    expect(page.get_by_text("handlingsplan.pdf")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Skicka kallelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Kallelsen är skickad")

    kiruna = found.attendance.get(person=lsg["kiruna"].person)
    attendance.do_answer_notice(lsg["kiruna"].person.user, kiruna, "not_coming")
    attendance.do_call_substitute(lsg["secretary"], kiruna, lsg["gallivare"])
    page.goto(f"{live_server.url}{page_of(found)}")
    page.get_by_role("link", name="Återkalla kallelsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Återkalla kallelsen av")
    check(page)
    page.get_by_label("Fel person kallades: ledamoten kan fortfarande inte komma").check()
    page.get_by_role("button", name="Återkalla kallelsen").click()
    expect(page.get_by_role("status").first).to_contain_text("är återkallad")
    expect(page.get_by_role("link", name="Kalla en ersättare")).to_be_visible()
    check(page)


def test_a_member_who_comes_after_all_releases_the_substitute(live_server, page):
    """The adult psychiatry's chief cannot come, and the named substitute is called; the page
    then says who stands in and what answering coming does, and coming after all releases
    them."""
    from meetings import actions

    lsg = build_lsg()
    found = lsg["meeting"]
    agenda.do_add_agenda_item(
        lsg["secretary"], found, agenda.ItemData("Lägesrapport", "information")
    )
    actions.do_send_notice(lsg["secretary"], found)
    member = lsg["psychiatry"].person.user
    log_in(page, live_server.url, member, page_of(found))
    page.get_by_label("Jag kan inte komma").check()
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_role("status").first).to_contain_text("din ersättare")
    substitute = lsg["named"].person.name
    expect(page.get_by_text(f"{substitute} är kallad i ditt ställe")).to_be_visible()
    check(page)
    page.get_by_label("Jag kommer").check()
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_role("status").first).to_contain_text("som var kallad i ditt ställe")
    expect(page.get_by_text(f"{substitute} är kallad i ditt ställe")).to_have_count(0)
    check(page)
    assert not found.attendance.filter(person=lsg["named"].person).exists()
