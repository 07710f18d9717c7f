"""Placements in the JSON API, under the rules of the pages: a session that has passed the
second factor; a case outside the user's reach answers 404 whether it exists or not, and the
attempt is logged; a read is audited; every change carries the version it was prepared on, and a
stale one answers 409; bad input answers 422 with the reasons per field."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from audit.services import record
from inputs import rules as input_rules
from inputs.api import Problem
from inputs.schemas import FollowUpDay, Key, Line, StepDay, Text
from plans import api_steps
from plans import events as case_events
from plans.access import Basis, reach_case
from plans.api import VerifiedSession
from structure.actions import ConflictError
from structure.models import Organisation

from . import actions, events
from .access import may_act, may_examine
from .models import CostAllocation, InpatientStay, Placement
from .rules import placement_rules
from .section import context_of

router = Router(tags=["placements"], auth=VerifiedSession())

PathId = Annotated[int, Path(ge=1, le=input_rules.LARGEST_ID)]
Percent = Annotated[int, Field(ge=0, le=100)]
Version = Annotated[int, Field(ge=0, le=input_rules.LARGEST_ID)]


class StalePlacement(Problem):
    version: int = Field(description="The row's version now: read it again from it.")


class OrganisationRef(Schema):
    key: str
    name: str


class ExaminationOut(Schema):
    organisation: OrganisationRef
    requested_on: datetime.date
    due_on: datetime.date
    working_days_left: int | None = Field(description="Negative once passed; None when done.")
    examined_on: datetime.date | None
    examiner: str
    outcome: str = Field(description="The basis for the health care during the placement.")


class ShareOut(Schema):
    principal: str
    principal_name: str
    percent: int
    covers: str


class AllocationOut(Schema):
    number: int
    agreed_on: datetime.date
    basis: str
    note: str
    shares: list[ShareOut]


class PlacementOut(Schema):
    id: int
    kind: str
    compulsory: bool
    acute: bool
    decided_on: datetime.date
    deciding_organisation: OrganisationRef
    starts_on: datetime.date
    ends_on: datetime.date | None
    cost_allocation_due_on: datetime.date
    cost_allocation_working_days_left: int | None = Field(
        description="Working days to the cost allocation's due day, negative once passed; "
        "None once allocated."
    )
    cost_allocation: AllocationOut | None = Field(description="The allocation in force.")
    health_examination: ExaminationOut | None
    version: int


class StayOut(Schema):
    id: int
    compulsory: bool
    admitted_on: datetime.date
    referred_by: OrganisationRef
    leave_planning: str
    discharge_planning: str
    discharge_planned_for: datetime.date | None
    discharged_on: datetime.date | None
    version: int


class ResponsibilityOut(Schema):
    setting: str
    applies_to: list[str]
    municipality: str
    region: str
    applies: bool = Field(description="The row applies to the child now.")


class CaseCareOut(Schema):
    placements: list[PlacementOut]
    inpatient_stays: list[StayOut]
    coordination_by: str = Field(description="The sector that coordinates once placed.")
    coordinator_organisation: OrganisationRef | None = Field(
        description="The coordinator's organisation in the plan in force."
    )
    coordination_misplaced: bool = Field(
        description="Placed, and the plan in force does not name that sector's coordinator: "
        "the plan is to be revised."
    )
    responsibilities: list[ResponsibilityOut]
    seed: str
    section: str


class PlacementIn(Schema):
    kind: Literal["family_home", "reinforced_family_home", "hvb", "sis"]
    compulsory: bool = False
    acute: bool = False
    decided_on: StepDay
    deciding_organisation: Key
    starts_on: StepDay
    ends_on: FollowUpDay | None = None
    version: Version | None = Field(
        default=None,
        description="The placement's version when changing it: a change saved by someone else "
        "since is answered 409.",
    )


class ExaminationRequestIn(Schema):
    organisation: Key = Field(description="The primary care unit that examines.")
    version: Version | None = None


class ExaminationIn(Schema):
    examined_on: StepDay
    examiner: Line
    outcome: Text
    version: Version | None = None


class ShareIn(Schema):
    principal: Key
    percent: Percent
    covers: Line = ""


class CostAllocationIn(Schema):
    agreed_on: StepDay
    shares: list[ShareIn] = Field(max_length=50)
    note: Text = ""
    version: Version | None = None


class AdmissionIn(Schema):
    admitted_on: StepDay
    compulsory: bool = False
    referred_by: Key


class DischargeIn(Schema):
    leave_planning: Text = ""
    discharge_planning: Text = ""
    discharge_planned_for: FollowUpDay | None = None
    discharged_on: StepDay | None = None
    version: Version | None = None


def _ref(organisation) -> OrganisationRef:
    return OrganisationRef(key=organisation.key, name=organisation.name)


def _case(request, case_id: int, acting=True):
    case, basis = reach_case(request.user, case_id, case_events.CASE_STEP_REFUSED, request.path)
    if basis is None:
        raise HttpError(404, _("No such case."))
    if placement_rules(case.individual.county)[0] is None:
        raise HttpError(404, _("The county's guideline states no rules for placement."))
    if acting and not may_act(request.user, case, basis):
        raise HttpError(403, _("Only those who take part in the case record its placements."))
    return case, basis


def _organisation(case, key: str, field: str) -> Organisation:
    found = Organisation.objects.filter(county_id=case.individual.county_id, key=key).first()
    if found is None:
        raise ValidationError({field: _("No such organisation in the county.")})
    return found


def _placement(request, placement_id: int, allowed=may_act) -> tuple[Placement, object]:
    placement = Placement.objects.filter(pk=placement_id).first()
    # A placement not there answers as a case not there: logged, 404.
    case, basis = _case(request, placement.case_id if placement else 0, acting=False)
    if not allowed(request.user, case, basis, placement):
        raise HttpError(403, _("Only those who take part in the case record its placements."))
    placement.case = case
    return placement, basis


def _acting(user, case, basis, _row) -> bool:
    return may_act(user, case, basis)


def _examining(user, case, basis, placement) -> bool:
    examination = getattr(placement, "health_examination", None)
    return may_act(user, case, basis) or may_examine(user, examination, basis)


def _placement_out(placement: Placement) -> PlacementOut:
    allocation = placement.allocation
    examination = placement.examination
    return PlacementOut(
        id=placement.pk,
        kind=placement.kind,
        compulsory=placement.compulsory,
        acute=placement.acute,
        decided_on=placement.decided_on,
        deciding_organisation=_ref(placement.deciding_organisation),
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        cost_allocation_due_on=placement.cost_allocation_due_on,
        cost_allocation_working_days_left=placement.cost_due.left if placement.cost_due else None,
        cost_allocation=AllocationOut(
            number=allocation.number,
            agreed_on=allocation.agreed_on,
            basis=allocation.basis,
            note=allocation.note,
            shares=[
                ShareOut(
                    principal=s.principal,
                    principal_name=s.name,
                    percent=s.percent,
                    covers=s.covers,
                )
                for s in allocation.shares.all()
            ],
        )
        if allocation
        else None,
        health_examination=ExaminationOut(
            organisation=_ref(examination.organisation),
            requested_on=examination.requested_on,
            due_on=examination.due_on,
            working_days_left=placement.examination_due.left if placement.examination_due else None,
            examined_on=examination.examined_on,
            examiner=examination.examiner,
            outcome=examination.outcome,
        )
        if examination
        else None,
        version=placement.version,
    )


def _care(request, case, basis) -> dict:
    found = context_of(request.user, case, basis, timezone.localdate())
    return {
        "placements": [_placement_out(p) for p in found["placements"]],
        "inpatient_stays": [
            StayOut(
                id=s.pk,
                compulsory=s.compulsory,
                admitted_on=s.admitted_on,
                referred_by=_ref(s.referred_by),
                leave_planning=s.leave_planning,
                discharge_planning=s.discharge_planning,
                discharge_planned_for=s.discharge_planned_for,
                discharged_on=s.discharged_on,
                version=s.version,
            )
            for s in found["stays"]
        ],
        "coordination_by": found["rules"].coordination_by,
        "coordinator_organisation": _ref(found["coordinator"]) if found["coordinator"] else None,
        "coordination_misplaced": found["misplaced"],
        "responsibilities": [
            ResponsibilityOut(
                setting=row.setting,
                applies_to=list(row.applies_to),
                municipality=row.municipality,
                region=row.region,
                applies=row in found["responsibilities"],
            )
            for row in found["all_responsibilities"]
        ],
        "seed": found["document"].seed,
        "section": found["rules"].source.section,
    }


ANSWERS = {401: Problem, 403: Problem, 404: Problem, 409: StalePlacement, 422: Problem}


@router.get(
    "/cases/{case_id}/placements",
    response={200: CaseCareOut, 401: Problem, 403: Problem, 404: Problem},
    summary="A case's placements, inpatient stays and the responsibilities that apply (audited)",
)
def case_care(request, case_id: PathId):
    case, basis = _case(request, case_id, acting=False)
    record(request.user, events.PLACEMENT_READ, case, emergency=basis == Basis.EMERGENCY)
    return _care(request, case, basis)


def _changed(request, case, basis, change, row=None, status: int = 200) -> Status:
    """Make the change and answer the case's care as it is now; or 422 with the reasons, or
    409 with the row's version now when someone else changed it since `version`."""
    try:
        change()
    except ValidationError as error:
        return api_steps.invalid(error)
    except ConflictError as error:
        return api_steps.stale(error, row)
    return Status(status, _care(request, case, basis))


def _placement_fields(case, payload: PlacementIn) -> dict:
    return {
        "kind": payload.kind,
        "compulsory": payload.compulsory,
        "acute": payload.acute,
        "decided_on": payload.decided_on,
        "deciding_organisation": _organisation(
            case, payload.deciding_organisation, "deciding_organisation"
        ),
        "starts_on": payload.starts_on,
        "ends_on": payload.ends_on,
    }


@router.post(
    "/cases/{case_id}/placements",
    response={201: CaseCareOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Record a placement outside the home; its cost allocation's due day follows the rule",
)
def record_placement(request, case_id: PathId, payload: PlacementIn):
    case, basis = _case(request, case_id)

    def change():
        actions.do_record_placement(request.user, case, **_placement_fields(case, payload))

    return _changed(request, case, basis, change, status=201)


@router.put(
    "/placements/{placement_id}",
    response={200: CaseCareOut, **ANSWERS},
    summary="Change a placement or record its end",
)
def change_placement(request, placement_id: PathId, payload: PlacementIn):
    placement, basis = _placement(request, placement_id, _acting)

    def change():
        actions.do_change_placement(
            request.user,
            placement,
            expected_version=payload.version,
            **_placement_fields(placement.case, payload),
        )

    return _changed(request, placement.case, basis, change, placement)


@router.post(
    "/placements/{placement_id}/health-examination/request",
    response={200: CaseCareOut, **ANSWERS},
    summary="Ask a primary care unit taking part in the case to examine the child",
)
def request_examination(request, placement_id: PathId, payload: ExaminationRequestIn):
    placement, basis = _placement(request, placement_id, _acting)

    def change():
        actions.do_request_health_examination(
            request.user,
            placement,
            organisation=_organisation(placement.case, payload.organisation, "organisation"),
            expected_version=payload.version,
        )

    return _changed(request, placement.case, basis, change, placement)


@router.post(
    "/placements/{placement_id}/health-examination",
    response={200: CaseCareOut, **ANSWERS},
    summary="Record the health examination before the placement: who, when, the outcome",
)
def record_examination(request, placement_id: PathId, payload: ExaminationIn):
    placement, basis = _placement(request, placement_id, _examining)

    def change():
        actions.do_record_health_examination(
            request.user,
            placement,
            examined_on=payload.examined_on,
            examiner=payload.examiner,
            outcome=payload.outcome,
            expected_version=payload.version,
        )

    return _changed(request, placement.case, basis, change, placement)


@router.post(
    "/placements/{placement_id}/cost-allocations",
    response={201: CaseCareOut, **ANSWERS},
    summary="Record the principals' cost allocation: shares adding up to 100 percent",
)
def record_cost_allocation(request, placement_id: PathId, payload: CostAllocationIn):
    placement, basis = _placement(request, placement_id, _acting)

    def change():
        actions.do_record_cost_allocation(
            request.user,
            placement,
            shares=[share.model_dump() for share in payload.shares],
            agreed_on=payload.agreed_on,
            basis=CostAllocation.Basis.AGREED,
            note=payload.note,
            expected_version=payload.version,
        )

    return _changed(request, placement.case, basis, change, placement, 201)


@router.post(
    "/cases/{case_id}/inpatient-stays",
    response={201: CaseCareOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Record an admission to the children's psychiatric inpatient ward",
)
def record_admission(request, case_id: PathId, payload: AdmissionIn):
    case, basis = _case(request, case_id)

    def change():
        actions.do_record_admission(
            request.user,
            case,
            admitted_on=payload.admitted_on,
            compulsory=payload.compulsory,
            referred_by=_organisation(case, payload.referred_by, "referred_by"),
        )

    return _changed(request, case, basis, change, status=201)


@router.put(
    "/inpatient-stays/{stay_id}",
    response={200: CaseCareOut, **ANSWERS},
    summary="Plan leave and discharge from the inpatient ward, and record the discharge",
)
def plan_discharge(request, stay_id: PathId, payload: DischargeIn):
    stay = InpatientStay.objects.filter(pk=stay_id).first()
    case, basis = _case(request, stay.case_id if stay else 0)

    def change():
        actions.do_plan_discharge(
            request.user,
            stay,
            leave_planning=payload.leave_planning,
            discharge_planning=payload.discharge_planning,
            discharge_planned_for=payload.discharge_planned_for,
            discharged_on=payload.discharged_on,
            expected_version=payload.version,
        )

    return _changed(request, case, basis, change, stay)
