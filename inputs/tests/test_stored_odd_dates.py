"""Dates beyond the working-day calendar already in the database (stored before dates were
bounded, or written there by hand) do not bring down the pages or the API that show them: the
case page, the worklist, "my cases" and the case API still answer 200, with the date shown and
no count of working days."""

import datetime

import pytest
from django.test import Client

from plans.deadlines import refresh_pending
from plans.models import Case, Intervention, PendingDeadline, Plan
from plans.rules import individual_rules
from workdays.calendar import working_days_left

from .conftest import verified

FAR = [datetime.date(2250, 6, 1), datetime.date(9999, 12, 31)]
PAGES = ["/arenden/", "/arenden/mina/", "/arenden/{pk}/", "/api/cases", "/api/cases/{pk}"]


@pytest.mark.parametrize("far", FAR, ids=str)
def test_a_count_of_working_days_to_a_far_date_is_left_out(far):
    today = datetime.date(2026, 12, 3)
    assert working_days_left(today, far) is None
    assert working_days_left(today, datetime.date(2026, 12, 4)) == 1
    assert working_days_left(today, datetime.date(2026, 12, 2)) == -1


@pytest.mark.parametrize("far", FAR, ids=str)
def test_pages_show_a_case_with_a_far_follow_up_date(world, far):
    case = world["cases"]["drafted"]
    plan = Plan.objects.get(case=case)
    Plan.objects.filter(pk=plan.pk).update(established_on=case.meeting_on)
    Intervention.objects.filter(plan=plan).update(follow_up_on=far)
    Case.objects.filter(pk=case.pk).update(state=Case.State.PLANNED)
    case.refresh_from_db()
    refresh_pending(case, individual_rules(case.individual.county)[0])
    assert PendingDeadline.objects.filter(case=case, due_on=far).exists()
    client = Client()
    verified(client, world["worker"])
    for page in PAGES:
        response = client.get(page.format(pk=case.pk))
        assert response.status_code == 200, page
    detail = client.get(f"/api/cases/{case.pk}").json()
    [follow_up] = [d for d in detail["deadlines"] if d["step"] == "follow_up"]
    assert follow_up["due_on"] == far.isoformat()
    assert follow_up["working_days_left"] is None


@pytest.mark.parametrize("far", FAR, ids=str)
def test_pages_show_a_case_whose_steps_are_dated_far_ahead(world, far):
    case = world["cases"]["met"]
    Case.objects.filter(pk=case.pk).update(
        consent_on=far, decided_on=far, notice_sent_on=None, meeting_on=None
    )
    case.refresh_from_db()
    refresh_pending(case, individual_rules(case.individual.county)[0])
    PendingDeadline.objects.create(case=case, step="notice", due_on=datetime.date.max)
    client = Client()
    verified(client, world["worker"])
    for page in PAGES:
        response = client.get(page.format(pk=case.pk))
        assert response.status_code == 200, page
