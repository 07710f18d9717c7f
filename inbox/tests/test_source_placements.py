"""The placements in the inbox: the cost allocation within ten working days of an acute
placement's decision, for every organisation taking part, and the health examination asked of
primary care; each leaves the inbox once recorded."""

import pytest

from inbox.queries import inbox_for
from placements import actions
from placements.tests.conftest import case, orgs, people  # noqa: F401 (the fixtures)
from placements.tests.test_queries import TODAY, place

pytestmark = pytest.mark.django_db


def placements_of(user):
    return [i for i in inbox_for(user, TODAY).items if i.source == "placements"]


def test_cost_allocation_and_health_examination(case, orgs, people):  # noqa: F811
    placement = place(case, orgs, people)
    actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    social = [
        i for i in inbox_for(people["socialsekreterare"], TODAY).items if i.source == "placements"
    ]
    assert [(i.what, i.next_step, i.due_on.isoformat()) for i in social] == [
        (
            f"Ärende {case.pk}: kostnadsfördelning för placeringen",
            "Registrera huvudmännens andelar",
            "2026-03-16",
        )
    ]
    assert social[0].case_id == case.pk and social[0].url.endswith("/kostnadsfordelning/")
    nurse = inbox_for(people["sjukskoterska"], TODAY).items
    assert nurse[0].next_step == "Registrera hälsoundersökningen" and nurse[0].overdue(TODAY)
    placement.refresh_from_db()
    actions.do_record_cost_allocation(
        people["socialsekreterare"],
        placement,
        shares=[{"principal": "lulea", "percent": 100}],
        agreed_on=TODAY,
    )
    assert not [
        i for i in inbox_for(people["socialsekreterare"], TODAY).items if i.source == "placements"
    ]
