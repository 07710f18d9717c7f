"""The worker's start page, "Mina ärenden": every open case the organisation opened or takes
part in (and may see), overdue first, with the next step and who has it; no names; the page
read audited; as many queries for many cases as for few."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accounts.models import Membership
from audit.models import AuditEvent
from plans.access import keep_visibility, organisation_of
from plans.deadlines import refresh_pending
from plans.models import Case, Consent, Plan
from plans.mycases import my_open_cases, rows_of
from plans.rules import individual_rules
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_worklist import make_case

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)
TODAY = datetime.date(2026, 3, 16)  # two weeks on: a notice due five working days after DAY
ALL_STEPS = dict.fromkeys(("consent_on", "notice_sent_on", "decided_on", "meeting_on"), DAY)


def member(username, organisation, role="professional"):
    user = get_user_model().objects.create_user(username, password="x" * 16)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def covered(case, *organisations, user):
    consent = Consent.objects.create(
        case=case, given_by="Vårdnadshavare", given_how="writing", given_on=DAY, recorded_by=user
    )
    consent.organisations.set(organisations)
    case.participants.add(*organisations)
    keep_visibility(case)


@pytest.fixture
def county():
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def orgs(county):
    return {
        key: Organisation.objects.get(county=county, key=key)
        for key in ("lulea-barn-och-utbildning", "lulea-socialtjansten", "kalix-socialtjansten")
    }


@pytest.fixture
def cases(orgs):
    school, social, kalix = orgs.values()
    counsellor, colleague = member("kurator", school), member("larare", school)
    social_worker = member("socialsekreterare", social)
    found = {
        # Opened by the school: waiting for consent, no deadline running.
        "waiting": make_case(school, counsellor, state=Case.State.OPENED),
        # Consent given long ago and the notice never sent: overdue.
        "overdue": make_case(
            school, colleague, state=Case.State.CONSENTED, steps={"consent_on": DAY}
        ),
        "closed": make_case(school, counsellor, state=Case.State.CLOSED),
        # Social services opened it; the school takes part under the consent and coordinates.
        "coordinated": make_case(
            social,
            social_worker,
            state=Case.State.PLANNED,
            steps=ALL_STEPS,
            plans=[(DAY, [TODAY + datetime.timedelta(days=30)])],
        ),
        # Social services opened it; the school takes part but the consent does not cover it.
        "uncovered": make_case(social, social_worker, state=Case.State.MET, steps=ALL_STEPS),
        # Nothing to do with the school.
        "other": make_case(kalix, member("kalix", kalix), state=Case.State.OPENED),
    }
    covered(found["coordinated"], school, user=social_worker)
    found["coordinated"].plans.update(coordinator_organisation=school)
    found["uncovered"].participants.add(school)
    return found, counsellor


def test_every_open_case_of_the_organisation_overdue_first(cases):
    found, counsellor = cases
    rows = rows_of(counsellor, my_open_cases(counsellor, TODAY), TODAY)
    assert [row.case for row in rows] == [found["overdue"], found["coordinated"], found["waiting"]]
    overdue, coordinated, waiting = rows
    assert overdue.overdue_by > 0 and overdue.deadlines[0].on < TODAY
    assert overdue.role == "Din organisation öppnade det"
    assert overdue.holder == "Barn- och utbildningsförvaltningen, Luleå kommun"
    assert overdue.holder_role == "enhetschefen, eller den chefen utser"
    assert coordinated.role == "Din organisation samordnar planen" and coordinated.holder_is_mine
    assert coordinated.next_step == "Kalla till uppföljningsmöte"
    with translation.override("en"):  # named as the case page names it (plans.steps)
        overdue = rows_of(counsellor, my_open_cases(counsellor, TODAY), TODAY)[0]
    assert overdue.next_step == (
        "The unit manager, or the one they appoint, decides whether to call a network meeting"
    )
    assert coordinated.overdue_by == 0 and coordinated.deadlines[0].working_days_left > 0
    assert waiting.role == "Du öppnade det" and waiting.deadlines == []


def test_the_next_step_after_a_revision_and_with_a_draft(cases, orgs):
    found, counsellor = cases
    case = found["coordinated"]
    Case.objects.filter(pk=case.pk).update(state=Case.State.REVISING)

    def row():
        with translation.override("en"):
            rows = rows_of(counsellor, my_open_cases(counsellor, TODAY))
        return next(r for r in rows if r.case == case)

    assert row().next_step == "Revise the plan, as the follow-up meeting decided"
    assert row().holder_is_mine and row().holder_role == "the plan's coordinator"
    Plan.objects.create(case=case, number=2, created_by=counsellor)
    assert row().next_step == "Establish version 2 of the plan"


def test_an_acute_case_comes_after_the_overdue_and_before_the_dated(cases, orgs):
    found, counsellor = cases
    acute = make_case(
        orgs["lulea-barn-och-utbildning"],
        counsellor,
        state=Case.State.NOTIFIED,
        steps={"consent_on": TODAY, "decided_on": TODAY, "notice_sent_on": TODAY},
        acute=True,
    )
    # Norrbus: an acute case's network meeting is held as soon as possible, undated.
    assert acute.due_as_soon_as_possible and acute.next_due_on is None
    rows = rows_of(counsellor, my_open_cases(counsellor, TODAY), TODAY)
    assert [row.case for row in rows][:3] == [found["overdue"], acute, found["coordinated"]]


def test_the_case_keeps_its_deadlines_in_brief(cases):
    found, _counsellor = cases
    for case in found.values():
        stored = Case.objects.get(pk=case.pk)
        dates = [d.due_on for d in case.pending_deadlines.all()]
        assert stored.next_due_on == min(filter(None, dates), default=None)
        assert stored.due_as_soon_as_possible == (None in dates)
    overdue = found["overdue"]
    assert overdue.next_due_on < TODAY and found["waiting"].next_due_on is None
    Case.objects.filter(pk=overdue.pk).update(state=Case.State.CLOSED)
    overdue.refresh_from_db()
    refresh_pending(overdue, individual_rules(overdue.individual.county)[0])
    assert Case.objects.get(pk=overdue.pk).next_due_on is None


def test_roles_without_cases_see_none(cases, orgs):
    _found, _counsellor = cases
    auditor = member("granskare", orgs["lulea-socialtjansten"], role="auditor")
    assert list(my_open_cases(auditor, TODAY)) == []


def test_as_many_queries_for_many_cases_as_for_few(cases, orgs):
    found, counsellor = cases

    def counted():
        with CaptureQueriesContext(connection) as captured:
            rows = rows_of(counsellor, my_open_cases(counsellor, TODAY)[:50], TODAY)
        return len(rows), len(captured)

    organisation_of(counsellor)  # the user's membership, read once per request
    few = counted()
    school = orgs["lulea-barn-och-utbildning"]
    for _ in range(8):
        make_case(school, counsellor, state=Case.State.CONSENTED, steps={"consent_on": DAY})
        planned = make_case(
            orgs["lulea-socialtjansten"],
            counsellor,
            state=Case.State.PLANNED,
            steps=ALL_STEPS,
            plans=[(DAY, [TODAY])],
        )
        covered(planned, school, user=counsellor)
    many = counted()
    # The page of ids, then the cases with their organisations, deadlines and plans.
    assert many[0] == few[0] + 16 and many[1] == few[1] == 4


def test_the_page_names_no_one_and_its_read_is_audited(client, cases):
    found, counsellor = cases
    verified_login(client, counsellor)
    page = client.get("/arenden/mina/")
    html = page.content.decode()
    assert page.status_code == 200 and "Mina ärenden" in html
    assert [row.case for row in page.context["rows"]][-1] == found["waiting"]
    assert "Barn " not in html  # the individuals' names (make_case names them "Barn N")
    assert "Försenat" in html and "försenade" in html  # marked in words, not by colour alone
    event = AuditEvent.objects.filter(action="read", actor=counsellor).latest("id")
    assert sorted(event.changes["cases"]) == sorted(row.case.pk for row in page.context["rows"])
    assert event.individual_id is None
