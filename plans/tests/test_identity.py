"""Identity numbers: validated, encrypted at rest, found by a keyed hash, never shown."""

import contextlib
import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.identity import age_on, blind_index, decrypt, encrypt, parse_identity_number

VALID = "19121212-1212"  # Skatteverket's published test number


def test_a_valid_number_in_any_usual_form():
    # The short form with "+" is a hundred years or older; with "-" it would be 2012.
    forms = ["19121212-1212", "191212121212", "121212+1212"]
    assert {parse_identity_number(f).canonical for f in forms} == {"191212121212"}
    assert parse_identity_number(VALID).birth_date == datetime.date(1912, 12, 12)


def test_a_coordination_number_has_its_day_plus_sixty():
    found = parse_identity_number("19701063-2391")
    assert found.coordination_number and found.birth_date == datetime.date(1970, 10, 3)


@pytest.mark.parametrize("text", ["", "19121212-1213", "abc", "19121312-1212", "1" * 40])
def test_invalid_numbers_get_a_message_without_the_number(text):
    with pytest.raises(ValidationError) as error:
        parse_identity_number(text)
    message = " ".join(error.value.messages)
    assert message and (not text.strip() or text not in message)


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_any_text_is_a_number_or_a_validation_error(text):
    with contextlib.suppress(ValidationError):
        parse_identity_number(text)


def test_encrypted_and_indexed_without_plaintext():
    found = parse_identity_number(VALID)
    token = encrypt(found)
    assert "191212121212" not in token and decrypt(token) == "191212121212"
    assert encrypt(found) != token  # a fresh nonce each time
    assert blind_index(found) == blind_index(parse_identity_number("121212+1212"))
    assert "1212" not in repr(found)


def test_age():
    born = datetime.date(2010, 6, 15)
    assert age_on(born, datetime.date(2026, 6, 14)) == 15
    assert age_on(born, datetime.date(2026, 6, 15)) == 16
