"""Matters and governing documents in the JSON API, under the rules of the pages: a session that
has passed the second factor; every change carries the version it was prepared on, and a stale
one answers 409 instead of overwriting another's; bad input answers 422 with reasons per field.
Files are added on the pages; the API lists them."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from agreements.models import Agreement
from inputs import rules
from inputs.api import Problem, VerifiedSession, invalid, problem
from inputs.schemas import Key, Line, Name, StepDay, StructureDay, Text
from meetings.models import Meeting
from structure.actions import ConflictError

from . import access, actions
from .models import Decision, GoverningDocument, Matter
from .revisions import impact
from .steps import DECIDE, HANDLE, TEXT_STEPS, TextStep

router = Router(tags=["matters"], auth=VerifiedSession())

Id = Field(ge=1, le=rules.LARGEST_ID)
PathId = Annotated[int, Path(ge=1, le=rules.LARGEST_ID)]


class DecisionOut(Schema):
    principal: str
    principal_name: str
    outcome: str
    decided_on: datetime.date | None
    decided_by: str
    reference: str
    version: int


class HandlingOut(Schema):
    body: str
    instance: str
    outcome: str
    text: str
    target_body: str
    target_instance: str
    meeting: int | None
    on: datetime.date


class MatterOut(Schema):
    id: int
    kind: str
    title: str
    question: str
    raised_by: str
    raised_on: datetime.date
    body: str
    instance: str
    state: str
    version: int
    parent: int | None
    recommendation: str
    recommended_on: datetime.date | None
    decisions_due: datetime.date | None
    answer_due: datetime.date | None = Field(
        description="For a dispute: the day the step it is at should answer by."
    )
    adopted: int = Field(description="Principals that adopted (with or without changes).")
    principals: int = Field(description="Principals the recommendation went to.")
    decisions: list[DecisionOut]
    lineage: list[HandlingOut]
    files: list[str]


class StaleMatter(Problem):
    version: int = Field(description="The version now: read it again from it.")


def _out(matter: Matter) -> dict:
    decisions = list(matter.decisions.order_by("principal_name"))
    return {
        "id": matter.pk,
        "kind": matter.kind,
        "title": matter.title,
        "question": matter.question,
        "raised_by": matter.raised_by.key,
        "raised_on": matter.raised_on,
        "body": matter.body,
        "instance": matter.instance,
        "state": matter.state,
        "version": matter.version,
        "parent": matter.parent_id,
        "recommendation": matter.recommendation,
        "recommended_on": matter.recommended_on,
        "decisions_due": matter.decisions_due,
        "answer_due": matter.answer_due,
        "adopted": sum(d.adopted for d in decisions),
        "principals": len(decisions),
        "decisions": [
            {
                "principal": d.principal,
                "principal_name": d.principal_name,
                "outcome": d.outcome,
                "decided_on": d.decided_on,
                "decided_by": d.decided_by,
                "reference": d.reference,
                "version": d.version,
            }
            for d in decisions
        ],
        "lineage": [
            {
                "body": h.body,
                "instance": h.instance,
                "outcome": h.outcome,
                "text": h.text,
                "target_body": h.target_body,
                "target_instance": h.target_instance,
                "meeting": h.meeting_id,
                "on": h.on,
            }
            for h in matter.handlings.order_by("at", "pk")
        ],
        "files": [a.name for a in matter.attachments.all()],
    }


def _structure(county: str) -> Agreement:
    row = Agreement.objects.structure_in_force(county__slug=county)
    if row is None:
        raise HttpError(404, _("No agreement in force for this county."))
    return row


def _matter(county: str, matter_id: int) -> Matter:
    row = _structure(county)
    return get_object_or_404(
        Matter.objects.select_related("raised_by", "county"), pk=matter_id, county=row.county
    )


def _stale(error: ConflictError, version: int) -> Status:
    return Status(409, problem(str(error), version=version))


CHANGE = {200: MatterOut, 401: Problem, 403: Problem, 404: Problem, 409: StaleMatter, 422: Problem}


@router.get(
    "/counties/{county}/matters",
    response={200: list[MatterOut], 401: Problem, 403: Problem, 404: Problem},
    summary="A county's matters, newest first (filter by body and state)",
)
def list_matters(request, county: Key, body: Key = "", state: Key = ""):
    row = _structure(county)
    found = Matter.objects.filter(county=row.county).select_related("raised_by")
    if body:
        found = found.filter(body=body)
    if state:
        found = found.filter(state=state)
    found = found.prefetch_related("decisions", "handlings", "attachments")[:200]
    return [_out(m) for m in found]


@router.get(
    "/counties/{county}/matters/{matter_id}",
    response={200: MatterOut, 401: Problem, 403: Problem, 404: Problem},
    summary="A matter with its lineage and the principals' decisions",
)
def get_matter(request, county: Key, matter_id: PathId):
    return _out(_matter(county, matter_id))


class RaiseIn(Schema):
    title: Line
    question: Text
    body: Key
    instance: Key = ""
    kind: Literal["question", "dispute"] = "question"
    dispute: Line = Field(default="", description="The dispute path, as document:index.")
    organisation: Key = Field(
        default="", description="Raised by (a coordinator may name any organisation)."
    )


@router.post(
    "/counties/{county}/matters",
    response={201: MatterOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Raise a matter at a body instance",
)
def raise_matter(request, county: Key, payload: RaiseIn):
    row = _structure(county)
    if not access.may_raise(request.user, row.county_id):
        raise HttpError(403, _("Only someone of the county's organisations raises a matter."))
    organisation = access.organisation_of(request.user)
    if payload.organisation and (organisation is None or payload.organisation != organisation.key):
        if not access.may_keep_register(request.user):
            raise HttpError(403, _("You raise matters for your own organisation."))
        organisation = row.county.organisations.filter(key=payload.organisation).first()
    if organisation is None or organisation.county_id != row.county_id:
        return invalid(ValidationError({"organisation": _("Name the organisation raising it.")}))
    try:
        matter = actions.do_raise_matter(
            request.user,
            organisation=organisation,
            raised=actions.Raised(
                title=payload.title,
                question=payload.question,
                body=payload.body,
                instance=payload.instance,
                kind=payload.kind,
                dispute=payload.dispute,
            ),
        )
    except ValidationError as error:
        return invalid(error)
    return Status(201, _out(matter))


class HandleIn(Schema):
    version: int = Id
    outcome: Literal["information", "recommendation", "upward", "back", "closed"]
    text: Text = ""
    target: Line = Field(default="", description="body or body/instance, for upward and back")
    meeting: int | None = Field(default=None, ge=1, le=rules.LARGEST_ID)
    on: StepDay | None = None


def _step(request, matter: Matter, version: int, act) -> Status:
    """A step of the body handling the matter (its members' and the coordinators')."""
    try:
        HANDLE.require(request.user, matter)
        act()
    except ConflictError as error:
        matter.refresh_from_db()
        return _stale(error, matter.version)
    except ValidationError as error:
        return invalid(error)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from error
    matter.refresh_from_db()
    return Status(200, _out(matter))


@router.post(
    "/counties/{county}/matters/{matter_id}/handling",
    response=CHANGE,
    summary="Record a body's handling of the matter, with its outcome",
)
def handle_matter(request, county: Key, payload: HandleIn, matter_id: PathId):
    matter = _matter(county, matter_id)
    meeting = None
    if payload.meeting is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting, county=matter.county).first()
        if meeting is None:
            return invalid(ValidationError({"meeting": _("No such meeting.")}))
    return _step(
        request,
        matter,
        payload.version,
        lambda: HANDLE.take(request.user, matter, {**payload.model_dump(), "meeting": meeting}),
    )


class PrepareIn(Schema):
    version: int = Id
    preparer: Line
    text: Text = ""


@router.post(
    "/counties/{county}/matters/{matter_id}/preparation",
    response=CHANGE,
    summary="Send the matter to the working committee or a beredning for preparation",
)
def prepare_matter(request, county: Key, payload: PrepareIn, matter_id: PathId):
    matter = _matter(county, matter_id)
    return _step(
        request,
        matter,
        payload.version,
        lambda: actions.do_prepare_matter(
            request.user,
            matter,
            preparer=payload.preparer,
            text=payload.text,
            expected_version=payload.version,
        ),
    )


class MatterStepIn(Schema):
    version: int = Id
    text: Text = ""
    on: StepDay | None = None


def _register(step: TextStep, name: str) -> None:
    """The API's side of a declared text step (matters.steps): POST .../<its path>."""

    def take(request, county: Key, payload: MatterStepIn, matter_id: PathId):
        matter = _matter(county, matter_id)
        return _step(
            request,
            matter,
            payload.version,
            lambda: step.take(
                request.user, matter, text=payload.text, on=payload.on, version=payload.version
            ),
        )

    take.__name__ = name
    router.post(
        f"/counties/{{county}}/matters/{{matter_id}}/{step.api_path}",
        response=CHANGE,
        summary=step.api_summary,
        operation_id=f"matters_api_{name}",
    )(take)


_register(TEXT_STEPS["escalation"], "escalate_matter")
_register(TEXT_STEPS["report"], "report_task")


class PrincipalDecisionIn(Schema):
    version: int | None = Field(
        default=None, ge=1, le=rules.LARGEST_ID, description="The decision's version read."
    )
    outcome: Literal["adopted", "changed", "rejected"]
    decided_on: StepDay
    decided_by: Name
    reference: Name = ""


@router.post(
    "/counties/{county}/matters/{matter_id}/decisions/{principal}",
    response=CHANGE,
    summary="Record one principal's decision on the recommendation (once)",
)
def record_decision(
    request, county: Key, principal: Key, payload: PrincipalDecisionIn, matter_id: PathId
):
    matter = _matter(county, matter_id)
    try:
        DECIDE.take(request.user, matter, payload.model_dump(), principal=principal)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    except ConflictError as error:
        decision = Decision.objects.get(matter=matter, principal=principal)
        return _stale(error, decision.version)
    except ValidationError as error:
        return invalid(error)
    matter.refresh_from_db()
    return Status(200, _out(matter))


class RevisionIn(Schema):
    version: int = Id
    text: str = Field(
        max_length=actions.MAX_REVISION_BYTES,
        description="The proposed agreement file (YAML), at most 200 kB.",
    )


class RevisionOut(Schema):
    document_id: str
    changes: list[str]
    created: list[str]
    resolved: list[str]


@router.post(
    "/counties/{county}/matters/{matter_id}/revision",
    response={
        200: RevisionOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: StaleMatter,
        422: Problem,
    },
    summary="Attach a proposed revision of an agreement; answers what it would change and break",
)
def propose_revision(request, county: Key, payload: RevisionIn, matter_id: PathId):
    matter = _matter(county, matter_id)
    if not access.may_handle(request.user, matter):
        raise HttpError(403, _("Only the body's members or a coordinator handle the matter."))
    problem = rules.text_problem(payload.text, limit=None, multiline=True)
    if problem:
        return invalid(ValidationError({"text": problem}))
    try:
        actions.do_propose_revision(
            request.user, matter, text=payload.text, expected_version=payload.version
        )
    except actions.RevisionInvalid as error:
        return invalid(ValidationError({"text": error.messages}))
    except ConflictError as error:
        matter.refresh_from_db()
        return _stale(error, matter.version)
    except ValidationError as error:
        return invalid(error)
    found = impact(matter)
    return Status(
        200,
        {
            "document_id": found.revision.document_id,
            "changes": found.changes,
            "created": [f.message for f in found.created],
            "resolved": [f.message for f in found.resolved],
        },
    )


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    owner_body: str
    adopted_on: datetime.date
    adopted_by: str
    document_version: str
    review_months: int | None
    next_revision: datetime.date
    public: bool
    version: int
    files: list[str]


def _document_out(document: GoverningDocument) -> dict:
    return {
        "id": document.pk,
        "kind": document.kind,
        "title": document.title,
        "owner_body": document.owner_body,
        "adopted_on": document.adopted_on,
        "adopted_by": document.adopted_by,
        "document_version": document.document_version,
        "review_months": document.review_months,
        "next_revision": document.next_revision,
        "public": document.public,
        "version": document.version,
        "files": [f.name for f in document.files.all()],
    }


@router.get(
    "/counties/{county}/governing-documents",
    response={200: list[DocumentOut], 401: Problem, 403: Problem, 404: Problem},
    summary="The county's register of governing documents",
)
def list_documents(request, county: Key):
    row = _structure(county)
    found = GoverningDocument.objects.filter(county=row.county).prefetch_related("files")
    return [_document_out(d) for d in found]


class DocumentIn(Schema):
    kind: Literal["agreement", "guideline", "routine", "action_plan"]
    title: Line
    owner_body: Key
    adopted_on: StructureDay
    adopted_by: Name
    document_version: Key
    review_months: int | None = Field(default=None, ge=1, le=120)
    review_basis: Line = ""
    public: bool = False


class DocumentChangeIn(DocumentIn):
    version: int = Id


def _keeper(request) -> None:
    if not access.may_keep_register(request.user):
        raise HttpError(403, _("Only the structure's coordinators keep the register."))


@router.post(
    "/counties/{county}/governing-documents",
    response={201: DocumentOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Register a governing document",
)
def register_document(request, county: Key, payload: DocumentIn):
    row = _structure(county)
    _keeper(request)
    try:
        document = actions.do_register_document(
            request.user, row.county, actions.DocumentData(**payload.dict())
        )
    except ValidationError as error:
        return invalid(error)
    return Status(201, _document_out(document))


@router.put(
    "/counties/{county}/governing-documents/{document_id}",
    response={
        200: DocumentOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: StaleMatter,
        422: Problem,
    },
    summary="Change a governing document: a new version or a revision",
)
def change_document(request, county: Key, payload: DocumentChangeIn, document_id: PathId):
    row = _structure(county)
    _keeper(request)
    document = get_object_or_404(GoverningDocument, pk=document_id, county=row.county)
    data = payload.dict()
    version = data.pop("version")
    try:
        document = actions.do_change_document(
            request.user, document, actions.DocumentData(**data), expected_version=version
        )
    except ConflictError as error:
        document.refresh_from_db()
        return _stale(error, document.version)
    except ValidationError as error:
        return invalid(error)
    return Status(200, _document_out(document))
