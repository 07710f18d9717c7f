"""The rules themselves: lengths, characters and date windows, each with its Swedish message.

A text is refused when it is longer than its kind allows (the same limit as the column that
stores it, so that SQLite, which ignores a column's length, and PostgreSQL, which fails on it,
behave alike), or when it holds a character that cannot be stored or shown: NUL (PostgreSQL
cannot store it), a lone surrogate (not Unicode, so not encodable as UTF-8) or another C0
control character; a multi-line text may hold tabs and line breaks, a single line none.

A date is refused outside the window that makes sense for what it dates: a birth in the past
and not before 1900, a step of a case near today, a follow-up within the plan's horizon, a
filter of the log within the log's life. Beyond the window lie days no calendar of the platform
can count with (the working-day calendar stops at 2200, Python's dates at 9999).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# Lengths, in characters, by kind of text. Where a column stores the text, its max_length is
# the same number, so that nothing validated can be too long for the database.
KEY = 80  # a key (slug): an organisation, a principal, a body, a seat, a county
NAME = 200  # a person's name or title, who gave consent or approved
LINE = 300  # a short line: scope, how an intervention is followed up, relatives taking part
SEARCH = 150  # a user name or words typed in a filter (Django's user names are 150 at most)
SUMMARY = 1000  # one line that may run long: an intervention of a plan
IDENTITY = 20  # a personal identity or coordination number as typed
EMAIL = 254  # an e-mail address (Django's EmailField column)

# The largest row number a database key holds (a 64-bit BigAutoField): a number typed in a
# filter beyond it can name no row, and SQLite cannot even compare it.
LARGEST_ID = 2**63 - 1
TEXT = 10_000  # a free text: needs, the joint picture, a reason (a TextField: no column limit)

# Characters refused everywhere: C0 controls other than tab and line breaks, and lone
# surrogates (U+D800-U+DFFF, which JSON's \\uXXXX escapes can produce).
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK_OR_TAB = re.compile("[\t\n\r]")

# The same rules as JSON Schema patterns, for the API's description (lone surrogates cannot be
# written in a pattern; they are refused all the same).
LINE_PATTERN = "^[^\\u0000-\\u001f]*$"
TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"


def text_problem(value: str, *, limit: int | None, multiline: bool) -> str | None:
    """Why the text cannot be accepted, in the reader's language, or None when it can.
    `limit` None: the length is checked elsewhere (a form field's max_length)."""
    if _SURROGATE.search(value):
        return _("The text holds a character that is not valid Unicode: remove it.")
    if _NOT_IN_TEXT.search(value):
        return _("The text holds an invisible control character that cannot be saved: remove it.")
    if not multiline and _LINE_BREAK_OR_TAB.search(value):
        return _("Write this on one line, without tabs or line breaks.")
    if limit is not None and len(value) > limit:
        return _("Write at most %(limit)s characters (now %(length)s).") % {
            "limit": limit,
            "length": len(value),
        }
    return None


def storable(value: str) -> str:
    """The text without the characters no column can hold or show (for text that is recorded
    as given, such as the user name of a failed login, rather than refused)."""
    return _NOT_IN_TEXT.sub("", _SURROGATE.sub("", value))


def check_text(value: str, *, limit: int | None, multiline: bool) -> None:
    """A Django validator's body: raises ValidationError with the message of `text_problem`."""
    problem = text_problem(value, limit=limit, multiline=multiline)
    if problem is not None:
        raise ValidationError(problem, code="text")


def single_line(value: str) -> None:
    """Django validator for one line of text (its length is the field's max_length)."""
    check_text(value, limit=None, multiline=False)


def multi_line(value: str) -> None:
    """Django validator for a text of several lines (its length is the field's max_length)."""
    check_text(value, limit=None, multiline=True)


@dataclass(frozen=True)
class Window:
    """The days a kind of date may fall on: from `first` to `last`, or to `ahead` days after
    today when the window moves with time."""

    first: datetime.date
    last: datetime.date | None = None
    ahead: int | None = None

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        if self.last is not None:
            return self.first, self.last
        today = today or timezone.localdate()
        return self.first, today + datetime.timedelta(days=self.ahead or 0)

    def problem(self, day: datetime.date) -> str | None:
        first, last = self.bounds()
        if first <= day <= last:
            return None
        return _("Give a date between %(first)s and %(last)s.") % {
            "first": first.isoformat(),
            "last": last.isoformat(),
        }

    def check(self, day: datetime.date) -> None:
        """A Django validator's body: raises ValidationError outside the window."""
        problem = self.problem(day)
        if problem is not None:
            raise ValidationError(problem, code="date_window")


# No case, log entry or decision of this platform predates this day.
PLATFORM_FIRST_DAY = datetime.date(2000, 1, 1)

# A date of birth: in the past (today at the latest), and not before 1900.
BIRTH = Window(datetime.date(1900, 1, 1), ahead=0)
# A step of a case that has happened (consent, decision, notice, meeting, approval, closing):
# near today; a year ahead leaves room for a step recorded in advance.
CASE_STEP = Window(PLATFORM_FIRST_DAY, ahead=366)
# A meeting called for a day to come: within two years.
MEETING = Window(PLATFORM_FIRST_DAY, ahead=2 * 366)
# A follow-up date of an intervention: within the plan's horizon of five years.
FOLLOW_UP = Window(PLATFORM_FIRST_DAY, ahead=5 * 366)
# A filter of the log: within the log's life, up to tomorrow (a day's events in any time zone).
LOG = Window(PLATFORM_FIRST_DAY, ahead=1)
# A day of the live structure (an appointment, an office term, the day compliance is checked
# on): the years the structure's actions accept (structure.actions).
STRUCTURE = Window(datetime.date(1990, 1, 1), last=datetime.date(2100, 12, 31))
