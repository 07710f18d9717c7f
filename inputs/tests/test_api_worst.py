"""Every field of every API body, alone, sent the worst of its kind while the rest of the body is
plausible and aimed at a case waiting for that very step: far too long, NUL, a lone surrogate,
a control character, year 9999, a number beyond any key. Each request is rolled back, so every
probe meets the same data. The answer is never a server error, and a refusal is the declared
422 `Problem`. Read from the OpenAPI description, so a new field or operation is probed too."""

import datetime
import json

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from samverkan.api import api
from structure.models import Appointment, Person

from .conftest import verified

DESCRIPTION = api.get_openapi_schema()
COMPONENTS = DESCRIPTION["components"]["schemas"]
WORST = {
    "string": ["x" * 20_000, "a\x00b", "ensam \ud800", "rad\x0cbrytning"],
    "date": ["9999-12-31", "0001-01-01", "2250-06-01"],
    "integer": [2**70, -1],
}
# The case each step's operation is aimed at: the one waiting for that step.
WAITING = {
    "/consents": "opened",
    "/decision": "consented",
    "/decision-not-to-call": "consented",
    "/notice": "called",
    "/meeting": "notified",
    "/establish": "drafted",
}
OPERATIONS = [
    (method, path)
    for path, operations in DESCRIPTION["paths"].items()
    for method, operation in operations.items()
    # JSON bodies; a file upload's parts (multipart) are checked by its app's tests.
    if "application/json" in operation.get("requestBody", {}).get("content", {})
]


def _schema(described: dict) -> dict:
    """The schema itself: a reference followed, an optional value's non-null form."""
    if "$ref" in described:
        return COMPONENTS[described["$ref"].rsplit("/", 1)[-1]]
    for option in described.get("anyOf", []):
        if option.get("type") != "null":
            return _schema(option)
    return described


def _kind(described: dict) -> str:
    schema = _schema(described)
    if schema.get("format") == "date":
        return "date"
    return schema.get("type", "string")


class Aim:
    """Plausible values for the rows of `world`, for one operation."""

    def __init__(self, world, path: str):
        name = next((name for end, name in WAITING.items() if path.endswith(end)), "met")
        self.case = world["cases"][name]
        self.case.refresh_from_db()
        self.world = world

    def value(self, name: str, described: dict):
        schema = _schema(described)
        social = self.world["social"]
        if name == "given_as":
            # The cases are a child's: the guardians consent.
            return "guardians"
        if "enum" in schema:
            return schema["enum"][0]
        kind = _kind(described)
        if kind == "object":
            return {key: self.value(key, part) for key, part in schema["properties"].items()}
        if kind == "array":
            item = _schema(schema["items"])
            return [self.value(name, item)] if item.get("type") == "object" else [social.key]
        if kind == "date":
            opened = timezone.localdate(self.case.opened_at)
            if name == "valid_until":
                # A consent's end date comes after the day it was given.
                return opened.replace(year=opened.year + 1).isoformat()
            return opened.isoformat()
        if kind == "boolean":
            # Confirmations given (relatives suitable, the name checked): the step goes on.
            return True
        if kind == "integer":
            return {
                "version": self.case.version,
                "based_on": self.case.plans.count(),
                "person_id": Person.objects.values_list("pk", flat=True).first() or 1,
            }.get(name, 1)
        if name in ("organisation", "coordinator_organisation", "plan_owner_organisation"):
            return social.key
        if name in ("principal", "overall_responsibility"):
            return social.principal
        return "20150909-1003" if name == "identity_number" else "Anna Andersson"

    def url(self, path: str, targets: dict) -> str:
        appointment = Appointment.objects.values_list("pk", flat=True).first() or 1
        consent = self.case.consents.values_list("pk", flat=True).first() or 1
        meeting = path.startswith(("/api/meetings/", "/api/action-items/"))
        return path.format(
            county="norrbotten",
            case_id=self.case.pk,
            consent_id=consent,
            # A meeting's minutes are numbered from 1, a case's plans by their versions.
            number=1 if meeting else max(self.case.plans.count(), 1),
            appointment_id=appointment,
            pk=targets["action_item" if path.startswith("/api/action-items/") else "meeting"],
            meeting_id=targets["meeting"],
            body="lansstyrgrupp",
            year=targets["year"],
            matter_id=targets["matter"],
            principal=self.world["social"].principal,
            document_id=targets["document"],
            placement_id=targets["placement"],
            stay_id=targets["stay"],
            deviation_id=targets["deviation"],
            dispute_id=targets["dispute"],
        )


@pytest.fixture
def targets(world):
    """What the operations beyond a case's steps are aimed at: the länsstyrgrupp's meeting with
    its draft minutes and an open action item, a matter recommended to the principals, a
    governing document, and on the met case a placement, an inpatient stay, a deviation reported
    about social services and a dispute on cost."""
    from deviations.models import Deviation
    from disputes.models import Dispute
    from matters.models import Decision, GoverningDocument, Matter
    from meetings.models import ActionItem, Meeting, Minutes
    from meetings.tests.builders import at
    from placements.models import InpatientStay, Placement

    county = world["social"].county
    day = timezone.localdate()
    meeting = Meeting.objects.create(
        county=county,
        body="lansstyrgrupp",
        starts_at=at(day, 10),
        ends_at=at(day, 15),
        status=Meeting.Status.NOTIFIED,
    )
    Minutes.objects.create(meeting=meeting, written_by=world["coordinator"])
    item = ActionItem.objects.create(
        county=county,
        body="lansstyrgrupp",
        raised_at=meeting,
        description="Ta fram ett förslag.",
        due_on=day,
    )
    matter = Matter.objects.create(
        county=county,
        title="Gemensam rutin",
        question="Behövs en gemensam rutin?",
        raised_by=world["social"],
        raised_on=day,
        origin_body="lansstyrgrupp",
        body="lansstyrgrupp",
        recommendation="Anta rutinen.",
        recommended_on=day,
    )
    Decision.objects.create(
        matter=matter,
        principal=world["social"].principal,
        principal_name="Luleå kommun",
    )
    document = GoverningDocument.objects.create(
        county=county,
        kind=GoverningDocument.Kind.ROUTINE,
        title="Rutin för SIP",
        owner_body="lansstyrgrupp",
        adopted_on=day,
        adopted_by="Länsstyrgruppen",
        document_version="1",
        next_revision=day,
    )
    case = world["cases"]["met"]
    school, social = world["school"], world["social"]
    placement = Placement.objects.create(
        case=case,
        kind=Placement.Kind.FAMILY_HOME,
        acute=True,
        decided_on=day,
        deciding_organisation=social,
        starts_on=day,
        cost_allocation_due_on=day,
        recorded_by=world["worker"],
    )
    stay = InpatientStay.objects.create(
        case=case, admitted_on=day, referred_by=school, recorded_by=world["worker"]
    )
    deviation = Deviation.objects.create(
        county=county,
        document="norrbus",
        document_version=1,
        section="Avvikelsehantering",
        reported_by=world["worker"],
        reporting_organisation=school,
        party=social,
        pair=f"{school.principal}+{social.principal}",
        happened_on=day,
        what="Kallelsen kom för sent.",
        reported_on=day,
        level_id="unit",
        handled_by=Deviation.HandledBy.UNIT,
        handler_organisation=social,
        handler_principal=social.principal,
        level_since=day,
        acknowledge_by=day,
        close_by=day,
        due_on=day,
    )
    dispute_matter = Matter.objects.create(
        county=county,
        kind=Matter.Kind.DISPUTE,
        title="Oenighet om kostnad",
        question="Vem bär kostnaden?",
        raised_by=school,
        raised_on=day,
        origin_body="lansstyrgrupp",
        body="lansstyrgrupp",
    )
    dispute = Dispute.objects.create(
        case=case,
        matter=dispute_matter,
        subject=Dispute.Subject.COST,
        raised_by=school,
        respondent=social,
        raised_on=day,
        raised_by_user=world["worker"],
    )
    return {
        "placement": placement.pk,
        "stay": stay.pk,
        "deviation": deviation.pk,
        "dispute": dispute.pk,
        "meeting": meeting.pk,
        "action_item": item.pk,
        "matter": matter.pk,
        "document": document.pk,
        "year": day.year + 1,
    }


def _leaves(body: dict, prefix=()):
    """The paths to every field of a body, into the first item of its lists of objects."""
    for key, value in body.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*prefix, key))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            yield from _leaves(value[0], (*prefix, key, 0))
        else:
            yield (*prefix, key)


def _described(schema: dict, leaf: tuple) -> dict:
    for step in leaf:
        schema = _schema(schema)
        schema = schema["items"] if isinstance(step, int) else schema["properties"][step]
    return schema


def _with(body, leaf: tuple, value):
    copy = json.loads(json.dumps(body))
    target = copy
    for step in leaf[:-1]:
        target = target[step]
    target[leaf[-1]] = value
    return copy


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_field_at_its_worst_is_a_server_error(world, targets, method, path):
    client = Client()
    # The structure's operations as its coordinator, the cases' as a worker.
    verified(client, world["worker" if path.startswith("/api/cases") else "coordinator"])
    aim = Aim(world, path)
    operation = DESCRIPTION["paths"][path][method]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    plausible = aim.value("body", schema)
    url = aim.url(path, targets)
    for leaf in _leaves(plausible):
        kind = _kind(_described(schema, leaf))
        for worst in WORST.get(kind, WORST["string"]):
            body = json.dumps(_with(plausible, leaf, worst))
            with transaction.atomic():
                response = getattr(client, method)(url, body, content_type="application/json")
                transaction.set_rollback(True)
            assert response.status_code < 500, (method, url, leaf, str(worst)[:20])
            if response.status_code == 422:
                assert set(response.json()) == {"detail", "errors"}


def test_the_probe_reaches_the_steps(world, targets):
    """The plausible bodies pass: a probe refused for another reason would prove nothing."""
    client = Client()
    verified(client, world["worker"])
    aim = Aim(world, "/api/cases/{case_id}/consents")
    schema = DESCRIPTION["paths"]["/api/cases/{case_id}/consents"]["post"]["requestBody"]
    body = aim.value("body", schema["content"]["application/json"]["schema"])
    response = client.post(
        aim.url("/api/cases/{case_id}/consents", targets), body, "application/json"
    )
    assert response.status_code == 200, response.content
    assert datetime.date.fromisoformat(body["given_on"]) == timezone.localdate(aim.case.opened_at)
