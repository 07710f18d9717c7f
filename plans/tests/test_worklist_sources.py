"""Other apps' deadlines (plans.worklist_sources) stand in the worklist among the cases' own:
in one order by day, a case's deadline first on the same day, paged so that the pages together
are the whole list whatever the page size, each page in the same number of queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from plans import worklist_sources
from plans.models import Case
from plans.worklist import CaseDeadline, worklist_window
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_worklist import DAY, make_case

pytestmark = pytest.mark.django_db
# The second falls on the day of a case's notice deadline (four working days after DAY).
OTHER_DAYS = [DAY + datetime.timedelta(days=n) for n in (0, 4, 9, 30)]


def _other_rows(user, today):
    return [
        (f"Placering {n}", "Kostnadsfördelning", day, f"/annat/{n}/")
        for n, day in enumerate(OTHER_DAYS)
    ]


@pytest.fixture
def user(monkeypatch):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    organisation = Organisation.objects.get(county=county, key="lulea-socialtjansten")
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=user, organisation=organisation, role="professional")
    for consent_on in (DAY - datetime.timedelta(days=3), DAY, DAY + datetime.timedelta(days=8)):
        make_case(organisation, user, state=Case.State.CONSENTED, steps={"consent_on": consent_on})
    monkeypatch.setattr(
        worklist_sources,
        "_sources",
        {"other": worklist_sources.WorklistSource("other", f"{__name__}._other_rows")},
    )
    return user


def _key(item):
    if isinstance(item, CaseDeadline):
        return (item.due_on is not None, item.due_on or DAY, 0)
    return (True, item.due_on, 1)


def test_the_other_apps_deadlines_stand_in_the_cases_order(user):
    whole = worklist_window(user, DAY, "1", 100)
    assert not whole.has_next
    assert [item.url for item in whole.rows if not isinstance(item, CaseDeadline)] == [
        "/annat/0/",
        "/annat/1/",
        "/annat/2/",
        "/annat/3/",
    ]
    assert sum(isinstance(item, CaseDeadline) for item in whole.rows) == 3
    assert [_key(item) for item in whole.rows] == sorted(_key(item) for item in whole.rows)
    assert [_key(item) for item in whole.rows][1:3] == [(True, OTHER_DAYS[1], 0)] + [
        (True, OTHER_DAYS[1], 1)
    ]


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_the_pages_together_are_the_whole_list_in_the_same_queries(user, size):
    whole = worklist_window(user, DAY, "1", 100).rows
    paged, queries, number = [], set(), 1
    while True:
        with CaptureQueriesContext(connection) as captured:
            page = worklist_window(user, DAY, str(number), size)
        queries.add(len(captured))
        paged += page.rows
        if not page.has_next:
            break
        number += 1
    assert [_key(item) for item in paged] == [_key(item) for item in whole]
    assert [getattr(item, "url", None) for item in paged] == [
        getattr(item, "url", None) for item in whole
    ]
    assert len(queries) == 1
    assert worklist_window(user, DAY, "999999", size).rows == []


def test_the_worklist_page_links_the_other_apps_deadlines(client, user):
    verified_login(client, user)
    page = client.get("/arenden/")
    assert page.status_code == 200
    assert b'href="/annat/1/"' in page.content
    assert b"Placering 1" in page.content
