"""Deviation reports in the JSON API, under the rules of the pages: a session that has passed
the second factor; a report the user may not see answers 404, logged; a report on a case only
names the case to those who see it; a step carries the report's version and a stale one answers
409; warnings (a text naming the individual, a party the reporter does not work with) answer
422 until `confirm_warnings` is true."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from agreements.models import County
from audit.services import record
from inputs.api import Problem
from inputs.rules import LARGEST_ID
from inputs.schemas import Key, Line, StepDay, Text
from matters.access import organisation_of
from plans import api_steps
from plans import events as case_events
from plans.access import can_see, reach_case
from plans.api import VerifiedSession
from structure.models import Organisation

from . import access, actions, events, queries
from .models import Deviation

router = Router(tags=["deviations"], auth=VerifiedSession())


class DeviationOut(Schema):
    id: int
    document: str
    document_version: int
    section: str
    party: str = Field(description="The key of the organisation reported.")
    reporting_organisation: str
    happened_on: datetime.date
    reported_on: datetime.date
    what: str
    case: int | None = Field(description="The case, only for those who may see it.")
    state: str
    level: str
    handled_by: str
    acknowledge_by: datetime.date
    close_by: datetime.date
    due_on: datetime.date | None
    investigation: str
    measures: str
    outcome: str
    closed_on: datetime.date | None
    version: int


class ReportIn(Schema):
    clause: Line = Field(description='"document:section", as the county\'s clauses name them')
    party: Key = Field(description="The key of the organisation that deviated.")
    happened_on: StepDay
    what: Text
    case: int | None = Field(default=None, ge=1, le=LARGEST_ID)
    confirm_warnings: bool = False


class StepIn(Schema):
    on: StepDay | None = None
    text: Text = ""
    version: int = Field(ge=1, le=LARGEST_ID)


class InvestigationIn(Schema):
    investigation: Text
    measures: Text = ""
    version: int = Field(ge=1, le=LARGEST_ID)


class StaleDeviation(Problem):
    version: int


def _out(deviation: Deviation, user) -> dict:
    return {
        **{
            name: getattr(deviation, name)
            for name in (
                "id",
                "document",
                "document_version",
                "section",
                "happened_on",
                "reported_on",
                "what",
                "state",
                "handled_by",
                "acknowledge_by",
                "close_by",
                "due_on",
                "investigation",
                "measures",
                "outcome",
                "closed_on",
                "version",
            )
        },
        "party": deviation.party.key,
        "reporting_organisation": deviation.reporting_organisation.key,
        "level": deviation.level_id,
        "case": deviation.case_id if deviation.case_id and can_see(user, deviation.case) else None,
    }


def _seen(request, deviation_id: int) -> Deviation:
    found = (
        Deviation.objects.select_related("party", "reporting_organisation", "case")
        .filter(pk=deviation_id)
        .first()
    )
    if found is None or not access.may_see(request.user, found):
        record(
            request.user,
            events.DEVIATION_REFUSED,
            found or Deviation(pk=deviation_id),
            reason=request.path,
        )
        raise HttpError(404, _("No such deviation report."))
    return found


@router.get(
    "/deviations/{county}",
    response={200: list[DeviationOut], 401: Problem, 403: Problem, 404: Problem},
    summary="The county's deviation reports without a case that you see, newest first",
)
def list_deviations(request, county: Key):
    found = get_object_or_404(County, slug=county)
    return [_out(d, request.user) for d in queries.structure_level(request.user, found.pk)[:500]]


@router.get(
    "/deviations/waiting/mine",
    response={200: list[DeviationOut], 401: Problem, 403: Problem},
    summary="The open deviation reports you handle, most urgent first",
)
def waiting(request):
    rows = queries.waiting_for(request.user, timezone.localdate()).select_related(
        "reporting_organisation", "case"
    )
    return [_out(d, request.user) for d in rows[:500]]


@router.post(
    "/deviations/{county}",
    response={201: DeviationOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Report that a party deviated from a routine",
)
def report(request, county: Key, payload: ReportIn):
    found = get_object_or_404(County, slug=county)
    organisation = organisation_of(request.user)
    if organisation is None or organisation.county_id != found.pk:
        raise HttpError(403, _("Only someone of the county's organisations reports a deviation."))
    case = None
    if payload.case is not None:
        case, basis = reach_case(request.user, payload.case, case_events.CASE_REFUSED, request.path)
        if basis is None:
            raise HttpError(404, _("No such case."))
    party = Organisation.objects.filter(county=found, key=payload.party).first()
    if party is None:
        return api_steps.invalid(
            ValidationError({"party": _("Choose an organisation of the county.")})
        )
    try:
        made = actions.do_report_deviation(
            request.user,
            report=actions.Report(payload.clause, party, payload.happened_on, payload.what),
            case=case,
            confirm_warnings=payload.confirm_warnings,
        )
    except ValidationError as error:
        return api_steps.invalid(error)
    return Status(201, _out(made, request.user))


@router.get(
    "/deviations/report/{deviation_id}",
    response={200: DeviationOut, 401: Problem, 403: Problem, 404: Problem},
    summary="A deviation report (audited when it is linked to a case)",
)
def get_deviation(request, deviation_id: int):
    found = _seen(request, deviation_id)
    if found.case_id:
        record(request.user, events.DEVIATION_READ, found, {"number": str(found.pk)})
    return _out(found, request.user)


def _step(request, deviation_id: int, act) -> Status:
    return api_steps.step(
        _seen(request, deviation_id),
        act,
        _("You may not handle this deviation."),
        lambda done: Status(200, _out(done, request.user)),
    )


STEP_RESPONSES = {
    200: DeviationOut,
    401: Problem,
    403: Problem,
    404: Problem,
    409: StaleDeviation,
    422: Problem,
}


step = api_steps.step_routes(router, key="deviation_id", responses=STEP_RESPONSES, take=_step)
step(
    "/deviations/report/{deviation_id}/acknowledge",
    "acknowledge",
    "Acknowledge the report, as its handler at the level it is at",
    StepIn,
    lambda user, d, p: actions.do_acknowledge_deviation(
        user, d, on=p.on, expected_version=p.version
    ),
)
step(
    "/deviations/report/{deviation_id}/investigation",
    "investigation",
    "Record what the investigation found and the measures taken",
    InvestigationIn,
    lambda user, d, p: actions.do_record_investigation(
        user, d, investigation=p.investigation, measures=p.measures, expected_version=p.version
    ),
)
step(
    "/deviations/report/{deviation_id}/pass-on",
    "pass_on",
    "Pass the report on to the routine's next level, with the reason (text)",
    StepIn,
    lambda user, d, p: actions.do_pass_deviation_on(
        user, d, reason=p.text, on=p.on, expected_version=p.version
    ),
)
step(
    "/deviations/report/{deviation_id}/close",
    "close",
    "Close the report with its outcome (text); the reporter is told by mail",
    StepIn,
    lambda user, d, p: actions.do_close_deviation(
        user, d, outcome=p.text, on=p.on, expected_version=p.version
    ),
)
