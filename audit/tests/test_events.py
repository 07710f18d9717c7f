"""Events are stored as codes with parameters and written in the reader's language when shown:
Swedish from the catalogue, English as the message ids; odd stored data still reads."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from audit.events import _KINDS, EventKind, describe, kind_of
from audit.models import Action, AuditEvent
from audit.services import record

pytestmark = pytest.mark.django_db


def test_every_app_that_records_events_has_declared_them():
    for code in ("case.opened", "plan.drafted", "appointment.created", "log.reviewed"):
        assert kind_of(code) is not None, code


@pytest.mark.parametrize(
    ("code", "params", "swedish", "english"),
    [
        ("case.opened", {}, "Öppnade ärendet", "Opened the case"),
        ("plan.drafted", {"n": 3}, "Skrev version 3 av planen", "Drafted version 3 of the plan"),
        (
            "plan.compared",
            {"a": 1, "b": 2},
            "Jämförde version 1 och 2 av planen",
            "Compared versions 1 and 2 of the plan",
        ),
        ("appointment.created", {"person": "Anna Berg"}, "Anna Berg har utsetts", None),
    ],
)
def test_a_code_is_written_in_the_readers_language(code, params, swedish, english):
    with translation.override("sv"):
        assert describe(code, params) == swedish
    with translation.override("en"):
        assert describe(code, params) == (english or str(kind_of(code).message) % params)


def test_an_office_is_named_in_the_readers_language():
    params = {"person": "Anna Berg", "role": "chair", "starts": "2027-01-01"}
    with translation.override("en"):
        assert describe("office.held", params) == (
            "Anna Berg holds the office of chair from 2027-01-01"
        )
    with translation.override("sv"):
        assert "ordförande" in describe("office.held", params)


def test_every_declared_kind_has_its_swedish():
    untranslated = []
    for code, kind in _KINDS.items():
        if code.startswith("test."):
            continue
        with translation.override(None):
            message_id = str(kind.message)
        with translation.override("sv"):
            if str(kind.message) == message_id:
                untranslated.append(code)
    assert untranslated == []


@pytest.mark.parametrize(
    ("code", "params", "shown"),
    [
        ("no.such.code", {"n": 1}, "no.such.code"),
        ("plan.drafted", {}, "Drafted version … of the plan"),
        ("plan.drafted", None, "Drafted version … of the plan"),
        ("plan.drafted", ["not", "a", "mapping"], "Drafted version … of the plan"),
        ("office.held", {"person": "A"}, "… holds the office of … from …"),
    ],
)
def test_odd_stored_data_still_reads(code, params, shown):
    with translation.override("en"):
        assert describe(code, params) == shown


def test_a_stored_event_holds_its_code_and_parameters_not_a_sentence():
    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    drafted = kind_of("plan.drafted")
    event = record(user, drafted, user, {"n": 2})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.code, stored.params, stored.summary) == ("plan.drafted", {"n": 2}, "")
    assert stored.action == Action.CREATE
    with translation.override("en"):
        assert stored.text == "Drafted version 2 of the plan"


def test_a_code_is_declared_once():
    EventKind("test.once", Action.READ, "Once")
    with pytest.raises(ValueError):
        EventKind("test.once", Action.UPDATE, "Twice")
