"""Cases in the JSON API, under the rules of the case pages: a logged-in session that has passed
the second factor; a case outside the user's reach answers 404 whether it exists or not, and the
attempt is logged; every read of an individual's data is audited; a step carries the version of
the case it was prepared on, and a stale one answers 409 instead of overwriting another's step.
Bad input is answered 422 with the reasons per field."""

import datetime
from collections.abc import Callable
from functools import cache
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from agreements import schema
from agreements.models import Agreement, County
from audit.events import EventKind
from audit.services import record
from inputs.api import Problem, VerifiedSession, invalid, problem
from inputs.schemas import (
    FollowUpDay,
    IdentityNumber,
    Key,
    Line,
    Name,
    StepDay,
    Summary,
    Text,
)
from structure.actions import ConflictError
from structure.models import Organisation

from . import events, fhir, services, steps
from .access import (
    Basis,
    can_act,
    organisation_of,
    reach_case,
    shown_identity,
    visible_cases,
)
from .deadlines import case_deadlines
from .establishment import missing_for_establishment
from .models import Case, Plan
from .rules import individual_rules
from .sip import read_sip
from .steps import CASE_STEPS, CaseStep, StepIn

router = Router(tags=["cases"], auth=VerifiedSession())


class Stale(Problem):
    version: int = Field(description="The case's version now: read the case again from it.")


class StalePlan(Problem):
    latest_plan: int = Field(description="The number of the latest version of the plan now.")


class OrganisationOut(Schema):
    key: str
    name: str


class DeadlineOut(Schema):
    step: str = Field(description='"notice" or "meeting"')
    due_on: datetime.date | None = Field(description="None: as soon as possible.")
    as_soon_as_possible: bool
    done_on: datetime.date | None
    overdue: bool
    working_days_left: int | None = Field(description="Negative once passed; None when done.")
    seed: str
    section: str


class CaseOut(Schema):
    id: int
    state: str
    acute: bool
    opened_at: datetime.datetime
    opening_organisation: OrganisationOut
    deadlines: list[DeadlineOut]
    version: int


class IndividualOut(Schema):
    name: str
    birth_year: int


class ConsentOut(Schema):
    id: int
    given_by: str
    given_as: str = Field(
        description="individual, guardians or legal_representative; empty on older consents"
    )
    given_how: str
    given_on: datetime.date
    withdrawn_on: datetime.date | None
    valid_until: datetime.date | None = Field(
        description="The last day it holds, when given for a limited time; null: until withdrawn"
    )
    in_force: bool
    organisations: list[OrganisationOut]
    child_view: str


class InterventionOut(Schema):
    description: str
    principal: str
    organisation: OrganisationOut | None
    scope: str
    performer: str
    follow_up: str
    follow_up_on: datetime.date | None


class NoFurtherActionOut(Schema):
    organisation: OrganisationOut
    statement: str


class PlanOut(Schema):
    number: int
    needs: str
    measures_by_others: str
    overall_responsibility: str
    coordinator_name: str
    coordinator_organisation: OrganisationOut | None
    plan_owner_name: str
    plan_owner_organisation: OrganisationOut | None
    approved_by: str
    approved_on: datetime.date | None
    approved_how: str = Field(
        description="at_meeting, on_paper, digitally or orally; empty when not recorded"
    )
    established_on: datetime.date | None
    interventions: list[InterventionOut]
    no_further_action: list[NoFurtherActionOut] = Field(
        description="Organisations that stated that nothing further is needed from them."
    )
    missing: list[str] = Field(description="What the plan lacks before it can be established.")


class CaseDetailOut(CaseOut):
    access_basis: Basis
    individual: IndividualOut
    concern: str
    consent_on: datetime.date | None
    decided_on: datetime.date | None
    notice_sent_on: datetime.date | None
    meeting_on: datetime.date | None
    closed_on: datetime.date | None
    closed_as: str = Field(
        description='How a closed case was closed: "closed" (with a reason), "not_called" (the '
        'decision not to call a network meeting) or "follow_up" (at a follow-up meeting); "" '
        "while open."
    )
    closed_reason: str = Field(description="Why the case was closed; empty while open.")
    participants: list[OrganisationOut]
    consents: list[ConsentOut]
    plan: PlanOut | None = Field(description="The latest version of the plan, if any.")


class InterventionIn(Schema):
    description: Summary
    principal: Key = ""
    organisation: Key | None = None
    scope: Line = ""
    performer: Name = ""
    follow_up: Line = ""
    follow_up_on: FollowUpDay | None = None


class NoFurtherActionIn(Schema):
    organisation: Key
    statement: Text


class PlanIn(Schema):
    based_on: int = Field(
        ge=0, description="The number of the latest plan version the draft starts from; 0: none."
    )
    version: int | None = Field(
        default=None,
        description="The case's version the draft was prepared on: when given, a draft saved or "
        "a plan established by someone else since is answered 409 instead of being overwritten.",
    )
    needs: Text = ""
    measures_by_others: Text = ""
    overall_responsibility: Key = ""
    coordinator_name: Name = ""
    coordinator_organisation: Key | None = None
    plan_owner_name: Name = ""
    plan_owner_organisation: Key | None = None
    approved_by: Name = ""
    approved_on: StepDay | None = None
    approved_how: Plan.Approval | Literal[""] = Field(
        default="",
        description="How the approval was given: at_meeting (at the network meeting), on_paper "
        "(signed on paper), digitally (on My pages) or orally; required to establish the plan.",
    )
    interventions: list[InterventionIn] = []
    no_further_action: list[NoFurtherActionIn] = []


# The individual-level rules by county, looked up once per request: `functools.cache` on it.
RulesOf = Callable[[County], tuple[schema.IndividualLevel, Agreement]]


def _organisation(organisation: Organisation | None) -> OrganisationOut | None:
    if organisation is None:
        return None
    return OrganisationOut(key=organisation.key, name=organisation.name)


def _case_out(case: Case, rules: RulesOf, today: datetime.date) -> dict:
    found, document = rules(case.individual.county)
    return {
        "id": case.pk,
        "state": case.state,
        "acute": case.acute,
        "opened_at": case.opened_at,
        "opening_organisation": _organisation(case.opening_organisation),
        "deadlines": [
            DeadlineOut(
                step=due.step,
                due_on=due.on,
                as_soon_as_possible=due.as_soon_as_possible,
                done_on=due.done_on,
                overdue=due.overdue(today),
                working_days_left=due.working_days_left(today),
                seed=document.seed,
                section=due.rule.source.section,
            )
            for due in case_deadlines(case, found)
        ],
        "version": case.version,
    }


def _plan_out(plan: Plan, rules: schema.IndividualLevel, today: datetime.date) -> PlanOut:
    return PlanOut(
        number=plan.number,
        needs=plan.needs,
        measures_by_others=plan.measures_by_others,
        overall_responsibility=plan.overall_responsibility,
        coordinator_name=plan.coordinator_name,
        coordinator_organisation=_organisation(plan.coordinator_organisation),
        plan_owner_name=plan.plan_owner_name,
        plan_owner_organisation=_organisation(plan.plan_owner_organisation),
        approved_by=plan.approved_by,
        approved_on=plan.approved_on,
        approved_how=plan.approved_how,
        established_on=plan.established_on,
        interventions=[
            InterventionOut(
                description=i.description,
                principal=i.principal,
                organisation=_organisation(i.organisation),
                scope=i.scope,
                performer=i.performer,
                follow_up=i.follow_up,
                follow_up_on=i.follow_up_on,
            )
            for i in plan.interventions.select_related("organisation")
        ],
        no_further_action=[
            NoFurtherActionOut(organisation=_organisation(n.organisation), statement=n.statement)
            for n in plan.no_further_action.select_related("organisation")
        ],
        missing=missing_for_establishment(plan, rules, today),
    )


def _visible(request, case_id: int, refusal: EventKind) -> tuple[Case, Basis]:
    """The case and why the user sees it; else 404, the same whether it exists or not, and the
    attempt recorded for the log review."""
    case, basis = reach_case(request.user, case_id, refusal, request.path)
    if basis is None:
        raise HttpError(404, _("No such case."))
    return case, basis


def _organisations(county: County, keys: list[str], field: str) -> list[Organisation]:
    found = {o.key: o for o in Organisation.objects.filter(county=county, key__in=keys)}
    unknown = [key for key in keys if key not in found]
    if unknown:
        raise ValidationError(
            {
                field: _("No such organisation in the county: %(keys)s.")
                % {"keys": ", ".join(unknown)}
            }
        )
    return [found[key] for key in keys]


def _acting_on(request, case_id: int) -> Case:
    """A case the user may see and take steps on: 404 as for reading, 403 when only seen."""
    case, _basis = _visible(request, case_id, events.CASE_STEP_REFUSED)
    if not can_act(request.user, case):
        raise HttpError(
            403,
            _(
                "Only the organisation that opened the case, or the coordinator's organisation, "
                "takes its steps."
            ),
        )
    return case


def _take(request, step: CaseStep, case: Case, payload: StepIn, target=None) -> Status:
    """Take a declared step, if nobody took one since the payload's `version`."""
    data = payload.model_dump()
    try:
        for name in step.organisations:
            data[name] = _organisations(case.individual.county, data[name], name)
        taken = steps.take(step, request.user, case, data, target)
    except steps.StaleCase as error:
        return _stale(error.case)
    except ValidationError as error:
        return invalid(error)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("You may not take this step.")) from error
    return Status(200, _case_out(taken, cache(individual_rules), timezone.localdate()))


def _stale(case: Case) -> Status:
    return Status(
        409,
        problem(
            _(
                "Someone else changed the case after you read it; it is now at version "
                "%(version)s. Read it again before you take the step."
            )
            % {"version": case.version},
            version=case.version,
        ),
    )


STEP_RESPONSES = {200: CaseOut, 401: Problem, 403: Problem, 404: Problem, 409: Stale, 422: Problem}


@router.get(
    "/cases",
    response={200: list[CaseOut], 401: Problem, 403: Problem},
    summary="The cases you may see today, with their deadlines (no personal data)",
)
def list_cases(request):
    """Only what identifies no one: no names, birth dates or identity numbers. The list is
    therefore not audited per case; reading a case's details is (`GET /api/cases/{case_id}`)."""
    today = timezone.localdate()
    rules = cache(individual_rules)
    cases = (
        visible_cases(request.user, today)
        .select_related("individual__county", "opening_organisation")
        .prefetch_related("meetings", "plans__interventions")
        .order_by("-opened_at", "-pk")
    )
    return [_case_out(case, rules, today) for case in cases]


class OpenCaseIn(Schema):
    identity_number: IdentityNumber = Field(
        description="Personal identity or coordination number: in the body only, never in an "
        "address; stored encrypted."
    )
    name: Name
    concern: Text = Field(description="The needs noticed that call for several actors.")
    acute: bool = False
    guardians: list[Name] = Field(default=[], description="The guardians' names, for a child.")
    representative: Name | None = Field(
        default=None,
        description="The legal representative's name (god man or förvaltare), where there is "
        "one and the county's rules give one a say.",
    )
    representative_kind: Literal["trustee", "administrator"] = Field(
        default="trustee", description="trustee: god man; administrator: förvaltare."
    )
    name_checked: bool = Field(
        default=False,
        description="True once the number is checked, when the platform knows it under "
        "another name (answered 422 on `name` until then); the case keeps the name given.",
    )


@router.post(
    "/cases",
    response={201: CaseOut, 401: Problem, 403: Problem, 422: Problem},
    summary="Open a case in your organisation; only it sees the case until consent is given",
)
def open_case(request, payload: OpenCaseIn):
    organisation = organisation_of(request.user)
    if organisation is None:
        raise HttpError(
            403, _("Only those who work with individuals in an organisation open cases.")
        )
    try:
        case = services.do_open_case(
            request.user,
            organisation=organisation,
            identity_number=payload.identity_number,
            name=payload.name,
            concern=payload.concern,
            acute=payload.acute,
            guardians=tuple(payload.guardians),
            representative=payload.representative or "",
            representative_kind=payload.representative_kind,
            name_conflict_checked=payload.name_checked,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            # The number did not parse: say so on its field, without the number.
            error = ValidationError({"identity_number": error.messages})
        return invalid(error)
    return Status(201, _case_out(case, cache(individual_rules), timezone.localdate()))


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, 401: Problem, 403: Problem, 404: Problem},
    summary="A case with the individual, the consents and the latest plan (audited)",
)
def get_case(request, case_id: int):
    today = timezone.localdate()
    case, basis = _visible(request, case_id, events.CASE_REFUSED)
    record(request.user, events.CASE_READ, case, emergency=basis == Basis.EMERGENCY)
    rules = cache(individual_rules)
    found, _document = rules(case.individual.county)
    plan = (
        case.plans.select_related("coordinator_organisation", "plan_owner_organisation")
        .order_by("-number")
        .first()
    )
    return {
        **_case_out(case, rules, today),
        "access_basis": basis,
        # What the organisation may see: another organisation's registration stays hidden
        # until consent covers both (plans.access.shown_identity).
        "individual": IndividualOut(
            name=shown_identity(request.user, case, basis, today).name,
            birth_year=case.individual.birth_date.year,
        ),
        "concern": case.concern,
        "consent_on": case.consent_on,
        "decided_on": case.decided_on,
        "notice_sent_on": case.notice_sent_on,
        "meeting_on": case.meeting_on,
        "closed_on": case.closed_on,
        "closed_as": case.closed_as,
        "closed_reason": case.closed_reason,
        "participants": [_organisation(o) for o in case.participants.all()],
        "consents": [
            ConsentOut(
                id=c.pk,
                given_by=c.given_by,
                given_as=c.given_as,
                given_how=c.given_how,
                given_on=c.given_on,
                withdrawn_on=c.withdrawn_on,
                valid_until=c.valid_until,
                in_force=c.holds_on(today),
                organisations=[_organisation(o) for o in c.organisations.all()],
                child_view=c.child_view,
            )
            for c in case.consents.order_by("given_on", "pk").prefetch_related("organisations")
        ],
        "plan": _plan_out(plan, found, today) if plan else None,
    }


class FhirEntry(Schema):
    fullUrl: str = Field(description="urn:uuid: of the resource, by which the others refer to it.")
    resource: dict[str, Any] = Field(
        description="A FHIR R4B resource: CarePlan, CareTeam, Goal, Consent, Patient, "
        "Organization or PractitionerRole."
    )


class FhirBundle(Schema):
    """An HL7 FHIR R4B Bundle (JSON); its code and identifier systems are listed in the
    README, "Planen som PDF och som FHIR"."""

    resourceType: Literal["Bundle"]
    id: str
    type: Literal["collection"]
    timestamp: str = Field(description="When the bundle was made (a FHIR instant).")
    entry: list[FhirEntry] = Field(description="The CarePlan first, then what it refers to.")


@router.get(
    "/cases/{case_id}/plan/fhir",
    response={200: FhirBundle, 401: Problem, 403: Problem, 404: Problem},
    summary="The established plan in force as an HL7 FHIR R4B Bundle (audited)",
    url_name="sip_fhir",
)
def sip_fhir(request, case_id: int):
    """The newest established version of the case's SIP: 404 when none is established yet,
    as for a case one may not read."""
    case, basis = _visible(request, case_id, events.CASE_REFUSED)
    plan = (
        case.plans.select_related("coordinator_organisation", "plan_owner_organisation")
        .filter(established_on__isnull=False)
        .order_by("-number")
        .first()
    )
    if plan is None:
        raise HttpError(404, _("The case has no established plan."))
    today = timezone.localdate()
    sip = read_sip(case, plan, shown_identity(request.user, case, basis, today), today)
    bundle = fhir.sip_bundle(sip)
    record(
        request.user,
        events.PLAN_FHIR_READ,
        case,
        {"n": plan.number},
        emergency=basis == Basis.EMERGENCY,
    )
    return bundle


def _plan_fields(county: County, payload: PlanIn) -> dict:
    """The draft's fields with organisations found by key in the county and principals checked
    against the county's; every unknown one is reported at once."""
    organisations = {o.key: o for o in Organisation.objects.filter(county=county)}
    principals = {o.principal for o in organisations.values()}
    errors: dict[str, list[str]] = {}

    def organisation(key: str | None, field: str) -> Organisation | None:
        if key is not None and key not in organisations:
            errors.setdefault(field, []).append(_("No such organisation in the county."))
        return organisations.get(key) if key is not None else None

    def principal(key: str, field: str) -> str:
        if key and key not in principals:
            errors.setdefault(field, []).append(_("No such principal in the county."))
        return key

    fields = {
        "needs": payload.needs,
        "measures_by_others": payload.measures_by_others,
        "overall_responsibility": principal(
            payload.overall_responsibility, "overall_responsibility"
        ),
        "coordinator_name": payload.coordinator_name,
        "coordinator_organisation": organisation(
            payload.coordinator_organisation, "coordinator_organisation"
        ),
        "plan_owner_name": payload.plan_owner_name,
        "plan_owner_organisation": organisation(
            payload.plan_owner_organisation, "plan_owner_organisation"
        ),
        "approved_by": payload.approved_by,
        "approved_on": payload.approved_on,
        "approved_how": payload.approved_how,
        "interventions": [
            {
                **item.model_dump(exclude={"organisation", "principal"}),
                "principal": principal(item.principal, f"interventions.{n}.principal"),
                "organisation": organisation(item.organisation, f"interventions.{n}.organisation"),
            }
            for n, item in enumerate(payload.interventions)
        ],
        "no_further_action": [
            {
                "organisation": organisation(
                    item.organisation, f"no_further_action.{n}.organisation"
                ),
                "statement": item.statement,
            }
            for n, item in enumerate(payload.no_further_action)
        ],
    }
    if errors:
        raise ValidationError(errors)
    return fields


@router.post(
    "/cases/{case_id}/plans",
    response={
        201: PlanOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: StalePlan,
        422: Problem,
    },
    summary="Save the plan's draft: the latest version while it is a draft, a new version "
    "(without approval) when revising an established one",
)
def draft_plan(request, case_id: int, payload: PlanIn):
    case = _acting_on(request, case_id)
    county = case.individual.county
    try:
        # The service locks the case and refuses when `based_on` is no longer the latest.
        plan = services.do_draft_plan(
            request.user,
            case,
            based_on=payload.based_on,
            expected_version=payload.version,
            **_plan_fields(county, payload),
        )
    except ValidationError as error:
        return invalid(error)
    except ConflictError as error:
        return Status(409, problem(str(error), latest_plan=services.latest_plan_number(case)))
    rules, _document = individual_rules(county)
    return Status(201, _plan_out(plan, rules, timezone.localdate()))


class EstablishIn(Schema):
    established_on: StepDay
    version: int | None = Field(
        default=None,
        description="The case's version the plan was read at: when given, a draft changed since "
        "is answered 409 instead of being established unread.",
    )


@router.post(
    "/cases/{case_id}/plans/{number}/establish",
    response={200: PlanOut, 401: Problem, 403: Problem, 404: Problem, 409: StalePlan, 422: Problem},
    summary="Establish the newest version of the plan, once nothing is missing",
)
def establish_plan(request, case_id: int, number: int, payload: EstablishIn):
    case = _acting_on(request, case_id)
    plan = case.plans.filter(number=number).first()
    if plan is None:
        raise HttpError(404, _("No such version of the plan."))
    try:
        services.do_establish_plan(
            request.user, plan, on=payload.established_on, expected_version=payload.version
        )
    except ValidationError as error:
        return invalid(error)
    except ConflictError as error:
        return Status(409, problem(str(error), latest_plan=services.latest_plan_number(case)))
    rules, _document = individual_rules(case.individual.county)
    return Status(200, _plan_out(plan, rules, timezone.localdate()))


def _register(step: CaseStep) -> None:
    """The API's side of a declared step: POST /cases/{case_id}/<its path>, with its input."""
    payload_schema = step.schema

    def on_case(request, case_id: int, payload: payload_schema):
        return _take(request, step, _acting_on(request, case_id), payload)

    def on_consent(request, case_id: int, consent_id: int, payload: payload_schema):
        case = _acting_on(request, case_id)
        consent = case.consents.filter(pk=consent_id, withdrawn_on__isnull=True).first()
        if consent is None:
            raise HttpError(404, _("No such consent."))
        return _take(request, step, case, payload, consent)

    endpoint = on_consent if step.on_consent else on_case
    endpoint.__name__ = step.api_name
    router.post(
        f"/cases/{{case_id}}/{step.api_path}",
        response=STEP_RESPONSES,
        summary=step.summary,
        operation_id=f"plans_api_{step.api_name}",
    )(endpoint)


for declared in CASE_STEPS.values():
    _register(declared)
