"""Personal data kept out of log lines, whatever a library puts in its message.

Django's own loggers write request paths and database errors (whose detail repeats the values
of a row); a library may write anything. Every record passes this filter on its way to a
handler: identity numbers (personnummer and samordningsnummer, with or without century or
separator) and e-mail addresses are replaced, in the message, its exception and its stack, and
a query string is cut from anything that looks like a path, since searches carry names there.
"""

import logging
import re

REDACTED = "[borttaget]"
PATTERNS = [
    # 6 or 8 digits of birth date, optional - or +, 4 digits: not inside a longer number.
    re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # The query string of a path or an address, up to the next space or quote.
    re.compile(r"(?<=[\w/])\?[^\s\"']*"),
]


def redact(text: str) -> str:
    for pattern in PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            # The formatter keeps a text it finds and formats the exception no more.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
