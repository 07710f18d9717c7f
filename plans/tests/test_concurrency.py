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
