"""The live structure in the JSON API: compliance, appointments, Popolo. Logged-in users read;
coordinators change. Bad input is answered 422 with the reasons, a stale change 409."""

import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from agreements.models import Agreement, County
from inputs.api import Problem, Session, VerifiedSession, problem
from inputs.schemas import Key, Line, StructureDay, Text

from . import actions
from .compliance import evaluate
from .keepers import may_keep_structure
from .models import Appointment, Organisation, Person
from .popolo import export
from .popolo_out import PopoloOut

router = Router(tags=["live structure"], auth=Session())


class FindingOut(Schema):
    severity: str
    rule: str
    seed: str
    section: str
    # The cited document's title and version, as a reader knows it (the seed is the file).
    document: str
    message: str
    body: str
    instance: str
    seat: str


class ComplianceOut(Schema):
    county: str
    on: datetime.date
    errors: int
    warnings: int
    # Departures from what the agreement only recommends: never errors.
    advice: int
    holds: int
    findings: list[FindingOut]


class AppointmentOut(Schema):
    id: int
    version: int
    person: str = Field(..., alias="person.name")
    person_id: int
    organisation: str = Field(..., alias="organisation.key")
    body: str
    instance: str
    seat: str
    role: str
    starts: datetime.date
    ends: datetime.date | None
    substitute_for_id: int | None


class AppointmentIn(Schema):
    person_id: int
    organisation: Key
    body: Key
    seat: Key = ""
    role: Key = "member"
    instance: Key = ""
    starts: StructureDay
    ends: StructureDay | None = None
    substitute_for_id: int | None = None
    reason: Text = ""


class AppointmentChange(AppointmentIn):
    version: int


def _county(slug: str) -> County:
    county = County.objects.filter(slug=slug).first()
    if county is None:
        raise HttpError(404, _("Unknown county '%(county)s'.") % {"county": slug})
    if Agreement.objects.structure_in_force(county=county) is None:
        raise HttpError(404, _("County '%(county)s' has no agreement in force.") % {"county": slug})
    return county


@router.get(
    "/counties/{county}/compliance",
    response={200: ComplianceOut, 404: Problem},
    summary="Compliance findings",
)
def compliance(
    request,
    county: Key,
    on: StructureDay | None = None,
    body: Key = "",
    rule: Line = "",
    severity: Key = "",
):
    _county(county)
    report = evaluate(county, on=on)
    shown = report.filtered(body=body, rule=rule, severity=severity)
    return {
        "county": county,
        "on": report.on,
        "errors": sum(f.severity == "error" for f in shown),
        "warnings": sum(f.severity == "warning" for f in shown),
        "advice": sum(f.severity == "advice" for f in shown),
        "holds": sum(f.severity == "ok" for f in shown),
        "findings": shown,
    }


@router.get(
    "/counties/{county}/appointments",
    response={200: list[AppointmentOut], 404: Problem},
    summary="Appointments held on a day (default: today), or every one with all=true",
)
def list_appointments(request, county: Key, on: StructureDay | None = None, all: bool = False):
    found = Appointment.objects.filter(county=_county(county)).select_related(
        "person", "organisation"
    )
    if not all:
        found = found.on(on or timezone.localdate())
    return list(found)


def _data(county: County, payload: AppointmentIn) -> actions.AppointmentData:
    person = Person.objects.filter(county=county, pk=payload.person_id).first()
    organisation = Organisation.objects.filter(county=county, key=payload.organisation).first()
    substitute_for = (
        Appointment.objects.filter(county=county, pk=payload.substitute_for_id).first()
        if payload.substitute_for_id
        else None
    )
    errors = {}
    if person is None:
        errors["person_id"] = ["No such person in the county."]
    if organisation is None:
        errors["organisation"] = ["No such organisation in the county."]
    if payload.substitute_for_id and substitute_for is None:
        errors["substitute_for_id"] = ["No such appointment in the county."]
    if errors:
        raise ValidationError(errors)
    return actions.AppointmentData(
        person=person,
        organisation=organisation,
        body=payload.body,
        seat=payload.seat,
        role=payload.role,
        instance=payload.instance,
        starts=payload.starts,
        ends=payload.ends,
        substitute_for=substitute_for,
    )


def _refused(error: ValidationError) -> Status:
    return Status(422, problem(_("The appointment breaks the agreement."), error.message_dict))


def _require_manager(request) -> None:
    if not may_keep_structure(request.user):
        raise HttpError(403, _("Only coordinators change the structure."))


@router.post(
    "/counties/{county}/appointments",
    response={201: AppointmentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Appoint someone",
)
def create_appointment(request, county: Key, payload: AppointmentIn):
    _require_manager(request)
    place = _county(county)
    try:
        created = actions.do_appoint(request.user, _data(place, payload), payload.reason)
    except ValidationError as error:
        return _refused(error)
    return Status(201, created)


@router.put(
    "/counties/{county}/appointments/{appointment_id}",
    response={200: AppointmentOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Change or end an appointment read at `version`",
)
def change_appointment(request, county: Key, appointment_id: int, payload: AppointmentChange):
    _require_manager(request)
    place = _county(county)
    appointment = get_object_or_404(Appointment, county=place, pk=appointment_id)
    try:
        changed = actions.do_change_appointment(
            request.user, appointment, payload.version, _data(place, payload), payload.reason
        )
    except ValidationError as error:
        return _refused(error)
    except actions.ConflictError as error:
        return Status(409, problem(str(error)))
    return Status(200, changed)


@router.get(
    "/counties/{county}/popolo",
    response={200: PopoloOut, 404: Problem},
    exclude_unset=True,
    # Names of people, so the rule of the rest of the API: a session past the second factor.
    auth=VerifiedSession(),
    summary="The live structure as Popolo",
)
def popolo(request, county: Key):
    _county(county)
    return export(county)
