"""Log lines never carry personal data: identity numbers, e-mail addresses and query strings are
removed from the message, its arguments and its exception, by the filter every handler has."""

import logging

from django.conf import settings

from samverkan.logfilter import REDACTED, PersonalDataFilter, redact


def filtered(message: str, *args, exc_info=None) -> str:
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, message, args, exc_info
    )
    assert PersonalDataFilter().filter(record)
    return logging.Formatter().format(record)


def test_identity_numbers_in_every_form_are_removed():
    for number in ("19121212-1212", "191212121212", "121212-1212", "121212+1212", "1212121212"):
        assert redact(f"Hittade {number} i ärendet") == f"Hittade {REDACTED} i ärendet"


def test_ids_times_and_longer_numbers_stay():
    for text in ("/arenden/123/", "2026-12-03 18:07:06", "order 12345678901234", "HTTP 503"):
        assert redact(text) == text


def test_arguments_and_addresses_are_removed_from_the_message():
    line = filtered("Mail till %s om %s", "anna.berg@lulea.se", "20121212-1212")
    assert "anna" not in line and "1212-1212" not in line and line.count(REDACTED) == 2


def test_a_query_string_is_cut_from_a_path():
    line = filtered("Not Found: %s", "/arenden/?q=Anna+Berg&page=2")
    assert line == f"Not Found: /arenden/{REDACTED}"


def test_an_exception_is_logged_without_the_values_of_its_row():
    try:
        raise ValueError("DETAIL: Key (personal_number)=(201212121212) already exists, e@x.se")
    except ValueError:
        import sys

        line = filtered("Internal Server Error: %s", "/arenden/ny/", exc_info=sys.exc_info())
    assert "Traceback" in line and "ValueError" in line
    assert "201212121212" not in line and "e@x.se" not in line


def test_every_handler_of_the_settings_has_the_filter():
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("personal_data" in h.get("filters", []) for h in handlers.values())
