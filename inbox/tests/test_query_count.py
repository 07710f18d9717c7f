"""The inbox costs the same number of queries for a person with a few things waiting as for one
with many: each source reads its stored due dates in a fixed number of indexed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inbox.queries import inbox_for
from meetings import actions as meeting_actions
from meetings.tests.builders import meeting
from meetings.tests.test_meeting_page import build_lsg
from plans.tests.test_case_pages import verified_login
from plans.tests.test_worklist import make_case

from .conftest import DAYS, consented_case, today

pytestmark = pytest.mark.django_db


def queries(run) -> int:
    # Once first: what a process reads once (the agreement in force, a user's roles) is not
    # the inbox's.
    run()
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def test_as_many_queries_for_many_cases_as_for_few(client, orgs, counsellor):
    school = orgs["lulea-barn-och-utbildning"]
    consented_case(school, counsellor, today() - DAYS(20))
    verified_login(client, counsellor)
    few = queries(lambda: inbox_for(counsellor))
    page_few = queries(lambda: client.get("/inkorg/"))
    for n in range(12):
        consented_case(school, counsellor, today() - DAYS(n))
    # And plans the school coordinates, with their follow-ups.
    established = today() - DAYS(60)
    steps = ("consent_on", "decided_on", "notice_sent_on", "meeting_on")
    for n in range(3):
        make_case(
            school,
            counsellor,
            state="planned",
            steps=dict.fromkeys(steps, established),
            plans=[(established, [today() + DAYS(n)])],
            coordinator=school,
        )
    assert inbox_for(counsellor).count == 16
    assert queries(lambda: inbox_for(counsellor)) == few
    assert queries(lambda: client.get("/inkorg/")) == page_few


def test_as_many_queries_for_many_meetings_as_for_few():
    lsg = build_lsg()
    owner = lsg["kiruna"].person
    earlier = meeting(lsg["county"], "lansstyrgrupp", today() - DAYS(40))

    def add_item(days):
        meeting_actions.do_add_action_item(
            lsg["secretary"],
            earlier,
            description="Rapport",
            owner=owner,
            due_on=today() - DAYS(days),
        )

    add_item(1)
    few = queries(lambda: inbox_for(owner.user))
    for n in range(2, 10):
        add_item(n)
        meeting(lsg["county"], "lansstyrgrupp", today() + DAYS(5 + n))
    assert len(inbox_for(owner.user).items) == 9
    assert queries(lambda: inbox_for(owner.user)) == few
