"""Deviation reports in the inbox of the unit manager who handles them: to acknowledge, then to
investigate and close, each by the routine's day; named by number and party, never by what
happened."""

import pytest

from deviations import actions
from deviations.tests.conftest import TODAY, case, norrbotten, orgs, people  # noqa: F401
from deviations.tests.test_handling import report
from inbox.queries import inbox_for

pytestmark = pytest.mark.django_db


def deviations_of(user):
    return [i for i in inbox_for(user, TODAY).items if i.source == "deviations"]


def test_acknowledge_then_close(people, orgs, case):  # noqa: F811
    deviation = report(people, orgs)
    [item] = deviations_of(people["bup_chief"])
    assert item.what == f"Avvikelserapport {deviation.pk} om {orgs['bup'].name}"
    assert item.next_step == "Kvittera rapporten" and item.due_on == deviation.due_on
    assert "nätverksmötet" not in item.what
    assert deviations_of(people["bup_staff"]) == []
    actions.do_acknowledge_deviation(people["bup_chief"], deviation, on=TODAY)
    [item] = deviations_of(people["bup_chief"])
    assert item.next_step == "Utred, registrera åtgärderna och avsluta den"
