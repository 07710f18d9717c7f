"""A body's year of meetings in the JSON API: read it (the stored plan, or what the rules propose
with the rules cited), propose it, adopt it, and change a meeting. Under the pages' rules: a
session that has passed the second factor; the body's chair or secretary or the county's
coordinators change; a stale version answers 409, bad input 422 with the reasons."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from agreements.models import Agreement, County
from inputs import rules
from inputs.api import Problem, VerifiedSession, invalid, problem
from inputs.schemas import RULE_ERROR, Key, Line, Text
from structure.actions import ConflictError

from . import planning, year_actions
from .models import Meeting, YearPlan

router = Router(tags=["meetings"], auth=VerifiedSession())


def _meeting_time(value: datetime.datetime) -> datetime.datetime:
    # A time without a zone is Swedish time, as the pages take it.
    if value.tzinfo is None:
        value = value.replace(tzinfo=planning.STOCKHOLM)
    problem = rules.MEETING.problem(value.astimezone(planning.STOCKHOLM).date())
    if problem is not None:
        raise PydanticCustomError(RULE_ERROR, problem)
    return value


MeetingTime = Annotated[datetime.datetime, AfterValidator(_meeting_time)]
Year = Annotated[int, Path(ge=2000, le=2100)]


class RuleOut(Schema):
    code: str
    text: str
    section: str
    document: str
    advice: bool


class PlannedMeetingOut(Schema):
    id: int | None
    uid: str | None
    version: int | None
    body: str
    instance: str
    kind: str
    status: str
    title: str
    event: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    with_body: str
    prepares_id: int | None
    departure_reason: str
    sequence: int
    agenda: list[str]


class YearOut(Schema):
    county: str
    body: str
    instance: str
    year: int
    state: str
    stored: bool
    version: int | None
    adopted_at: datetime.datetime | None
    adoptions: int
    rules: list[RuleOut]
    meetings: list[PlannedMeetingOut]


class AdoptIn(Schema):
    version: int


class MeetingChange(Schema):
    version: int
    starts_at: MeetingTime
    ends_at: MeetingTime
    place: Line = ""
    title: Line = ""
    departure_reason: Text = ""


def _county(slug: str) -> County:
    county = County.objects.filter(slug=slug).first()
    if county is None or Agreement.objects.structure_in_force(county=county) is None:
        raise HttpError(404, _("No agreement in force for this county."))
    return county


def _stored_out(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "uid": str(meeting.uid),
        "version": meeting.version,
        "body": meeting.body,
        "instance": meeting.instance,
        "kind": meeting.kind,
        "status": meeting.status,
        "title": meeting.title,
        "event": meeting.event,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "with_body": meeting.with_body,
        "prepares_id": meeting.prepares_id,
        "departure_reason": meeting.departure_reason,
        "sequence": meeting.sequence,
        "agenda": [item.title for item in meeting.agenda.all()],
    }


def _proposed_out(proposed: planning.Proposed) -> dict:
    return {
        "id": None,
        "uid": None,
        "version": None,
        "body": proposed.body,
        "instance": proposed.instance,
        "kind": proposed.kind,
        "status": "proposed",
        "title": proposed.title,
        "event": proposed.event,
        "starts_at": proposed.starts_at,
        "ends_at": proposed.ends_at,
        "place": "",
        "with_body": proposed.with_body,
        "prepares_id": None,
        "departure_reason": "",
        "sequence": 0,
        "agenda": [item.title for item in proposed.agenda],
    }


def _year(county: County, body: str, instance: str, year: int) -> dict:
    try:
        proposals = planning.propose_year(county, body, instance, year)
    except LookupError:
        raise HttpError(404, _("The agreement in force has no such body.")) from None
    plan = YearPlan.objects.filter(county=county, body=body, instance=instance, year=year).first()
    stored = list(
        Meeting.objects.filter(county=county, starts_at__year=year)
        .filter(planning.shown_in(body, instance))
        .prefetch_related("agenda")
        .order_by("starts_at", "pk")
    )
    seen, found_rules = set(), []
    for proposed in proposals:
        for rule in proposed.rules:
            if rule.text not in seen:
                seen.add(rule.text)
                found_rules.append(rule)
    return {
        "county": county.slug,
        "body": body,
        "instance": instance,
        "year": year,
        "state": plan.state if plan else "not_proposed",
        "stored": bool(stored),
        "version": plan.version if plan else None,
        "adopted_at": plan.adopted_at if plan else None,
        "adoptions": plan.adoptions.count() if plan else 0,
        "rules": [
            {
                "code": r.code,
                "text": r.text,
                "section": r.section,
                "document": r.document,
                "advice": r.advice,
            }
            for r in found_rules
        ],
        "meetings": [_stored_out(m) for m in stored]
        if stored
        else [_proposed_out(p) for p in proposals],
    }


def _refused(error: ValidationError) -> Status:
    return invalid(error, _("The change cannot be made as given: see the reasons."))


@router.get(
    "/counties/{county}/meetings/{body}/{year}",
    response={200: YearOut, 404: Problem},
    summary="A body's year of meetings: the stored plan, or the rules' proposal",
)
def read_year(request, county: Key, body: Key, year: Year, instance: Key = ""):
    return _year(_county(county), body, instance, year)


@router.post(
    "/counties/{county}/meetings/{body}/{year}/propose",
    response={201: YearOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Store the rules' proposal as the body's plan for the year",
)
def propose_year(request, county: Key, body: Key, year: Year, instance: Key = ""):
    place = _county(county)
    try:
        year_actions.do_propose_year_plan(request.user, place, body, instance, year)
    except PermissionDenied as error:
        return Status(403, problem(str(error)))
    except ValidationError as error:
        return _refused(error)
    return Status(201, _year(place, body, instance, year))


@router.post(
    "/counties/{county}/meetings/{body}/{year}/adopt",
    response={200: YearOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Adopt the year's plan read at `version`",
)
def adopt_year(request, county: Key, body: Key, year: Year, payload: AdoptIn, instance: Key = ""):
    place = _county(county)
    plan = YearPlan.objects.filter(county=place, body=body, instance=instance, year=year).first()
    if plan is None:
        raise HttpError(404, _("The year's meetings are not proposed yet."))
    try:
        year_actions.do_adopt_year_plan(request.user, plan, payload.version)
    except PermissionDenied as error:
        return Status(403, problem(str(error)))
    except ConflictError as error:
        return Status(409, problem(str(error)))
    except ValidationError as error:
        return _refused(error)
    return Status(200, _year(place, body, instance, year))


@router.put(
    "/counties/{county}/meetings/{meeting_id}",
    response={200: PlannedMeetingOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Move a meeting or change its place or title, read at `version`",
)
def change_meeting(request, county: Key, meeting_id: int, payload: MeetingChange):
    place = _county(county)
    if not 1 <= meeting_id <= rules.LARGEST_ID:
        raise HttpError(404, _("No such meeting."))
    meeting = get_object_or_404(
        Meeting.objects.select_related("plan", "county"), county=place, pk=meeting_id
    )
    try:
        changed = year_actions.do_change_meeting(
            request.user,
            meeting,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            place=payload.place,
            title=payload.title,
            departure_reason=payload.departure_reason,
            expected_version=payload.version,
        )
    except PermissionDenied as error:
        return Status(403, problem(str(error)))
    except ConflictError as error:
        return Status(409, problem(str(error)))
    except ValidationError as error:
        return _refused(error)
    return Status(200, _stored_out(changed))
