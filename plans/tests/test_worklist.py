"""The worklist reads the pending deadlines kept with each case: they must be exactly the open
deadlines `case_deadlines` gives, whatever the case's rows, and the list asks as many queries
for many cases as for few."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import Membership
from agreements.models import County
from plans.access import keep_visibility
from plans.deadlines import case_deadlines, refresh_pending
from plans.models import Case, Individual, Intervention, NetworkMeeting, Plan
from plans.rules import individual_rules
from plans.worklist import open_deadlines, window
from structure.models import Organisation

DAY = datetime.date(2026, 3, 2)
_numbers = itertools.count()
LATER = DAY + datetime.timedelta(days=5)
days = st.none() | st.integers(0, 12).map(lambda n: DAY + datetime.timedelta(days=n))


def make_case(
    organisation,
    user,
    *,
    state,
    steps=None,
    plans=(),
    meetings=(),
    acute=False,
    coordinator=None,
):
    """A case as its rows stand, written directly so that any combination can be tried;
    `coordinator`: the organisation its plans name as coordinator."""
    number = next(_numbers)
    individual = Individual.objects.create(
        county=organisation.county,
        identity_encrypted="-",
        identity_index=f"{number:064d}",
        name=f"Barn {number}",
        birth_date=datetime.date(2014, 3, 12),
    )
    case = Case.objects.create(
        individual=individual,
        opening_organisation=organisation,
        opened_by=user,
        opened_at=datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC),
        concern="Oro",
        state=state,
        acute=acute,
        **(steps or {}),
    )
    for plan_number, (established_on, follow_ups) in enumerate(plans, start=1):
        plan = Plan.objects.create(
            case=case,
            number=plan_number,
            established_on=established_on,
            created_by=user,
            coordinator_organisation=coordinator,
        )
        for follow_up_on in follow_ups:
            Intervention.objects.create(plan=plan, description="Stöd", follow_up_on=follow_up_on)
    for kind, planned_for, held_on in meetings:
        NetworkMeeting.objects.create(
            case=case, kind=kind, planned_for=planned_for, held_on=held_on
        )
    refresh_pending(case, individual_rules(organisation.county)[0])
    keep_visibility(case)
    return case


class PendingAreTheOpenDeadlines(TestCase):
    @classmethod
    def setUpTestData(cls):
        from structure.tests.builders import loaded_county

        county = loaded_county("norrbotten")
        cls.rules = individual_rules(County.objects.get(pk=county.pk))[0]
        cls.organisation = Organisation.objects.get(county=county, key="lulea-socialtjansten")
        cls.user = get_user_model().objects.create_user("kurator", password="x" * 16)

    @settings(max_examples=150, deadline=None)
    @given(
        state=st.sampled_from(list(Case.State)),
        steps=st.fixed_dictionaries(
            {name: days for name in ("consent_on", "notice_sent_on", "decided_on", "meeting_on")}
        ),
        plans=st.lists(st.tuples(days, st.lists(days, max_size=3)), max_size=2),
        meetings=st.lists(
            st.tuples(st.sampled_from(list(NetworkMeeting.Kind)), days, days), max_size=3
        ),
    )
    # The follow-up shapes, which random cases seldom reach unmasked by an earlier step.
    @example(state="planned", steps={}, plans=[(DAY, [LATER])], meetings=[])
    @example(state="follow_up_called", steps={}, plans=[], meetings=[("follow_up", LATER, None)])
    @example(
        state="followed_up",
        steps={},
        plans=[(DAY, [DAY, LATER + datetime.timedelta(days=1)])],
        meetings=[("follow_up", LATER, LATER)],
    )
    def test_the_pending_deadlines_are_the_open_ones(self, state, steps, plans, meetings):
        case = make_case(
            self.organisation, self.user, state=state, steps=steps, plans=plans, meetings=meetings
        )
        expected = (
            []
            if state == Case.State.CLOSED
            else sorted(
                (due.step, str(due.on))
                for due in case_deadlines(case, self.rules)
                if due.done_on is None
            )
        )
        kept = sorted((p.step, str(p.due_on)) for p in case.pending_deadlines.all())
        assert kept == expected


@pytest.mark.django_db
def test_the_worklist_asks_as_many_queries_for_many_cases_as_for_few():
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    users = {}
    for key in ("lulea-socialtjansten", "kalix-socialtjansten"):
        organisation = Organisation.objects.get(county=county, key=key)
        users[key] = get_user_model().objects.create_user(key, password="x" * 16)
        Membership.objects.create(user=users[key], organisation=organisation, role="professional")
        follow_up = DAY + datetime.timedelta(days=90)
        for _ in range(1 if key == "kalix-socialtjansten" else 12):
            make_case(
                organisation,
                users[key],
                state=Case.State.CONSENTED,
                steps={"consent_on": DAY},
            )
            make_case(
                organisation,
                users[key],
                state=Case.State.PLANNED,
                steps=dict.fromkeys(
                    ("consent_on", "notice_sent_on", "decided_on", "meeting_on"), DAY
                ),
                plans=[(DAY, [follow_up])],
                meetings=[("first", None, DAY)],
            )
    queries = {}
    for key, user in users.items():
        with CaptureQueriesContext(connection) as captured:
            found = open_deadlines(user, DAY)
        queries[key] = len(captured)
        assert {d.step_code for d in found} == {"notice", "follow_up"}
    assert queries["lulea-socialtjansten"] == queries["kalix-socialtjansten"]


@pytest.mark.parametrize(
    ("asked", "number", "rows", "more"),
    [(None, 1, [0, 1], True), ("2", 2, [2, 3], True), ("3", 3, [4], False), ("x", 1, [0, 1], True)],
)
def test_the_worklist_pages_without_counting(asked, number, rows, more):
    page = window(list(range(5)), asked, 2)
    assert (page.number, page.rows, page.has_next) == (number, rows, more)
    assert page.has_other_pages and page.has_previous == (number > 1)
