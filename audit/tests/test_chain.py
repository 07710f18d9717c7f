"""The audit trail is append-only, keyed and anchored outside the database: `samverkan audit
verify` finds an altered row, a removed row, a truncation, a rewrite computed without the key,
and a wrong key after a restore, and says which. Each tampering is done as an intruder with the
database but not the key would do it: by SQL, past the model."""

import json

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from audit import anchor, services
from audit.chain import GENESIS, STORED_COLUMNS, _stored_payload, legacy_link
from audit.events import EventKind
from audit.models import Action, AuditEvent, ChainHead
from audit.services import changes_between, record, verify
from samverkan.cli import main

pytestmark = pytest.mark.django_db

NOTED = EventKind("test.noted", Action.UPDATE, "Noted %(i)s")


@pytest.fixture
def user():
    return get_user_model().objects.create_user("samordnare", password="x" * 16)


@pytest.fixture
def anchor_file(settings, tmp_path):
    settings.SAMVERKAN_AUDIT_ANCHOR = str(tmp_path / "ankare.json")
    return tmp_path / "ankare.json"


@pytest.fixture
def chain(user, anchor_file, django_capture_on_commit_callbacks):
    """Five events, each anchored once committed."""
    with django_capture_on_commit_callbacks(execute=True):
        return [record(user, NOTED, user, {"i": i}, changes={"i": [i, i + 1]}) for i in range(5)]


def rewrite_without_the_key(first: AuditEvent, until: AuditEvent | None = None, **changes):
    """Change a row, compute its link and every later one (before `until`) anew as the unkeyed
    chain did, and set the head to the new last link: all an intruder without the key can do."""
    AuditEvent.objects.filter(pk=first.pk).update(**changes)
    previous = (
        AuditEvent.objects.filter(id__lt=first.pk).order_by("-id").values_list("hash", flat=True)
    ).first() or GENESIS
    rows = AuditEvent.objects.filter(id__gte=first.pk)
    if until is not None:
        rows = rows.filter(id__lt=until.pk)
    for row in rows.order_by("id").values_list(*STORED_COLUMNS):
        link = legacy_link(previous, _stored_payload(row))
        AuditEvent.objects.filter(pk=row[0]).update(previous_hash=previous, hash=link)
        previous = link
    if until is None:
        ChainHead.objects.update(last_hash=previous)


def remove(*events: AuditEvent) -> None:
    AuditEvent.objects.filter(pk__in=[e.pk for e in events])._raw_delete(AuditEvent.objects.db)


def test_an_intact_chain_verifies_and_is_anchored(chain, anchor_file, capsys):
    result = verify()
    assert result.intact and result.checked == 5 and result.anchored == chain[-1].pk
    assert json.loads(anchor_file.read_text())["event"] == chain[-1].pk
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "Granskningsloggen är hel: 5 händelser kontrollerade." in out
    assert f"förankrat utanför databasen vid händelse {chain[-1].pk}" in out


def test_an_altered_row_is_named(chain, capsys):
    AuditEvent.objects.filter(pk=chain[2].pk).update(params={"i": 99})
    result = verify()
    assert result.kinds == [services.ALTERED]
    assert (result.findings[0].first, result.findings[0].last) == (chain[2].pk, chain[2].pk)
    assert main(["audit", "verify"]) == 1
    assert f"Ändrad: händelse {chain[2].pk} har ändrats" in capsys.readouterr().err


def test_a_removed_row_is_named_by_the_events_around_it(chain, capsys):
    remove(chain[2])
    result = verify()
    assert result.kinds == [services.REMOVED]
    assert result.findings[0].first == chain[3].pk
    assert result.findings[0].detail == {"before": chain[1].pk}
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"mellan händelse {chain[1].pk} och händelse {chain[3].pk} saknas" in err


def test_removing_the_first_rows_is_found(chain):
    remove(chain[0], chain[1])
    result = verify()
    assert result.kinds == [services.REMOVED] and result.findings[0].detail == {"before": None}


def test_removing_the_newest_rows_and_setting_the_head_back_is_found_by_the_anchor(chain, capsys):
    remove(chain[3], chain[4])
    ChainHead.objects.update(last_hash=chain[2].hash)
    result = verify()
    assert result.kinds == [services.TRUNCATED]
    assert result.findings[0].detail == {"source": "anchor", "last": chain[2].pk}
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"anger händelse {chain[4].pk}, men loggen slutar vid händelse {chain[2].pk}" in err


def test_removing_the_newest_rows_alone_is_found_by_the_head_too(chain):
    remove(chain[4])
    assert verify().kinds == [services.TRUNCATED, services.TRUNCATED]


def test_removing_every_row_is_found(chain, capsys):
    remove(*chain)
    ChainHead.objects.update(last_hash=GENESIS)
    assert verify().kinds == [services.TRUNCATED]
    assert main(["audit", "verify"]) == 1
    assert "men loggen är tom" in capsys.readouterr().err


def test_a_rewrite_with_links_computed_anew_without_the_key_is_named(chain, capsys):
    rewrite_without_the_key(chain[2], params={"i": 99})
    result = verify()
    assert result.kinds == [services.REWRITTEN, services.ANCHOR_DIFFERS]
    assert (result.findings[0].first, result.findings[0].last) == (chain[2].pk, chain[4].pk)
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"Omskriven: händelserna {chain[2].pk}–{chain[4].pk} har ändrats" in err


def test_a_rewrite_of_every_row_and_the_head_still_fails_at_the_anchor(chain):
    rewrite_without_the_key(chain[0], actor_name="någon annan")
    assert services.ANCHOR_DIFFERS in verify().kinds


def test_a_wrong_key_after_a_restore_is_said_so_and_nothing_else_breaks(
    chain, user, settings, capsys
):
    settings.SAMVERKAN_AUDIT_KEY = "en annan nyckel än den loggen skrevs med"
    result = verify()
    assert result.kinds == [services.WRONG_KEY] and result.findings[0].first == chain[0].pk
    assert main(["audit", "verify"]) == 1
    assert "Fel nyckel" in capsys.readouterr().err
    # The platform goes on recording under the key it has.
    assert record(user, NOTED, user, {"i": 5}).pk > chain[-1].pk


def test_an_edited_anchor_is_found(chain, anchor_file):
    data = json.loads(anchor_file.read_text())
    anchor_file.write_text(json.dumps({**data, "event": data["event"] + 10}))
    assert verify().kinds == [services.ANCHOR_UNSIGNED]
    anchor_file.write_text("{")
    assert verify().kinds == [services.ANCHOR_UNREADABLE]
    anchor_file.unlink()
    assert verify().kinds == [services.ANCHOR_MISSING]


def test_the_anchor_only_moves_forward(chain, anchor_file):
    anchor.advance(chain[1].pk, chain[1].hash)
    assert anchor.read().event_id == chain[-1].pk


def test_no_anchor_configured_is_said_but_is_no_break(user, capsys):
    record(user, NOTED, user, {"i": 1})
    assert verify().intact
    assert main(["audit", "verify"]) == 0
    assert "Inget ankare är inställt" in capsys.readouterr().out


def test_an_anchor_that_cannot_be_written_loses_no_work(
    user, settings, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "fil").write_text("")
    settings.SAMVERKAN_AUDIT_ANCHOR = str(tmp_path / "fil" / "ankare.json")
    with django_capture_on_commit_callbacks(execute=True):
        event = record(user, NOTED, user, {"i": 1})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_events_cannot_be_changed_or_deleted_through_the_orm(user):
    event = record(user, NOTED, user, {"i": 1})
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_record_takes_a_declared_kind_not_a_sentence(user):
    with pytest.raises(TypeError):
        record(user, Action.UPDATE, user, "Ändrade något")


def test_changes_between_lists_only_what_differs():
    assert changes_between({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {
        "b": [2, 3],
        "c": [None, 4],
    }


class ChainProperties(TestCase):
    @settings(max_examples=25, deadline=None, derandomize=True)
    @given(st.lists(st.text(max_size=40), min_size=1, max_size=8), st.data())
    def test_any_single_alteration_is_found_at_its_row(self, reasons, data):
        actor = get_user_model().objects.get_or_create(username="egenskap")[0]
        rows = [record(actor, NOTED, actor, {"i": n}, reason=r) for n, r in enumerate(reasons)]
        victim = data.draw(st.sampled_from(rows))
        AuditEvent.objects.filter(pk=victim.pk).update(reason=victim.reason + "x")
        assert verify().broken_at == victim.pk


def test_verify_speaks_english_when_the_command_line_asks(chain, monkeypatch, capsys):
    monkeypatch.setenv("SAMVERKAN_LANGUAGE", "en")
    AuditEvent.objects.filter(pk=chain[1].pk).update(params={"i": 99})
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "The audit trail is broken: 5 events checked." in err
    assert f"Altered: event {chain[1].pk} changed after it was recorded" in err


def test_an_edited_link_alone_is_named_at_its_row_and_nothing_seems_removed(chain):
    AuditEvent.objects.filter(pk=chain[2].pk).update(hash="f" * 64)
    result = verify()
    assert result.kinds == [services.ALTERED] and result.broken_at == chain[2].pk
