"""Two people saving the same plan at the same moment, for real: two connections, two threads,
on PostgreSQL (the production database), where the case row lock decides. One version is saved;
the other is told, and nothing is lost or overwritten."""

import threading

import pytest
from django.db import connection, connections

from plans.models import Plan
from plans.services import do_draft_plan
from structure.actions import ConflictError

from .test_plan import complete

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite has no row locks; its one writer at a time is the embedded default's answer.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]


def test_two_saves_of_the_same_version_at_once_keep_one_and_refuse_the_other(met_case, orgs):
    case, user = met_case
    start = threading.Barrier(2)
    outcomes = []

    def save(needs):
        try:
            start.wait()
            do_draft_plan(user, case, based_on=0, **complete(orgs, needs=needs))
            outcomes.append(("saved", needs))
        except ConflictError:
            outcomes.append(("refused", needs))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(text,)) for text in ("Den ena.", "Den andra.")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _needs in outcomes) == ["refused", "saved"]
    [(saved,)] = [(needs,) for kind, needs in outcomes if kind == "saved"]
    assert list(Plan.objects.filter(case=case).values_list("number", "needs")) == [(1, saved)]


def test_establishing_and_revising_at_once_keep_one_and_refuse_the_other(met_case, orgs):
    """One person establishes the draft while another saves a change to it, both on the case as
    it was: the row lock lets one through; the other is refused and told, never silently
    established unread or saved over an established plan."""
    from plans.services import do_establish_plan

    case, user = met_case
    draft = do_draft_plan(user, case, based_on=0, **complete(orgs))
    read = case.version
    start = threading.Barrier(2)
    outcomes = []

    def act(kind, step):
        try:
            start.wait()
            step()
            outcomes.append(("done", kind))
        except ConflictError:
            outcomes.append(("refused", kind))
        finally:
            connections.close_all()

    steps = {
        "establish": lambda: do_establish_plan(
            user, Plan.objects.get(pk=draft.pk), on=draft.approved_on, expected_version=read
        ),
        "revise": lambda: do_draft_plan(
            user,
            case,
            based_on=1,
            expected_version=read,
            **complete(orgs, needs="Ändrat under tiden."),
        ),
    }
    threads = [threading.Thread(target=act, args=item) for item in steps.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _step in outcomes) == ["done", "refused"]
    [(_done, winner)] = [o for o in outcomes if o[0] == "done"]
    plan = Plan.objects.get(case=case)
    if winner == "establish":
        assert plan.established_on is not None and plan.needs == complete(orgs)["needs"]
    else:
        assert plan.established_on is None and plan.needs == "Ändrat under tiden."
