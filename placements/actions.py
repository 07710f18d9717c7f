"""Every change to a placement, its health examination and cost allocation, and an inpatient
stay, as a named action: it checks the change against the county's guideline
(placements.rules), saves it with an optimistic lock (a stale `expected_version` raises
ConflictError) and records one audit event, in one transaction.

Who may take a step is the pages' and the API's to check (placements.access); the actions check
what is recorded, so that a dispute's outcome (the disputes app) records a cost allocation
through the same rules as the principals do."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import schema
from audit.services import record
from inputs import rules as input_rules
from plans.models import Case
from structure.actions import ConflictError
from structure.models import Organisation

from . import events
from .models import CostAllocation, CostShare, HealthExamination, InpatientStay, Placement
from .rules import (
    case_principals,
    cost_allocation_due,
    examines,
    placement_rules,
    principal_names,
    taking_part,
)


class Errors:
    """Problems gathered per field, raised together."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}

    def add(self, field: str | None, message: str) -> None:
        self.found.setdefault(field or NON_FIELD_ERRORS, []).append(message)

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


def _rules_of(case: Case) -> schema.PlacementRules:
    found, _document = placement_rules(case.individual.county)
    if found is None:
        raise ValidationError(_("The county's guideline states no rules for placement."))
    return found


def _open(case: Case) -> None:
    if case.state == Case.State.CLOSED:
        raise ValidationError(_("The case is closed: nothing more is recorded on it."))


def _window(errors: Errors, field: str, day, window: input_rules.Window) -> None:
    problem = window.problem(day) if day is not None else None
    if problem is not None:
        errors.add(field, problem)


def _not_before(errors: Errors, field: str, day, earliest, what: str) -> None:
    if day is not None and earliest is not None and day < earliest:
        errors.add(field, _("The date is before %(what)s.") % {"what": what})


def _not_after_today(errors: Errors, field: str, day) -> None:
    if day is not None and day > timezone.localdate():
        errors.add(field, _("The date is after today."))


def _happened(errors: Errors, field: str, day, case: Case) -> None:
    """A step that has happened: in the case's window, not before the case, not after today."""
    _window(errors, field, day, input_rules.CASE_STEP)
    _not_before(errors, field, day, timezone.localdate(case.opened_at), _("the case was opened"))
    _not_after_today(errors, field, day)


def _save(model, row, expected_version: int | None, **fields):
    """Save the fields if the row is still at the version read; raise ConflictError if not."""
    version = row.version if expected_version is None else expected_version
    if not model.objects.filter(pk=row.pk, version=version).update(
        version=F("version") + 1, **fields
    ):
        raise ConflictError(
            _("Someone else changed this after you opened it. Your change is not saved.")
        )
    row.refresh_from_db()
    return row


def _placement_errors(
    case: Case,
    *,
    kind: str,
    decided_on: datetime.date,
    deciding_organisation: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> None:
    errors = Errors()
    if kind not in Placement.Kind.values:
        errors.add("kind", _("Choose the kind of placement."))
    _happened(errors, "decided_on", decided_on, case)
    _window(errors, "starts_on", starts_on, input_rules.CASE_STEP)
    _not_before(errors, "starts_on", starts_on, decided_on, _("the decision on the placement"))
    _window(errors, "ends_on", ends_on, input_rules.FOLLOW_UP)
    _not_before(errors, "ends_on", ends_on, starts_on, _("the start of the placement"))
    # The municipality's social services decides on care outside the home (SoL, LVU).
    if deciding_organisation.sector != schema.Sector.SOCIAL_SERVICES:
        errors.add(
            "deciding_organisation",
            _("%(name)s is not social services, which decides on a placement.")
            % {"name": deciding_organisation.name},
        )
    elif deciding_organisation.pk not in taking_part(case):
        errors.add(
            "deciding_organisation",
            _("%(name)s takes no part in the case.") % {"name": deciding_organisation.name},
        )
    errors.raise_any()


@transaction.atomic
def do_record_placement(
    actor,
    case: Case,
    *,
    kind: str,
    compulsory: bool,
    acute: bool,
    decided_on: datetime.date,
    deciding_organisation: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Placement:
    """A decision to place the child outside the home; the cost allocation's due day follows
    from the guideline's rule."""
    _open(case)
    rules = _rules_of(case)
    _placement_errors(
        case,
        kind=kind,
        decided_on=decided_on,
        deciding_organisation=deciding_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    placement = Placement.objects.create(
        case=case,
        kind=kind,
        compulsory=compulsory,
        acute=acute,
        decided_on=decided_on,
        deciding_organisation=deciding_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        cost_allocation_due_on=cost_allocation_due(
            rules, acute=acute, decided_on=decided_on, starts_on=starts_on
        ),
        recorded_by=actor,
    )
    record(
        actor,
        events.PLACEMENT_RECORDED,
        placement,
        {"kind": kind},
        changes={"acute": [None, acute], "decided_on": [None, decided_on]},
    )
    return placement


@transaction.atomic
def do_change_placement(
    actor,
    placement: Placement,
    *,
    kind: str,
    compulsory: bool,
    acute: bool,
    decided_on: datetime.date,
    deciding_organisation: Organisation,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Placement:
    """Correct the placement or record its end; the due days follow the dates as changed."""
    case = placement.case
    rules = _rules_of(case)
    _placement_errors(
        case,
        kind=kind,
        decided_on=decided_on,
        deciding_organisation=deciding_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    fields = {
        "kind": kind,
        "compulsory": compulsory,
        "acute": acute,
        "decided_on": decided_on,
        "deciding_organisation": deciding_organisation,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    before = {name: getattr(placement, name) for name in fields}
    before["deciding_organisation"] = placement.deciding_organisation_id
    placement = _save(
        Placement,
        placement,
        expected_version,
        cost_allocation_due_on=cost_allocation_due(
            rules, acute=acute, decided_on=decided_on, starts_on=starts_on
        ),
        **fields,
    )
    HealthExamination.objects.filter(placement=placement, examined_on__isnull=True).update(
        due_on=starts_on
    )
    after = {**fields, "deciding_organisation": deciding_organisation.pk}
    record(
        actor,
        events.PLACEMENT_CHANGED,
        placement,
        {"kind": kind},
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return placement


@transaction.atomic
def do_request_health_examination(
    actor,
    placement: Placement,
    *,
    organisation: Organisation,
    requested_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> HealthExamination:
    """Primary care is asked to examine the child before the placement (004
    "Hälsoundersökningar"): due by the day the placement starts."""
    case = placement.case
    rules = _rules_of(case)
    requested_on = requested_on or timezone.localdate()
    errors = Errors()
    if not examines(rules, organisation):
        errors.add(
            "organisation",
            _("%(name)s is not primary care, which examines before a placement.")
            % {"name": organisation.name},
        )
    elif organisation.pk not in taking_part(case):
        errors.add(
            "organisation",
            _("%(name)s takes no part in the case.") % {"name": organisation.name},
        )
    _window(errors, "requested_on", requested_on, input_rules.CASE_STEP)
    _not_after_today(errors, "requested_on", requested_on)
    existing = HealthExamination.objects.filter(placement=placement).first()
    if existing is not None and existing.examined_on is not None:
        errors.add(None, _("The examination is already recorded."))
    errors.raise_any()
    _save(Placement, placement, expected_version)
    examination, _created = HealthExamination.objects.update_or_create(
        placement=placement,
        defaults={
            "organisation": organisation,
            "requested_on": requested_on,
            "requested_by": actor,
            "due_on": placement.starts_on,
        },
    )
    record(
        actor,
        events.EXAMINATION_REQUESTED,
        examination,
        changes={"organisation": [None, organisation.pk]},
    )
    return examination


@transaction.atomic
def do_record_health_examination(
    actor,
    placement: Placement,
    *,
    examined_on: datetime.date,
    examiner: str,
    outcome: str,
    expected_version: int | None = None,
) -> HealthExamination:
    """Who examined, when, and the outcome: the basis for the health care interventions during
    the placement."""
    examination = HealthExamination.objects.filter(placement=placement).first()
    if examination is None:
        raise ValidationError(_("Ask primary care for the examination first."))
    errors = Errors()
    _happened(errors, "examined_on", examined_on, placement.case)
    if not examiner.strip():
        errors.add("examiner", _("Name who examined the child."))
    if not outcome.strip():
        errors.add("outcome", _("Write the outcome of the examination."))
    errors.raise_any()
    _save(Placement, placement, expected_version)
    examination.examined_on = examined_on
    examination.examiner = examiner.strip()
    examination.outcome = outcome.strip()
    examination.recorded_by = actor
    examination.save(update_fields=["examined_on", "examiner", "outcome", "recorded_by"])
    record(
        actor,
        events.EXAMINATION_RECORDED,
        examination,
        changes={"examined_on": [None, examined_on]},
    )
    return examination


@transaction.atomic
def do_record_cost_allocation(
    actor,
    placement: Placement,
    *,
    shares: Iterable[Mapping],
    agreed_on: datetime.date,
    basis: str = CostAllocation.Basis.AGREED,
    note: str = "",
    expected_version: int | None = None,
) -> CostAllocation:
    """The principals' split of the placement's costs: each share a principal taking part in
    the case (`principal`, its id), its `percent` and what it `covers`; the shares add up to
    100. It replaces the allocation before it, which is kept. A dispute's outcome is recorded
    with `basis` "dispute"."""
    case = placement.case
    _rules_of(case)
    shares = [dict(share) for share in shares]
    errors = Errors()
    if basis not in CostAllocation.Basis.values:
        errors.add("basis", _("Choose what the allocation rests on."))
    taking = case_principals(case)
    names = principal_names(case.individual.county)
    seen: set[str] = set()
    for share in shares:
        principal, percent = share.get("principal", ""), share.get("percent")
        name = names.get(principal, principal)
        if principal not in taking:
            errors.add("shares", _("%(name)s takes no part in the case.") % {"name": name})
        elif principal in seen:
            errors.add("shares", _("%(name)s is named twice.") % {"name": name})
        seen.add(principal)
        if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
            errors.add("shares", _("A share is a whole percent from 0 to 100."))
        problem = input_rules.text_problem(
            share.get("covers", ""), limit=input_rules.LINE, multiline=False
        )
        if problem is not None:
            errors.add("shares", problem)
    if not shares:
        errors.add("shares", _("Give each principal's share."))
    elif "shares" not in errors.found:
        total = sum(share["percent"] for share in shares)
        if total != 100:
            errors.add(
                "shares",
                _("The shares add up to %(total)s percent; together they must make 100.")
                % {"total": total},
            )
    _happened(errors, "agreed_on", agreed_on, case)
    problem = input_rules.text_problem(note, limit=input_rules.TEXT, multiline=True)
    if problem is not None:
        errors.add("note", problem)
    errors.raise_any()
    placement = _save(Placement, placement, expected_version, cost_allocation_agreed_on=agreed_on)
    number = placement.cost_allocations.count() + 1
    allocation = CostAllocation.objects.create(
        placement=placement,
        number=number,
        agreed_on=agreed_on,
        basis=basis,
        note=note.strip(),
        recorded_by=actor,
    )
    CostShare.objects.bulk_create(
        CostShare(
            allocation=allocation,
            principal=share["principal"],
            percent=share["percent"],
            covers=share.get("covers", "").strip(),
        )
        for share in shares
    )
    record(
        actor,
        events.COST_ALLOCATION_RECORDED,
        allocation,
        {"n": number},
        changes={
            "shares": [None, {s["principal"]: s["percent"] for s in shares}],
            "basis": [None, basis],
        },
    )
    return allocation


def _stay_errors(errors: Errors, stay_admitted_on, **days) -> None:
    planned, discharged = days.get("discharge_planned_for"), days.get("discharged_on")
    _window(errors, "discharge_planned_for", planned, input_rules.FOLLOW_UP)
    _not_before(errors, "discharge_planned_for", planned, stay_admitted_on, _("the admission"))
    _window(errors, "discharged_on", discharged, input_rules.CASE_STEP)
    _not_before(errors, "discharged_on", discharged, stay_admitted_on, _("the admission"))
    _not_after_today(errors, "discharged_on", discharged)


@transaction.atomic
def do_record_admission(
    actor,
    case: Case,
    *,
    admitted_on: datetime.date,
    compulsory: bool,
    referred_by: Organisation,
) -> InpatientStay:
    """The child is admitted to the children's psychiatric inpatient ward, on a referral from
    child psychiatry or paediatrics (004: "Inskrivning via remiss från BUP/barnsjukvården")."""
    _open(case)
    _rules_of(case)
    errors = Errors()
    _happened(errors, "admitted_on", admitted_on, case)
    if referred_by.sector != schema.Sector.HEALTH_CARE:
        errors.add(
            "referred_by",
            _("%(name)s is not health care, which refers to the ward.")
            % {"name": referred_by.name},
        )
    if case.inpatient_stays.filter(discharged_on__isnull=True).exists():
        errors.add(None, _("The child is already admitted: record that discharge first."))
    errors.raise_any()
    stay = InpatientStay.objects.create(
        case=case,
        admitted_on=admitted_on,
        compulsory=compulsory,
        referred_by=referred_by,
        recorded_by=actor,
    )
    record(
        actor,
        events.ADMISSION_RECORDED,
        stay,
        changes={"admitted_on": [None, admitted_on]},
    )
    return stay


@transaction.atomic
def do_plan_discharge(
    actor,
    stay: InpatientStay,
    *,
    leave_planning: str,
    discharge_planning: str,
    discharge_planned_for: datetime.date | None = None,
    discharged_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> InpatientStay:
    """The joint planning of leave and of the discharge, and the discharge when it comes."""
    errors = Errors()
    for field, text in (
        ("leave_planning", leave_planning),
        ("discharge_planning", discharge_planning),
    ):
        problem = input_rules.text_problem(text, limit=input_rules.TEXT, multiline=True)
        if problem is not None:
            errors.add(field, problem)
    _stay_errors(
        errors,
        stay.admitted_on,
        discharge_planned_for=discharge_planned_for,
        discharged_on=discharged_on,
    )
    errors.raise_any()
    fields = {
        "leave_planning": leave_planning.strip(),
        "discharge_planning": discharge_planning.strip(),
        "discharge_planned_for": discharge_planned_for,
        "discharged_on": discharged_on,
    }
    before = {name: getattr(stay, name) for name in fields}
    stay = _save(InpatientStay, stay, expected_version, **fields)
    record(
        actor,
        events.DISCHARGE_PLANNED,
        stay,
        changes={
            k: [before[k], v]
            for k, v in fields.items()
            if k in ("discharge_planned_for", "discharged_on") and before[k] != v
        },
    )
    return stay
