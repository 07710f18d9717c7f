"""What waits in the placements for a person's inbox: the cost allocations of the cases their
organisation takes part in, the examinations asked of it, with the stored due days, in the same
number of queries however many there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements import actions
from placements.queries import waiting_for
from plans.models import Case

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
TODAY = D("2026-03-05")


def place(case, orgs, people, day="2026-03-02"):
    return actions.do_record_placement(
        people["socialsekreterare"],
        case,
        kind="family_home",
        compulsory=False,
        acute=True,
        decided_on=D(day),
        deciding_organisation=orgs["social"],
        starts_on=D(day),
    )


def queries(user):
    user = type(user).objects.get(pk=user.pk)  # a fresh request's user
    with CaptureQueriesContext(connection) as captured:
        found = waiting_for(user, TODAY)
    return found, len(captured)


def test_cost_allocations_and_examinations_wait_with_their_due_days(case, orgs, people):
    placement = place(case, orgs, people)
    actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    [cost] = waiting_for(people["socialsekreterare"], TODAY)
    assert (cost.kind, cost.case_id, cost.due_on) == ("cost_allocation", case.pk, D("2026-03-16"))
    assert cost.url == f"/placeringar/{placement.pk}/kostnadsfordelning/"
    nurse = waiting_for(people["sjukskoterska"], TODAY)
    assert [(w.kind, w.due_on) for w in nurse] == [
        ("health_examination", D("2026-03-02")),
        ("cost_allocation", D("2026-03-16")),
    ]
    assert waiting_for(people["kalix"], TODAY) == []
    # Done items leave the list.
    placement.refresh_from_db()
    actions.do_record_cost_allocation(
        people["socialsekreterare"],
        placement,
        shares=[{"principal": "lulea", "percent": 100}],
        agreed_on=D("2026-03-04"),
    )
    placement.refresh_from_db()
    actions.do_record_health_examination(
        people["sjukskoterska"],
        placement,
        examined_on=D("2026-03-03"),
        examiner="Nils Stenlund",
        outcome="Frisk.",
    )
    assert waiting_for(people["socialsekreterare"], TODAY) == []
    assert waiting_for(people["sjukskoterska"], TODAY) == []


def test_a_closed_case_waits_for_nothing(case, orgs, people):
    place(case, orgs, people)
    Case.objects.filter(pk=case.pk).update(state=Case.State.CLOSED)
    assert waiting_for(people["socialsekreterare"], TODAY) == []


def test_the_same_queries_for_one_or_many(case, orgs, people):
    first = place(case, orgs, people)
    actions.do_request_health_examination(
        people["socialsekreterare"], first, organisation=orgs["primary"]
    )
    found, one = queries(people["sjukskoterska"])
    assert len(found) == 2
    for day in ("2026-03-03", "2026-03-04", "2026-03-05"):
        more = place(case, orgs, people, day)
        actions.do_request_health_examination(
            people["socialsekreterare"], more, organisation=orgs["primary"]
        )
    found, many = queries(people["sjukskoterska"])
    assert len(found) == 8
    assert many == one <= 6
