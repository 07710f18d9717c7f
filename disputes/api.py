"""Disputes in the JSON API, under the rules of the pages: a session that has passed the second
factor; a dispute or a case the user may not see answers 404, logged; a step skipped on the path
answers 422; a stale version 409. The case is named only to those who see it."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from audit.services import record
from inputs.api import Problem
from inputs.rules import LARGEST_ID
from inputs.schemas import Key, StepDay, Text
from plans import api_steps
from plans import events as case_events
from plans.access import can_see, reach_case
from plans.api import VerifiedSession
from structure.models import Organisation

from . import access, actions, events
from .models import Dispute

router = Router(tags=["disputes"], auth=VerifiedSession())


class StatementOut(Schema):
    organisation: str
    text: str
    stated_on: datetime.date


class DisputeShareOut(Schema):
    principal: str
    percent: int


class DisputeOut(Schema):
    id: int
    case: int | None = Field(description="The case, only for those who may see it.")
    matter: int = Field(description="The matter of the structure that carries the dispute.")
    subject: str
    raised_by: str
    respondent: str
    raised_on: datetime.date
    state: str
    step: int = Field(description="The index of the path's step the dispute is at.")
    body: str
    instance: str
    answer_due: datetime.date | None = Field(
        description="The day the step the dispute is at should answer by."
    )
    statements: list[StatementOut]
    outcome: str
    responsible_principal: str
    shares: list[DisputeShareOut]
    resolved_on: datetime.date | None
    allocation_number: int | None
    version: int


class DisputeIn(Schema):
    subject: Key = Field(description='"responsibility" or "cost"')
    respondent: Key = Field(description="The key of the other party's organisation.")
    statement: Text


class StatementIn(Schema):
    text: Text


class EscalateIn(Schema):
    to_step: int = Field(ge=0, le=100, description="The path's next step, and only that.")
    text: Text
    on: StepDay | None = None
    version: int = Field(ge=1, le=LARGEST_ID)


class DisputeShareIn(Schema):
    principal: Key
    percent: int = Field(ge=0, le=100)


class ResolveIn(Schema):
    outcome: Text
    responsible_principal: Key = ""
    shares: list[DisputeShareIn] = Field(default_factory=list, max_length=50)
    on: StepDay | None = None
    version: int = Field(ge=1, le=LARGEST_ID)


class StaleDispute(Problem):
    version: int


def _out(dispute: Dispute, user) -> dict:
    matter = dispute.matter
    return {
        "id": dispute.pk,
        "case": dispute.case_id if can_see(user, dispute.case) else None,
        "matter": matter.pk,
        "subject": dispute.subject,
        "raised_by": dispute.raised_by.key,
        "respondent": dispute.respondent.key,
        "raised_on": dispute.raised_on,
        "state": dispute.state,
        "step": matter.dispute_step,
        "body": matter.body,
        "instance": matter.instance,
        "answer_due": matter.answer_due,
        "statements": [
            {"organisation": s.organisation.key, "text": s.text, "stated_on": s.stated_on}
            for s in dispute.statements.select_related("organisation")
        ],
        "outcome": dispute.outcome,
        "responsible_principal": dispute.responsible_principal,
        "shares": [{"principal": s.principal, "percent": s.percent} for s in dispute.shares.all()],
        "resolved_on": dispute.resolved_on,
        "allocation_number": dispute.allocation_number,
        "version": dispute.version,
    }


def _seen(request, dispute_id: int) -> Dispute:
    found = (
        Dispute.objects.select_related("case", "matter", "raised_by", "respondent")
        .filter(pk=dispute_id)
        .first()
    )
    if found is None or not access.may_see(request.user, found):
        record(
            request.user,
            events.DISPUTE_REFUSED,
            found or Dispute(pk=dispute_id),
            reason=request.path,
        )
        raise HttpError(404, _("No such dispute."))
    return found


def _step(request, dispute_id: int, act, status: int = 200) -> Status:
    found = _seen(request, dispute_id)

    def done(_result) -> Status:
        found.refresh_from_db()
        return Status(status, _out(found, request.user))

    return api_steps.step(found, act, _("You may not take this step."), done)


@router.post(
    "/cases/{case_id}/disputes",
    response={201: DisputeOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Raise a dispute on responsibility or cost in a case, with your side's statement",
)
def raise_dispute(request, case_id: int, payload: DisputeIn):
    case, basis = reach_case(request.user, case_id, case_events.CASE_REFUSED, request.path)
    if basis is None:
        raise HttpError(404, _("No such case."))
    respondent = Organisation.objects.filter(
        county_id=case.individual.county_id, key=payload.respondent
    ).first()
    if respondent is None:
        return api_steps.invalid(
            ValidationError(
                {"respondent": _("Choose another organisation taking part in the case.")}
            )
        )
    try:
        made = actions.do_raise_dispute(
            request.user,
            case,
            subject=payload.subject,
            respondent=respondent,
            statement=payload.statement,
        )
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    except ValidationError as error:
        return api_steps.invalid(error)
    return Status(201, _out(made, request.user))


@router.get(
    "/disputes/{dispute_id}",
    response={200: DisputeOut, 401: Problem, 403: Problem, 404: Problem},
    summary="A dispute with both sides' statements and where it is on its path (audited)",
)
def get_dispute(request, dispute_id: int):
    found = _seen(request, dispute_id)
    record(request.user, events.DISPUTE_READ, found, {"number": str(found.pk)})
    return _out(found, request.user)


STEP_RESPONSES = {
    200: DisputeOut,
    401: Problem,
    403: Problem,
    404: Problem,
    409: StaleDispute,
    422: Problem,
}


step = api_steps.step_routes(router, key="dispute_id", responses=STEP_RESPONSES, take=_step)
step(
    "/disputes/{dispute_id}/statement",
    "state_side",
    "State your side of the dispute, once",
    StatementIn,
    lambda user, d, p: actions.do_state_side(user, d, text=p.text),
)
step(
    "/disputes/{dispute_id}/escalate",
    "escalate",
    "Escalate to the path's next step; a skipped step answers 422",
    EscalateIn,
    lambda user, d, p: actions.do_escalate_dispute(
        user, d, to_step=p.to_step, text=p.text, on=p.on, expected_version=p.version
    ),
)
step(
    "/disputes/{dispute_id}/resolve",
    "resolve",
    "Record the outcome: the responsible principal, or each principal's share of the cost",
    ResolveIn,
    lambda user, d, p: actions.do_resolve_dispute(
        user,
        d,
        outcome=p.outcome,
        responsible_principal=p.responsible_principal,
        shares=[s.model_dump() for s in p.shares],
        on=p.on,
        expected_version=p.version,
    ),
)
