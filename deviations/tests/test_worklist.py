"""The deviation reports a handler must acknowledge or close stand in their organisation's
worklist (plans.worklist_sources) with their due days, named by number and party only."""

import pytest

from deviations import actions
from plans.worklist import worklist_window
from plans.worklist_sources import WorklistRow

from .conftest import TODAY, D
from .test_handling import report

pytestmark = pytest.mark.django_db


def test_the_handler_s_worklist_lists_each_report_until_closed(people, orgs, case):
    first = report(people, orgs)
    second = report(people, orgs, happened_on=D("2026-03-13"))
    actions.do_acknowledge_deviation(people["bup_chief"], second, on=TODAY)
    rows = worklist_window(people["bup_chief"], TODAY, None, 50).rows
    party = orgs["bup"].name
    # The case's own deadlines stand among them; these are the other apps'.
    rows = [row for row in rows if isinstance(row, WorklistRow)]
    assert [(row.title, row.step, row.due_on, row.url) for row in rows] == [
        (
            f"Avvikelserapport {first.pk} om {party}",
            "Kvittera rapporten",
            D("2026-03-23"),
            f"/avvikelser/rapport/{first.pk}/",
        ),
        (
            f"Avvikelserapport {second.pk} om {party}",
            "Utred, registrera åtgärderna och avsluta den",
            D("2026-04-15"),
            f"/avvikelser/rapport/{second.pk}/",
        ),
    ]
    assert not any(
        isinstance(row, WorklistRow)
        for row in worklist_window(people["reporter"], TODAY, None, 50).rows
    )
