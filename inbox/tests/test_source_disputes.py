"""A dispute in the inbox of the other party until it has stated its side."""

import pytest

from disputes.tests.conftest import case, orgs, people  # noqa: F401 (the fixtures)
from disputes.tests.test_path import RAISED_ON, _raise
from inbox.queries import inbox_for

pytestmark = pytest.mark.django_db


def disputes_of(user):
    return [i for i in inbox_for(user, RAISED_ON).items if i.source == "disputes"]


def test_the_other_party_states_its_side(people, orgs, case):  # noqa: F811
    dispute = _raise(people, orgs, case)
    [item] = disputes_of(people["bup"])
    assert item.what == (
        f"Ärende {case.pk}: oenighet som {orgs['social'].name} tog upp {RAISED_ON.isoformat()}"
    )
    assert item.next_step == "Redogör för er organisations ståndpunkt"
    assert item.url == f"/oenighet/{dispute.pk}/" and item.case_id == case.pk
    assert disputes_of(people["social"]) == []
