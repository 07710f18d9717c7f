"""The audit trail is append-only and `samverkan audit verify` finds an altered or removed row."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from audit.models import Action, AuditEvent
from audit.services import changes_between, record, verify
from samverkan.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return get_user_model().objects.create_user("samordnare", password="x" * 16)


def events(user, n):
    return [
        record(user, Action.UPDATE, user, f"ändring {i}", changes={"i": [i, i + 1]})
        for i in range(n)
    ]


def test_an_intact_chain_verifies(user, capsys):
    events(user, 5)
    assert verify().intact and verify().checked == 5
    assert main(["audit", "verify"]) == 0
    assert "5 händelser" in capsys.readouterr().out


def test_an_altered_row_is_named(user, capsys):
    third = events(user, 5)[2]
    AuditEvent.objects.filter(pk=third.pk).update(summary="något annat")
    result = verify()
    assert result.broken_at == third.pk and result.reason == "hash"
    assert main(["audit", "verify"]) == 1
    assert f"händelse {third.pk}" in capsys.readouterr().err


def test_a_removed_row_breaks_the_link_of_the_next(user):
    rows = events(user, 5)
    AuditEvent.objects.filter(pk=rows[1].pk)._raw_delete(AuditEvent.objects.db)
    result = verify()
    assert result.broken_at == rows[2].pk and result.reason == "previous_hash"


def test_removing_the_newest_rows_is_detected(user):
    rows = events(user, 3)
    AuditEvent.objects.filter(pk=rows[-1].pk)._raw_delete(AuditEvent.objects.db)
    assert not verify().intact and verify().reason == "removed"


def test_events_cannot_be_changed_or_deleted_through_the_orm(user):
    [event] = events(user, 1)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_changes_between_lists_only_what_differs():
    assert changes_between({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {
        "b": [2, 3],
        "c": [None, 4],
    }


class ChainProperties(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.text(max_size=40), min_size=1, max_size=8), st.data())
    def test_any_single_alteration_is_found_at_its_row(self, summaries, data):
        actor = get_user_model().objects.get_or_create(username="egenskap")[0]
        rows = [record(actor, Action.UPDATE, actor, s) for s in summaries]
        victim = data.draw(st.sampled_from(rows))
        AuditEvent.objects.filter(pk=victim.pk).update(reason=victim.reason + "x")
        assert verify().broken_at == victim.pk
