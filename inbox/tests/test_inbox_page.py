"""The inbox page: everything waiting for the person, overdue first and marked, each with its
next step and link; done items leave; no names; the read of the cases logged; the count on the
start page."""

import pytest

from audit.models import AuditEvent
from inbox.queries import inbox_for
from meetings import actions as meeting_actions
from meetings.tests.builders import meeting
from meetings.tests.test_meeting_page import build_lsg, with_agenda
from plans.models import PendingDeadline
from plans.tests.test_case_pages import verified_login
from plans.tests.test_mycases import covered, member
from plans.tests.test_worklist import make_case

from .conftest import DAYS, consented_case, notice_due, today

pytestmark = pytest.mark.django_db


def test_overdue_first_then_as_soon_as_possible_then_by_date(counsellor, cases):
    found = inbox_for(counsellor)
    ids = [item.case_id for item in found.items]
    assert ids[0] == cases["overdue"].pk
    assert ids[1] == cases["acute"].pk
    assert cases["coming"].pk in ids[2:]
    assert cases["other"].pk not in ids
    first = found.items[0]
    assert first.overdue(found.today) and first.due_on == notice_due(cases["overdue"])
    assert first.next_step == "Skicka kallelsen"
    assert first.url == f"/arenden/{cases['overdue'].pk}/"
    assert found.items[1].as_soon_as_possible


def test_the_page_marks_overdue_names_no_one_and_logs_the_read(client, counsellor, cases):
    verified_login(client, counsellor)
    response = client.get("/inkorg/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 sak är försenad." in html and 'class="tag overdue"' in html
    assert f"Ärende {cases['overdue'].pk}: kallelse till nätverksmöte" in html
    assert "så snart som möjligt" in html
    assert "Barn " not in html and "Oro" not in html
    event = AuditEvent.objects.filter(code="cases.listed", actor=counsellor).latest("pk")
    assert sorted(event.changes["cases"]) == sorted(
        c.pk for key, c in cases.items() if key != "other"
    )


def test_a_done_step_leaves_the_list(counsellor, cases):
    PendingDeadline.objects.filter(case=cases["overdue"]).delete()
    assert cases["overdue"].pk not in [item.case_id for item in inbox_for(counsellor).items]


def test_the_start_page_counts_what_waits(client, counsellor, cases):
    verified_login(client, counsellor)
    start = client.get("/arenden/mina/").content.decode()
    # The page links the inbox at once and loads the count after itself.
    assert 'href="/inkorg/"' in start and 'hx-get="/inkorg/antal/"' in start
    html = client.get("/inkorg/antal/").content.decode()
    count = inbox_for(counsellor).count
    assert f"Min inkorg: {count} saker väntar på dig" in html and 'href="/inkorg/"' in html


def test_before_the_second_factor_the_inbox_asks_for_it(client, counsellor, cases):
    client.force_login(counsellor)
    response = client.get("/inkorg/")
    assert response.status_code == 302 and "/konto/tvafaktor/" in response["Location"]
    assert client.get("/inkorg/", follow=False).status_code == 302


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/inkorg/")
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_a_secretary_sends_the_notice_and_it_leaves_the_list(client):
    lsg = build_lsg()
    secretary = lsg["secretary"]
    meeting = with_agenda(lsg)
    waiting = [i for i in inbox_for(secretary).items if i.source == "meetings"]
    assert [i.next_step for i in waiting] == ["Sätt samman dagordningen och skicka kallelsen"]
    assert waiting[0].url == f"/moten/norrbotten/moten/{meeting.pk}/"
    meeting_actions.do_send_notice(secretary, meeting)
    assert not [i for i in inbox_for(secretary).items if i.next_step.startswith("Sätt samman")]
    # The member called now has a notice to answer, due on the meeting's day.
    member = lsg["kiruna"].person.user
    answer = [i for i in inbox_for(member).items if i.source == "meetings"]
    assert [i.next_step for i in answer] == ["Svara om du kommer"]
    verified_login(client, member)
    html = client.get("/inkorg/").content.decode()
    assert f"/moten/norrbotten/moten/{meeting.pk}/svar/" in html
    assert "Min inkorg: 1 sak väntar på dig" in client.get("/inkorg/antal/").content.decode()


def test_an_overdue_action_item_is_first_and_marked(client):
    lsg = build_lsg()
    owner = lsg["kiruna"].person
    earlier = meeting(lsg["county"], "lansstyrgrupp", today() - DAYS(40))
    item = meeting_actions.do_add_action_item(
        lsg["secretary"],
        earlier,
        description="Rapportera läget",
        owner=owner,
        due_on=today() - DAYS(2),
    )
    found = inbox_for(owner.user)
    assert found.items[0].url == f"/moten/norrbotten/atgardspunkter/{item.pk}/stang/"
    assert found.items[0].overdue(found.today)
    # The action item's own text stays on the meeting's page.
    assert "Rapportera" not in found.items[0].what


def test_the_coordinator_has_the_follow_up_while_the_consent_covers_it(orgs, counsellor):
    school, social = orgs["lulea-barn-och-utbildning"], orgs["lulea-socialtjansten"]
    established = today() - DAYS(60)
    case = make_case(
        school,
        counsellor,
        state="planned",
        steps=dict.fromkeys(
            ("consent_on", "decided_on", "notice_sent_on", "meeting_on"), established
        ),
        plans=[(established, [today() - DAYS(3)])],
        coordinator=social,
    )
    worker = member("socialsekreterare", social)
    assert [i.case_id for i in inbox_for(worker).items] == []  # no consent covers it yet
    covered(case, social, user=counsellor)
    [item] = inbox_for(worker).items
    assert (item.case_id, item.next_step) == (case.pk, "Kalla till eller håll uppföljningsmötet")
    assert item.overdue(today())
    # The school opened it but does not coordinate the plan: the follow-up is not its.
    assert case.pk not in [i.case_id for i in inbox_for(counsellor).items]


def test_a_source_keeps_its_most_urgent_items_of_every_kind(orgs, counsellor):
    """The cases' source gives the notices of the cases the school opened and the follow-ups
    of the plans it coordinates in the inbox's order, so that what it shows of more than it
    may show is the most urgent of both."""
    from inbox.sources.cases import collect

    school = orgs["lulea-barn-och-utbildning"]
    for _ in range(2):
        consented_case(school, counsellor, today())  # notices due in five working days
    established = today() - DAYS(60)
    followed = make_case(
        school,
        counsellor,
        state="planned",
        steps=dict.fromkeys(
            ("consent_on", "decided_on", "notice_sent_on", "meeting_on"), established
        ),
        plans=[(established, [today() - DAYS(3)])],
        coordinator=school,
    )
    shown, more = collect(counsellor, today(), 1)
    assert shown.case_id == followed.pk and shown.overdue(today())
    assert more.next_step == "Skicka kallelsen"
