"""`verify` reads rows as text and writes their hashed payload directly, for speed: it must give
exactly what `record` hashed, whatever the fields hold."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from audit.chain import _ENCODER, _fields, _stored_payload
from audit.events import EventKind
from audit.models import Action, AuditEvent
from audit.services import record, verify

READ = EventKind("test.payload_read", Action.READ, "Read %(what)s")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
moments = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1)
).map(lambda moment: moment.replace(tzinfo=datetime.UTC))


def as_postgresql_writes(moment: datetime.datetime) -> str:
    # In the connection's time zone (UTC), trailing zeros of the fraction left out.
    fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    return f"{moment:%Y-%m-%d %H:%M:%S}{fraction}+00"


def as_sqlite_writes(moment: datetime.datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(" ")


@given(
    at=moments,
    written=st.sampled_from([as_postgresql_writes, as_sqlite_writes]),
    actor=st.none() | st.integers(1, 2**31),
    texts=st.lists(st.text(), min_size=7, max_size=7),
    changes=st.dictionaries(st.text(), json_values, max_size=4),
    individual_id=st.none() | st.integers(0, 2**63),
    emergency=st.booleans(),
    code=st.just("") | st.text(min_size=1),
    params=st.none() | st.dictionaries(st.text(), json_values, max_size=4),
)
def test_the_payload_of_a_stored_row_is_the_one_recorded(
    at, written, actor, texts, changes, individual_id, emergency, code, params
):
    actor_name, action, object_type, object_id, summary, reason, organisation = texts
    values = (actor_name, action, object_type, object_id, summary)
    recorded = _ENCODER.encode(
        _fields(
            at, actor, *values, changes, reason, organisation, individual_id, emergency, code,
            params,
        )
    )  # fmt: skip
    stored = (0, "", "", written(at), actor, *values, _ENCODER.encode(changes), reason)
    stored_params = None if params is None else _ENCODER.encode(params)
    row = (*stored, organisation, individual_id, emergency, code, stored_params)
    assert _stored_payload(row) == recorded


@pytest.mark.django_db
def test_every_kind_of_field_verifies_and_an_altered_change_is_found():
    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    record(None, READ, user, {"what": 'Läste "ärendet"\n\t\\'}, changes={})
    event = record(
        user,
        READ,
        user,
        {"what": ["ö", 1.5, None, {"b": "\u2028"}]},
        changes={"ö": [1.5, None, True, {"b": "\u2028", "a": ["x"]}], "a": "\x01"},
        reason="för att",
        emergency=True,
    )
    assert verify().intact and verify().checked == 2
    AuditEvent.objects.filter(pk=event.pk).update(changes={"ö": [1.5]})
    assert verify().broken_at == event.pk
