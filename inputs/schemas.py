"""The input rules as pydantic types for the API's schemas (django-ninja): annotate a field, a
path or a query parameter with one of these instead of `str` or `datetime.date`. Each declares
its limit and characters in the OpenAPI description and refuses with the rules' message."""

import datetime
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from . import rules

# The error type of a broken input rule in a 422 answer's pydantic errors.
RULE_ERROR = "input_rule"


def _text(limit: int, *, multiline: bool):
    def check(value: str) -> str:
        problem = rules.text_problem(value, limit=limit, multiline=multiline)
        if problem is not None:
            raise PydanticCustomError(RULE_ERROR, problem)
        return value

    pattern = rules.TEXT_PATTERN if multiline else rules.LINE_PATTERN
    return Annotated[
        str,
        AfterValidator(check),
        Field(json_schema_extra={"maxLength": limit, "pattern": pattern}),
    ]


def _day(window: rules.Window):
    def check(day: datetime.date) -> datetime.date:
        problem = window.problem(day)
        if problem is not None:
            raise PydanticCustomError(RULE_ERROR, problem)
        return day

    return Annotated[datetime.date, AfterValidator(check)]


Key = _text(rules.KEY, multiline=False)
Name = _text(rules.NAME, multiline=False)
Line = _text(rules.LINE, multiline=False)
Search = _text(rules.SEARCH, multiline=False)
Summary = _text(rules.SUMMARY, multiline=False)
IdentityNumber = _text(rules.IDENTITY, multiline=False)
Text = _text(rules.TEXT, multiline=True)

BirthDay = _day(rules.BIRTH)
StepDay = _day(rules.CASE_STEP)
MeetingDay = _day(rules.MEETING)
FollowUpDay = _day(rules.FOLLOW_UP)
LogDay = _day(rules.LOG)
StructureDay = _day(rules.STRUCTURE)
