"""A meeting in the JSON API: its agenda, attendance, minutes and action items, and the steps on
it under the rules of its pages: a session that has passed the second factor; the body's
officers and the county's coordinators run the meeting, members answer and propose items; a
step prepared on a stale version answers 409; bad input 422 with the reasons per field."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from inputs.api import Problem, VerifiedSession, invalid, problem
from inputs.schemas import FollowUpDay, Line, Name, Summary, Text
from structure.actions import ConflictError
from structure.models import Appointment, Person

from . import actions, agenda, attendance, documents, minutes
from .access import body_name, may_run, person_of, sits_in
from .models import ActionItem, AgendaItem, Attendance, Meeting, Minutes

LARGEST = 2**31 - 1


router = Router(tags=["meetings"], auth=VerifiedSession())


def _choices(choices, name: str):
    """A model's choices inline in the description, under a name of their own: Django calls
    every model's choices Kind or Status, and the description has one component per name."""
    values = [choice.value for choice in choices]
    return Annotated[choices, WithJsonSchema({"title": name, "type": "string", "enum": values})]


AgendaItemKind = _choices(AgendaItem.Kind, "AgendaItemKind")
AttendanceRole = _choices(Attendance.Role, "AttendanceRole")
MinutesState = _choices(Minutes.State, "MinutesState")
ActionItemStatus = _choices(ActionItem.Status, "ActionItemStatus")
MeetingKind = _choices(Meeting.Kind, "MeetingKind")
MeetingStatus = _choices(Meeting.Status, "MeetingStatus")


class StaleMeeting(Problem):
    version: int = Field(description="The version now: read again from it.")


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    kind: AgendaItemKind
    presenter: str
    minutes: int
    joint_question: bool
    action_item: int | None


class AttendanceOut(Schema):
    id: int
    person: str
    organisation: str
    role: AttendanceRole
    answer: str = Field(description='"coming", "not_coming" or "" (not answered)')
    attended: bool | None
    on_behalf_of: str | None


class EntryOut(Schema):
    agenda_item: int
    discussion: str
    recommendation: str
    decision: str


class MinutesOut(Schema):
    number: int
    state: MinutesState
    adjuster: int | None = Field(description="The adjuster's person id.")
    chair_approved_at: datetime.datetime | None
    adjuster_approved_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    correction_reason: str
    entries: list[EntryOut]
    version: int


class ActionItemOut(Schema):
    id: int
    description: str
    owner: str | None
    due_on: datetime.date
    status: ActionItemStatus
    overdue: bool
    closed_on: datetime.date | None
    closing_note: str
    version: int


class MeetingDocumentOut(Schema):
    id: int
    name: str
    size: int = Field(description="Bytes.")
    content_type: str
    agenda_item: int | None = Field(description="The agenda item's id; none for the meeting's own.")
    url: str = Field(description="The download, for those who may see the meeting.")


class MeetingOut(Schema):
    id: int
    uid: str
    county: str
    body: str
    instance: str
    body_name: str
    kind: MeetingKind
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    status: MeetingStatus
    notice_sent_at: datetime.datetime | None
    sequence: int
    agenda: list[AgendaItemOut]
    documents: list[MeetingDocumentOut] = Field(
        description="The documents the notice goes out with."
    )
    attendance: list[AttendanceOut]
    minutes: list[MinutesOut] = Field(description="Every version, the latest last.")
    action_items: list[ActionItemOut] = Field(description="Given at this meeting.")
    carried: list[ActionItemOut] = Field(description="Open items of earlier meetings.")
    version: int


class VersionIn(Schema):
    version: int | None = Field(
        default=None,
        ge=0,
        le=LARGEST,
        description="The meeting's version the step was prepared on: a change since answers 409.",
    )


class AgendaItemIn(VersionIn):
    title: Line
    kind: AgendaItemKind
    presenter: Name = ""
    minutes: int = Field(default=15, ge=1, le=480)
    joint_question: bool = False


class AnswerIn(Schema):
    answer: Attendance.Answer = Field(description='"coming" or "not_coming"')


class SubstituteIn(Schema):
    attendance: int = Field(ge=1, le=LARGEST, description="The absent member's attendance id.")
    appointment: int = Field(ge=1, le=LARGEST, description="The substitute's appointment id.")


class DocumentsIn(VersionIn):
    agenda_item: int | None = Field(
        default=None, ge=1, le=LARGEST, description="The agenda item's id; none for the meeting."
    )


class WithdrawIn(VersionIn):
    attendance: int = Field(ge=1, le=LARGEST, description="The called substitute's attendance id.")
    member_coming: bool = Field(
        description="True: the member comes after all; false: the wrong person was called."
    )


class AttendedIn(VersionIn):
    attended: list[int] = Field(
        max_length=1000, description="The attendance ids of those who attended."
    )


class EntryIn(Schema):
    agenda_item: int = Field(ge=1, le=LARGEST)
    discussion: Text = ""
    recommendation: Text = ""
    decision: Text = ""


class MinutesIn(Schema):
    version: int | None = Field(
        default=None,
        ge=0,
        le=LARGEST,
        description="The minutes' version they were read at; 0 for minutes not yet begun. "
        "Saved by someone else since: 409.",
    )
    adjuster: int | None = Field(default=None, ge=1, le=LARGEST, description="A person id.")
    entries: list[EntryIn] = Field(default=[], max_length=200)


class MinutesVersionIn(Schema):
    version: int | None = Field(default=None, ge=0, le=LARGEST)


class CorrectionIn(Schema):
    reason: Text


class ActionItemIn(VersionIn):
    description: Summary
    owner: int | None = Field(default=None, ge=1, le=LARGEST, description="A person id.")
    due_on: FollowUpDay


class CloseIn(Schema):
    status: ActionItemStatus
    note: Text
    at_meeting: int | None = Field(default=None, ge=1, le=LARGEST)
    version: int | None = Field(default=None, ge=0, le=LARGEST)


RESPONSES = {
    200: MeetingOut,
    401: Problem,
    403: Problem,
    404: Problem,
    409: StaleMeeting,
    422: Problem,
}


def _item_out(item: ActionItem, today: datetime.date) -> ActionItemOut:
    return ActionItemOut(
        id=item.pk,
        description=item.description,
        owner=item.owner.name if item.owner else None,
        due_on=item.due_on,
        status=item.status,
        overdue=actions.is_overdue(item, today),
        closed_on=item.closed_on,
        closing_note=item.closing_note,
        version=item.version,
    )


def _meeting_out(meeting: Meeting) -> dict:
    today = timezone.localdate()
    meeting.refresh_from_db()
    return {
        "id": meeting.pk,
        "uid": str(meeting.uid),
        "county": meeting.county.slug,
        "body": meeting.body,
        "instance": meeting.instance,
        "body_name": body_name(meeting),
        "kind": meeting.kind,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "status": meeting.status,
        "notice_sent_at": meeting.notice_sent_at,
        "sequence": meeting.sequence,
        "agenda": [
            AgendaItemOut(
                id=item.pk,
                position=item.position,
                title=item.title,
                kind=item.kind,
                presenter=item.presenter,
                minutes=item.minutes,
                joint_question=item.joint_question,
                action_item=item.action_item_id,
            )
            for item in meeting.agenda.order_by("position", "pk")
        ],
        "documents": [
            MeetingDocumentOut(
                id=document.pk,
                name=document.name,
                size=document.size,
                content_type=document.content_type,
                agenda_item=document.agenda_item_id,
                url=actions.document_path(document),
            )
            for document in documents.documents_of(meeting)
        ],
        "attendance": [
            AttendanceOut(
                id=row.pk,
                person=row.person.name,
                organisation=row.person.organisation.name,
                role=row.role,
                answer=row.answer,
                attended=row.attended,
                on_behalf_of=row.on_behalf_of.name if row.on_behalf_of else None,
            )
            for row in meeting.attendance.select_related("person__organisation", "on_behalf_of")
        ],
        "minutes": [
            MinutesOut(
                number=m.number,
                state=m.state,
                adjuster=m.adjuster_id,
                chair_approved_at=m.chair_approved_at,
                adjuster_approved_at=m.adjuster_approved_at,
                approved_at=m.approved_at,
                correction_reason=m.correction_reason,
                entries=[
                    EntryOut(
                        agenda_item=e.agenda_item_id,
                        discussion=e.discussion,
                        recommendation=e.recommendation,
                        decision=e.decision,
                    )
                    for e in m.entries.all()
                ],
                version=m.version,
            )
            for m in meeting.minutes.prefetch_related("entries").order_by("number")
        ],
        "action_items": [
            _item_out(i, today) for i in meeting.action_items_raised.select_related("owner")
        ],
        "carried": [_item_out(i, today) for i in agenda.carried_items(meeting)],
        "version": meeting.version,
    }


def _meeting(request, county: str, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related("county"), county__slug=county, pk=pk
    )
    user = request.user
    if not (
        may_run(user, meeting)
        or sits_in(user, meeting)
        or meeting.attendance.filter(person__user=user).exists()
    ):
        raise HttpError(404, _("No such meeting."))
    return meeting


def _take(
    meeting: Meeting, step: Callable[[], object], current: Callable[[], int] | None = None
) -> Status:
    """Take the step; answer the meeting as it is now, or why the step was refused. A stale
    version answers 409 with the version now: `current`, else the meeting's."""
    current = current or _meeting_version(meeting)
    try:
        step()
    except ConflictError as error:
        return Status(409, problem(str(error), version=current()))
    except ValidationError as error:
        return invalid(error)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or _("You may not take this step.")) from error
    return Status(200, _meeting_out(meeting))


def _meeting_version(meeting: Meeting) -> Callable[[], int]:
    return lambda: Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk)


def _person(county_id: int, pk: int | None, field: str) -> Person | None:
    if pk is None:
        return None
    found = Person.objects.filter(county_id=county_id, pk=pk).first()
    if found is None:
        raise ValidationError({field: _("No such person in the county.")})
    return found


@router.get("/meetings/{county}/{pk}", response=RESPONSES, summary="A meeting")
def read_meeting(request, county: str, pk: int):
    return Status(200, _meeting_out(_meeting(request, county, pk)))


@router.post("/meetings/{county}/{pk}/agenda", response=RESPONSES, summary="Add an agenda item")
def add_agenda_item(request, county: str, pk: int, payload: AgendaItemIn):
    meeting = _meeting(request, county, pk)
    data = agenda.ItemData(
        title=payload.title,
        kind=payload.kind,
        presenter=payload.presenter,
        minutes=payload.minutes,
        joint_question=payload.joint_question,
    )
    return _take(
        meeting, lambda: agenda.do_add_agenda_item(request.user, meeting, data, payload.version)
    )


@router.post(
    "/meetings/{county}/{pk}/agenda/proposals",
    response=RESPONSES,
    summary="Put the proposed items on the agenda (open action items, standing items)",
)
def propose_agenda(request, county: str, pk: int, payload: VersionIn):
    meeting = _meeting(request, county, pk)
    return _take(meeting, lambda: agenda.do_propose_agenda(request.user, meeting, payload.version))


@router.post("/meetings/{county}/{pk}/notice", response=RESPONSES, summary="Send the notice")
def send_notice(request, county: str, pk: int, payload: VersionIn):
    meeting = _meeting(request, county, pk)
    return _take(meeting, lambda: actions.do_send_notice(request.user, meeting, payload.version))


@router.post("/meetings/{county}/{pk}/answer", response=RESPONSES, summary="Answer the notice")
def answer_notice(request, county: str, pk: int, payload: AnswerIn):
    meeting = _meeting(request, county, pk)
    me = person_of(request.user)
    row = meeting.attendance.filter(person=me).first() if me else None
    if row is None:
        raise HttpError(404, _("You are not called to this meeting."))
    return _take(meeting, lambda: attendance.do_answer_notice(request.user, row, payload.answer))


@router.post("/meetings/{county}/{pk}/substitutes", response=RESPONSES, summary="Call a substitute")
def call_substitute(request, county: str, pk: int, payload: SubstituteIn):
    meeting = _meeting(request, county, pk)
    absent = meeting.attendance.filter(pk=payload.attendance).first()
    chosen = Appointment.objects.filter(county_id=meeting.county_id, pk=payload.appointment).first()

    def step():
        if absent is None:
            raise ValidationError({"attendance": _("No one so called to this meeting.")})
        if chosen is None:
            raise ValidationError({"appointment": _("No such appointment in the county.")})
        attendance.do_call_substitute(request.user, absent, chosen)

    return _take(meeting, step)


@router.post(
    "/meetings/{county}/{pk}/documents",
    response=RESPONSES,
    summary="Add documents to the meeting or to one of its agenda items",
)
def add_documents(
    request,
    county: str,
    pk: int,
    files: File[list[UploadedFile]],
    payload: Form[DocumentsIn],
):
    meeting = _meeting(request, county, pk)

    def step():
        item = None
        if payload.agenda_item is not None:
            item = meeting.agenda.filter(pk=payload.agenda_item).first()
            if item is None:
                message = _("Choose an item of this meeting's agenda.")
                raise ValidationError({"agenda_item": message})
        documents.do_add_meeting_documents(
            request.user, meeting, files, agenda_item=item, expected_version=payload.version
        )

    return _take(meeting, step)


@router.post(
    "/meetings/{county}/{pk}/documents/{document_id}/remove",
    response=RESPONSES,
    summary="Take a document off the meeting",
)
def remove_document(request, county: str, pk: int, document_id: int, payload: VersionIn):
    meeting = _meeting(request, county, pk)
    found = meeting.documents.filter(pk=document_id).first()
    if found is None:
        raise HttpError(404, _("No such document."))
    return _take(
        meeting, lambda: documents.do_remove_meeting_document(request.user, found, payload.version)
    )


@router.post(
    "/meetings/{county}/{pk}/substitutes/withdraw",
    response=RESPONSES,
    summary="Withdraw a called substitute",
)
def withdraw_substitute(request, county: str, pk: int, payload: WithdrawIn):
    meeting = _meeting(request, county, pk)
    called = meeting.attendance.filter(pk=payload.attendance).first()

    def step():
        if called is None:
            raise ValidationError({"attendance": _("No one so called to this meeting.")})
        attendance.do_withdraw_substitute(
            request.user,
            called,
            member_coming=payload.member_coming,
            expected_version=payload.version,
        )

    return _take(meeting, step)


@router.post(
    "/meetings/{county}/{pk}/attendance", response=RESPONSES, summary="Record who attended"
)
def record_attendance(request, county: str, pk: int, payload: AttendedIn):
    meeting = _meeting(request, county, pk)
    return _take(
        meeting,
        lambda: attendance.do_record_attendance(
            request.user, meeting, set(payload.attended), payload.version
        ),
    )


def _minutes_version(meeting: Meeting) -> Callable[[], int]:
    def current() -> int:
        latest = actions.latest_minutes(meeting)
        return latest.version if latest else 0

    return current


@router.put("/meetings/{county}/{pk}/minutes", response=RESPONSES, summary="Write the minutes")
def write_minutes(request, county: str, pk: int, payload: MinutesIn):
    meeting = _meeting(request, county, pk)

    def step():
        adjuster = _person(meeting.county_id, payload.adjuster, "adjuster")
        entries = {
            e.agenda_item: minutes.EntryData(e.discussion, e.recommendation, e.decision)
            for e in payload.entries
        }
        minutes.do_write_minutes(
            request.user, meeting, entries, adjuster=adjuster, expected_version=payload.version
        )

    return _take(meeting, step, _minutes_version(meeting))


def _numbered(meeting: Meeting, number: int) -> Minutes:
    found = meeting.minutes.filter(number=number).first()
    if found is None:
        raise HttpError(404, _("No such version of the minutes."))
    return found


def _minutes_step(request, county: str, pk: int, number: int, act) -> Status:
    """`act(user, minutes)` on the meeting's numbered minutes, answered as every meeting step
    is, a stale version with the minutes' version now."""
    meeting = _meeting(request, county, pk)
    found = _numbered(meeting, number)
    return _take(meeting, lambda: act(request.user, found), _minutes_version(meeting))


@router.post(
    "/meetings/{county}/{pk}/minutes/{number}/submit",
    response=RESPONSES,
    summary="Send the minutes for approval",
)
def submit_minutes(request, county: str, pk: int, number: int, payload: MinutesVersionIn):
    return _minutes_step(
        request,
        county,
        pk,
        number,
        lambda user, found: minutes.do_submit_minutes(user, found, payload.version),
    )


@router.post(
    "/meetings/{county}/{pk}/minutes/{number}/approve",
    response=RESPONSES,
    summary="Approve the minutes, as chair or adjuster",
)
def approve_minutes(request, county: str, pk: int, number: int, payload: MinutesVersionIn):
    return _minutes_step(
        request,
        county,
        pk,
        number,
        lambda user, found: minutes.do_approve_minutes(user, found, payload.version),
    )


@router.post(
    "/meetings/{county}/{pk}/minutes/{number}/correction",
    response=RESPONSES,
    summary="Begin a corrected version of approved minutes",
)
def correct_minutes(request, county: str, pk: int, number: int, payload: CorrectionIn):
    return _minutes_step(
        request,
        county,
        pk,
        number,
        lambda user, found: minutes.do_correct_minutes(user, found, payload.reason),
    )


@router.post(
    "/meetings/{county}/{pk}/action-items", response=RESPONSES, summary="Add an action item"
)
def add_action_item(request, county: str, pk: int, payload: ActionItemIn):
    meeting = _meeting(request, county, pk)

    def step():
        actions.do_add_action_item(
            request.user,
            meeting,
            description=payload.description,
            owner=_person(meeting.county_id, payload.owner, "owner"),
            due_on=payload.due_on,
            expected_version=payload.version,
        )

    return _take(meeting, step)


@router.post(
    "/action-items/{county}/{pk}/close",
    response=RESPONSES,
    summary="Close an action item as done or cancelled",
)
def close_action_item(request, county: str, pk: int, payload: CloseIn):
    item = ActionItem.objects.filter(county__slug=county, pk=pk).select_related("raised_at").first()
    if item is None or not actions.may_close(request.user, item):
        raise HttpError(404, _("No such action item."))
    meeting = item.raised_at

    def step():
        at = None
        if payload.at_meeting is not None:
            at = Meeting.objects.filter(county_id=item.county_id, pk=payload.at_meeting).first()
            if at is None:
                raise ValidationError({"at_meeting": _("No such meeting in the county.")})
        actions.do_close_action_item(
            request.user,
            item,
            status=payload.status,
            note=payload.note,
            at_meeting=at,
            expected_version=payload.version,
        )

    return _take(
        meeting,
        step,
        lambda: ActionItem.objects.values_list("version", flat=True).get(pk=item.pk),
    )
