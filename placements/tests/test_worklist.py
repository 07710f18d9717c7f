"""The placements' due days stand in the organisation's worklist (plans.worklist_sources): the
cost allocation for the organisations taking part, the health examination for the examining
one, each with its page, until recorded."""

import pytest

from placements import actions
from plans.worklist import worklist_window
from plans.worklist_sources import WorklistRow

from .test_queries import TODAY, D, place

pytestmark = pytest.mark.django_db


def test_cost_allocation_and_examination_in_the_worklist(case, orgs, people):
    placement = place(case, orgs, people)
    actions.do_request_health_examination(
        people["socialsekreterare"], placement, organisation=orgs["primary"]
    )
    rows = worklist_window(people["sjukskoterska"], TODAY, None, 50).rows
    # The case's own deadlines stand among them; these are the other apps'.
    rows = [row for row in rows if isinstance(row, WorklistRow)]
    assert [(row.title, row.step, row.due_on, row.url) for row in rows] == [
        (
            f"Ärende {case.pk}",
            "Hälsoundersökning",
            D("2026-03-02"),
            f"/placeringar/{placement.pk}/halsoundersokning/resultat/",
        ),
        (
            f"Ärende {case.pk}",
            "Kostnadsfördelning",
            D("2026-03-16"),
            f"/placeringar/{placement.pk}/kostnadsfordelning/",
        ),
    ]
    assert rows[0].overdue_by == 3
