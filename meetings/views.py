"""A meeting's pages: the meeting with its agenda, notice, attendance, minutes, action items and
mail; the steps on it, each a form that calls one action; "my meetings"; and the county's
published minutes, public. The rules live in the actions; a refusal is shown on the form, which
keeps what was typed."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.two_factor import verified_required
from agreements.models import County
from outbox.models import Mail
from outbox.services import about
from structure.actions import agreement_in_force
from structure.models import Appointment, Person

from . import actions, agenda, attendance, documents, mails, minutes, pdf
from .access import Rights, body_name, person_of
from .county_settings import read_once, settings_for
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    AnswerForm,
    AttendanceForm,
    CloseActionItemForm,
    CorrectionForm,
    DocumentsForm,
    MinutesForm,
    MoveForm,
    ParticipantForm,
    SubstituteForm,
    VersionForm,
    WithdrawSubstituteForm,
)
from .mine import mine as mine_of
from .models import ActionItem, AgendaItem, Attendance, Meeting, MeetingDocument, Minutes
from .steps import attempt as _attempt
from .steps import status as _status
from .steps import taken as _taken

Changing = require_http_methods(["GET", "POST"])

MAIL_LABELS = mails.LABELS


def _meeting(county: str, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("county"), county__slug=county, pk=pk)


def _may_see(rights: Rights) -> bool:
    return (
        rights.running
        or rights.sits
        or rights.meeting.attendance.filter(person__user=rights.user).exists()
    )


def meeting_view(view):
    """The meeting in the URL, for whoever takes part in it or runs it: others are refused.
    What the user holds at the meeting is kept on the request for the view."""

    @login_required
    @verified_required
    @wraps(view)
    def wrapped(request, county: str, pk: int, *args, **kwargs):
        meeting = _meeting(county, pk)
        request.meeting_rights = Rights(request.user, meeting)
        if not _may_see(request.meeting_rights):
            raise PermissionDenied(
                _("You neither sit in %(body)s nor run its meetings.")
                % {"body": body_name(meeting)}
            )
        return view(request, meeting, *args, **kwargs)

    return wrapped


def _to_meeting(meeting: Meeting, anchor: str = ""):
    return redirect(actions.meeting_path(meeting) + (f"#{anchor}" if anchor else ""))


def _step(request, meeting: Meeting, template: str, form, **context):
    """Render a step's page with the meeting's facts."""
    return render(
        request,
        template,
        {
            "meeting": meeting,
            "county": meeting.county,
            "body_name": body_name(meeting),
            "form": form,
            **context,
        },
        status=_status(form),
    )


def _confirmed(request, meeting: Meeting, template: str, take, done: str, anchor: str, **context):
    """A step that asks only to be confirmed: its page says what it will do; the POST takes it
    (`take(version)`) on the meeting's version the page was read at."""
    form = VersionForm(request.POST or None, initial={"version": meeting.version})
    if _taken(request, form, lambda: take(form.cleaned_data["version"])):
        messages.success(request, done)
        return _to_meeting(meeting, anchor)
    return _step(request, meeting, template, form, **context)


# The meeting page.


@meeting_view
@require_GET
def meeting_page(request, meeting: Meeting):
    # The notice's and the minutes' days come from one read of the county's settings.
    with read_once():
        return _meeting_page(request, meeting)


def _meeting_page(request, meeting: Meeting):
    user = request.user
    rights = request.meeting_rights
    document = agreement_in_force(meeting.county_id)
    items = list(meeting.agenda.select_related("action_item").order_by("position", "pk"))
    running = rights.running
    rows = list(
        meeting.attendance.select_related(
            "person__organisation", "appointment__organisation", "on_behalf_of"
        ).order_by("role", "person__name")
    )
    me = person_of(user)
    mine_row = next((row for row in rows if me and row.person_id == me.pk), None)
    candidates = {
        row.pk: attendance.substitute_candidates(row, document)
        for row in rows
        if row.answer == Attendance.Answer.NOT_COMING
        and not any(other.on_behalf_of_id == row.person_id for other in rows)
        and (running or row is mine_row)
    }
    all_minutes = list(meeting.minutes.order_by("-number"))
    latest = all_minutes[0] if all_minutes else None
    today = timezone.localdate()
    raised = list(meeting.action_items_raised.select_related("owner"))
    carried = agenda.carried_items(meeting)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "county": meeting.county,
            "document": document,
            "body_name": body_name(meeting, document),
            "rules": getattr(document.body(meeting.body), "meetings", None),
            "running": running,
            "is_coordinator": rights.coordinator,
            "year": timezone.localtime(meeting.starts_at).year,
            "schedule": agenda.timed(meeting, items),
            "morning": agenda.morning_warning(meeting, items, document),
            "proposals": agenda.propose_agenda(
                meeting, document, carried=carried, on_agenda={item.origin for item in items}
            )
            if running
            else [],
            "may_propose": running or rights.sits,
            "item_form": AgendaItemForm(initial={"version": meeting.version}),
            "version_form": VersionForm(initial={"version": meeting.version}),
            "timing": actions.notice_timing(meeting, today),
            "rows": rows,
            "mine": mine_row,
            "answer_form": AnswerForm(initial={"answer": mine_row.answer or None})
            if mine_row
            else None,
            "candidates": candidates,
            "represented": attendance.representation(meeting, rows, document),
            "all_minutes": all_minutes,
            "latest": latest,
            "approval_due": minutes.approval_due(meeting),
            "approver_roles": minutes.approver_roles(user, latest) if latest else set(),
            "raised": raised,
            "carried": carried,
            "today": today,
            "mail": [
                (mail, MAIL_LABELS.get(mail.kind, mail.kind))
                for mail in Mail.objects.filter(about=about(meeting)).order_by("-queued_at")
            ]
            if running
            else [],
            "held": meeting.status == Meeting.Status.HELD,
            "documents": documents.documents_of(meeting),
        },
    )


# The agenda.


def _item(meeting: Meeting, item: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, meeting=meeting, pk=item)


def _agenda_item_step(request, meeting: Meeting, found: AgendaItem | None):
    """Add an item to the agenda (`found` None) or change one: one form, one shape."""
    initial = {"version": meeting.version}
    if found is not None:
        initial |= {
            "title": found.title,
            "kind": found.kind,
            "presenter": found.presenter,
            "minutes": found.minutes,
            "joint_question": found.joint_question,
        }
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = ("title", "kind", "presenter", "minutes", "joint_question")
        data = agenda.ItemData(**{k: form.cleaned_data[k] for k in fields})
        if found is None:
            action, target = agenda.do_add_agenda_item, meeting
            done = _("The item is on the agenda.")
        else:
            action, target = agenda.do_change_agenda_item, found
            done = _("The item is changed.")
        version = form.cleaned_data["version"]
        if _attempt(form, lambda: action(request.user, target, data, version)):
            messages.success(request, done)
            return _to_meeting(meeting, "agenda")
    return _step(request, meeting, "meetings/agenda_item_form.html", form, item=found)


@meeting_view
@Changing
def add_agenda_item(request, meeting: Meeting):
    return _agenda_item_step(request, meeting, None)


@meeting_view
@Changing
def change_agenda_item(request, meeting: Meeting, item: int):
    return _agenda_item_step(request, meeting, _item(meeting, item))


@meeting_view
@require_POST
def move_agenda_item(request, meeting: Meeting, item: int):
    found = _item(meeting, item)
    form = MoveForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: agenda.do_move_agenda_item(
            request.user, found, form.cleaned_data["step"], form.cleaned_data["version"]
        ),
    ):
        return _to_meeting(meeting, "agenda")
    for error in form.non_field_errors() or [_("The item could not be moved.")]:
        messages.error(request, error)
    return _to_meeting(meeting, "agenda")


@meeting_view
@Changing
def remove_agenda_item(request, meeting: Meeting, item: int):
    found = _item(meeting, item)
    return _confirmed(
        request,
        meeting,
        "meetings/agenda_remove.html",
        lambda version: agenda.do_remove_agenda_item(request.user, found, version),
        _("The item is taken off the agenda."),
        "agenda",
        item=found,
    )


@meeting_view
@require_POST
def propose_agenda(request, meeting: Meeting):
    form = VersionForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: agenda.do_propose_agenda(request.user, meeting, form.cleaned_data["version"]),
    ):
        messages.success(request, _("The proposed items are on the agenda."))
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return _to_meeting(meeting, "agenda")


# The documents.


@meeting_view
@require_GET
def document(request, meeting: Meeting, document: int):
    found = get_object_or_404(MeetingDocument, meeting=meeting, pk=document)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.name,
        content_type=found.content_type,
    )


@meeting_view
@Changing
def add_documents(request, meeting: Meeting):
    form = DocumentsForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        initial={"version": meeting.version},
    )
    if _taken(
        request,
        form,
        lambda: documents.do_add_meeting_documents(
            request.user,
            meeting,
            form.cleaned_data["files"],
            agenda_item=form.cleaned_data["agenda_item"],
            expected_version=form.cleaned_data["version"],
        ),
    ):
        messages.success(request, _("The documents are added: they go out with the notice."))
        return _to_meeting(meeting, "documents")
    return _step(request, meeting, "meetings/documents_form.html", form)


@meeting_view
@Changing
def remove_document(request, meeting: Meeting, document: int):
    found = get_object_or_404(MeetingDocument, meeting=meeting, pk=document)
    return _confirmed(
        request,
        meeting,
        "meetings/document_remove.html",
        lambda version: documents.do_remove_meeting_document(request.user, found, version),
        _("The document is taken off the meeting."),
        "documents",
        document=found,
    )


# The notice.


@meeting_view
@Changing
def send_notice(request, meeting: Meeting):
    return _confirmed(
        request,
        meeting,
        "meetings/notice_confirm.html",
        lambda version: actions.do_send_notice(request.user, meeting, version),
        _("The notice is sent. Next: follow the answers under Attendance."),
        "attendance",
        recipients=list(actions.notice_recipients(meeting)),
        items=list(meeting.agenda.order_by("position", "pk")),
        documents=documents.documents_of(meeting),
        timing=actions.notice_timing(meeting),
    )


# Attendance.


@meeting_view
@Changing
def answer_notice(request, meeting: Meeting):
    me = person_of(request.user)
    row = get_object_or_404(Attendance, meeting=meeting, person=me) if me else None
    if row is None:
        raise Http404(_("You are not called to this meeting."))
    form = AnswerForm(request.POST or None, initial={"answer": row.answer or None})
    standing_in = attendance.called_for(row)
    called = []
    if _taken(
        request,
        form,
        lambda: called.append(
            attendance.do_answer_notice(request.user, row, form.cleaned_data["answer"])
        ),
    ):
        if called and called[0] is not None:
            messages.success(
                request,
                _("Your answer is recorded, and your substitute %(person)s is called.")
                % {"person": called[0].person.name},
            )
        elif standing_in is not None and attendance.called_for(row) is None:
            messages.success(
                request,
                _(
                    "Your answer is recorded. %(person)s, called in your place, is told that "
                    "they are not needed."
                )
                % {"person": standing_in.person.name},
            )
        else:
            messages.success(request, _("Your answer is recorded."))
        return _to_meeting(meeting, "attendance")
    return _step(
        request, meeting, "meetings/answer_form.html", form, row=row, standing_in=standing_in
    )


@meeting_view
@Changing
def call_substitute(request, meeting: Meeting, row: int):
    absent = get_object_or_404(Attendance, meeting=meeting, pk=row)
    candidates = attendance.substitute_candidates(absent)
    form = SubstituteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        chosen = Appointment.objects.filter(pk=form.cleaned_data["substitute"]).first()
        if chosen is not None and _attempt(
            form, lambda: attendance.do_call_substitute(request.user, absent, chosen)
        ):
            messages.success(request, _("The substitute is called."))
            return _to_meeting(meeting, "attendance")
    document = agreement_in_force(meeting.county_id)
    seat = next(
        (
            s
            for s in getattr(document.body(meeting.body), "seats", [])
            if absent.appointment and s.id == absent.appointment.seat
        ),
        None,
    )
    return _step(
        request,
        meeting,
        "meetings/substitute_form.html",
        form,
        absent=absent,
        candidates=candidates,
        seat=seat,
        document=document,
    )


@meeting_view
@Changing
def withdraw_substitute(request, meeting: Meeting, row: int):
    called = get_object_or_404(
        Attendance.objects.select_related("person", "on_behalf_of"),
        meeting=meeting,
        pk=row,
        role=Attendance.Role.SUBSTITUTE,
    )
    form = WithdrawSubstituteForm(request.POST or None, initial={"version": meeting.version})
    if _taken(
        request,
        form,
        lambda: attendance.do_withdraw_substitute(
            request.user,
            called,
            member_coming=form.cleaned_data["member_coming"],
            expected_version=form.cleaned_data["version"],
        ),
    ):
        messages.success(
            request,
            _("The call of %(person)s is withdrawn and they are told.")
            % {"person": called.person.name},
        )
        return _to_meeting(meeting, "attendance")
    return _step(request, meeting, "meetings/substitute_withdraw.html", form, called=called)


@meeting_view
@Changing
def add_participant(request, meeting: Meeting):
    form = ParticipantForm(
        request.POST or None, meeting=meeting, initial={"version": meeting.version}
    )
    if _taken(
        request,
        form,
        lambda: attendance.do_add_participant(
            request.user,
            meeting,
            form.cleaned_data["person"],
            form.cleaned_data["role"],
            form.cleaned_data["version"],
        ),
    ):
        messages.success(request, _("The participant is recorded."))
        return _to_meeting(meeting, "attendance")
    return _step(request, meeting, "meetings/participant_form.html", form)


@meeting_view
@Changing
def record_attendance(request, meeting: Meeting):
    rows = list(meeting.attendance.select_related("person", "on_behalf_of"))
    form = AttendanceForm(request.POST or None, rows=rows, initial={"version": meeting.version})
    if _taken(
        request,
        form,
        lambda: attendance.do_record_attendance(
            request.user, meeting, form.attended(), form.cleaned_data["version"]
        ),
    ):
        messages.success(request, _("Attendance is recorded. Next: write the minutes."))
        return _to_meeting(meeting, "minutes")
    return _step(request, meeting, "meetings/attendance_form.html", form)


# Minutes.


def _minutes(meeting: Meeting, number: int) -> Minutes:
    return get_object_or_404(Minutes, meeting=meeting, number=number)


@meeting_view
@Changing
def write_minutes(request, meeting: Meeting):
    latest = actions.latest_minutes(meeting)
    items = list(meeting.agenda.order_by("position", "pk"))
    initial = {"version": latest.version if latest else 0}
    if latest:
        initial["adjuster"] = latest.adjuster_id
        for entry in latest.entries.all():
            for part in ("discussion", "recommendation", "decision"):
                initial[f"{part}_{entry.agenda_item_id}"] = getattr(entry, part)
    form = MinutesForm(
        request.POST or None,
        items=items,
        attendees=minutes.attendees(meeting),
        initial=initial,
    )
    if latest and latest.state == Minutes.State.APPROVED:
        form.add_error(None, minutes.immutable_refusal().messages[0])
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entries = {
            item.pk: minutes.EntryData(
                discussion=data.get(f"discussion_{item.pk}", ""),
                recommendation=data.get(f"recommendation_{item.pk}", ""),
                decision=data.get(f"decision_{item.pk}", ""),
            )
            for item in items
        }
        if _attempt(
            form,
            lambda: minutes.do_write_minutes(
                request.user,
                meeting,
                entries,
                adjuster=data.get("adjuster"),
                expected_version=data["version"],
            ),
        ):
            messages.success(
                request, _("The minutes are saved. Next: send them to the chair and the adjuster.")
            )
            return _to_meeting(meeting, "minutes")
    return _step(request, meeting, "meetings/minutes_form.html", form, latest=latest, items=items)


@meeting_view
@require_GET
def minutes_page(request, meeting: Meeting, number: int):
    found = _minutes(meeting, number)
    return render(
        request,
        "meetings/minutes.html",
        {
            **minutes.minutes_context(found),
            "county": meeting.county,
            "public": False,
        },
    )


@meeting_view
@Changing
def submit_minutes(request, meeting: Meeting, number: int):
    found = _minutes(meeting, number)
    form = VersionForm(request.POST or None, initial={"version": found.version})
    if _taken(
        request,
        form,
        lambda: minutes.do_submit_minutes(request.user, found, form.cleaned_data["version"]),
    ):
        messages.success(request, _("The minutes are sent to the chair and the adjuster."))
        return _to_meeting(meeting, "minutes")
    return _step(
        request,
        meeting,
        "meetings/minutes_confirm.html",
        form,
        minutes=found,
        step="submit",
        due=minutes.approval_due(meeting),
    )


@meeting_view
@Changing
def approve_minutes(request, meeting: Meeting, number: int):
    found = _minutes(meeting, number)
    form = VersionForm(request.POST or None, initial={"version": found.version})
    if _taken(
        request,
        form,
        lambda: minutes.do_approve_minutes(request.user, found, form.cleaned_data["version"]),
    ):
        found.refresh_from_db()
        if found.state == Minutes.State.APPROVED:
            messages.success(request, _("The minutes are approved and can no longer change."))
        else:
            messages.success(request, _("Your approval is recorded."))
        return _to_meeting(meeting, "minutes")
    return _step(
        request,
        meeting,
        "meetings/minutes_confirm.html",
        form,
        minutes=found,
        step="approve",
        due=minutes.approval_due(meeting),
        roles=minutes.approver_roles(request.user, found),
    )


@meeting_view
@Changing
def correct_minutes(request, meeting: Meeting, number: int):
    found = _minutes(meeting, number)
    form = CorrectionForm(request.POST or None)
    if _taken(
        request,
        form,
        lambda: minutes.do_correct_minutes(request.user, found, form.cleaned_data["reason"]),
    ):
        messages.success(request, _("A corrected version is begun: change it and send it again."))
        return redirect("meetings:write_minutes", county=meeting.county.slug, pk=meeting.pk)
    return _step(request, meeting, "meetings/correction_form.html", form, minutes=found)


def _pdf_response(request, found: Minutes, *, names: bool, public: bool) -> HttpResponse:
    context = {**minutes.minutes_context(found, names=names), "public": public}
    document = pdf.minutes_pdf(found, context, request.build_absolute_uri("/"))
    response = HttpResponse(document, content_type="application/pdf")
    day = timezone.localtime(found.meeting.starts_at).date().isoformat()
    response["Content-Disposition"] = (
        f'inline; filename="minnesanteckningar-{found.meeting.body}-{day}-{found.number}.pdf"'
    )
    return response


@meeting_view
@require_GET
def minutes_pdf(request, meeting: Meeting, number: int):
    found = _minutes(meeting, number)
    if found.state != Minutes.State.APPROVED:
        raise Http404(_("Only approved minutes are printed."))
    return _pdf_response(request, found, names=True, public=False)


# Action items.


@meeting_view
@Changing
def add_action_item(request, meeting: Meeting):
    owners = Person.objects.filter(
        county_id=meeting.county_id,
        pk__in=[
            *meeting.attendance.values_list("person_id", flat=True),
            *Appointment.objects.on(timezone.localdate())
            .filter(county_id=meeting.county_id, body=meeting.body, instance=meeting.instance)
            .values_list("person_id", flat=True),
        ],
    )
    form = ActionItemForm(request.POST or None, owners=owners, initial={"version": meeting.version})
    if _taken(
        request,
        form,
        lambda: actions.do_add_action_item(
            request.user,
            meeting,
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            expected_version=form.cleaned_data["version"],
        ),
    ):
        messages.success(
            request, _("The action item is added: it is carried on every agenda until done.")
        )
        return _to_meeting(meeting, "action-items")
    return _step(request, meeting, "meetings/action_item_form.html", form)


@login_required
@verified_required
@Changing
def close_action_item(request, county: str, pk: int):
    item = get_object_or_404(
        ActionItem.objects.select_related("raised_at__county", "owner"), county__slug=county, pk=pk
    )
    if not actions.may_close(request.user, item):
        raise PermissionDenied(
            _("Only the owner of the action item or the body's officers may close it.")
        )
    form = CloseActionItemForm(request.POST or None, item=item, initial={"version": item.version})
    if _taken(
        request,
        form,
        lambda: actions.do_close_action_item(
            request.user,
            item,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            at_meeting=form.cleaned_data["at_meeting"],
            expected_version=form.cleaned_data["version"],
        ),
    ):
        messages.success(request, _("The action item is closed."))
        return redirect("meetings:mine")
    return render(
        request,
        "meetings/action_item_close.html",
        {
            "item": item,
            "county": item.raised_at.county,
            "body_name": body_name(item.raised_at),
            "form": form,
        },
        status=_status(form),
    )


# My meetings.


@login_required
@verified_required
@require_GET
def mine(request):
    found = mine_of(request.user)
    names: dict[tuple, str] = {}

    def name(meeting: Meeting) -> str:
        key = (meeting.county_id, meeting.body, meeting.instance)
        if key not in names:
            names[key] = body_name(meeting)
        return names[key]

    return render(
        request,
        "meetings/mine.html",
        {
            "found": found,
            "upcoming": [(m, name(m)) for m in found.upcoming],
            "to_answer": [(row, name(row.meeting)) for row in found.to_answer],
            "to_approve": [(m, name(m.meeting)) for m in found.to_approve],
            "action_items": [
                (item, name(item.raised_at), actions.is_overdue(item, found.today))
                for item in found.action_items
            ],
        },
    )


# The county's published minutes: public.


def _published(county: County):
    return (
        Minutes.objects.filter(
            meeting__county=county,
            state=Minutes.State.APPROVED,
            meeting__status=Meeting.Status.HELD,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-number")
    )


def _public_county(slug: str) -> County:
    county = get_object_or_404(County, slug=slug)
    if not settings_for(county).publish_minutes:
        raise Http404(_("The county does not publish its minutes."))
    return county


@require_GET
def published(request, county: str):
    found = _public_county(county)
    rows = list(_published(found)[:200])
    return render(
        request,
        "meetings/published.html",
        {"county": found, "rows": [(m, body_name(m.meeting)) for m in rows]},
    )


@require_GET
def published_minutes(request, county: str, pk: int):
    found = _public_county(county)
    row = get_object_or_404(_published(found), pk=pk)
    names = settings_for(found).publish_official_names
    return render(
        request,
        "meetings/minutes.html",
        {**minutes.minutes_context(row, names=names), "county": found, "public": True},
    )


@require_GET
def published_pdf(request, county: str, pk: int):
    found = _public_county(county)
    row = get_object_or_404(_published(found), pk=pk)
    return _pdf_response(
        request, row, names=settings_for(found).publish_official_names, public=True
    )


M = "<slug:county>/moten/<int:pk>/"
urlpatterns = [
    path("mina/", mine, name="mine"),
    path(M, meeting_page, name="meeting"),
    path(f"{M}dagordning/", add_agenda_item, name="add_agenda_item"),
    path(f"{M}dagordning/forslag/", propose_agenda, name="propose_agenda"),
    path(f"{M}dagordning/<int:item>/", change_agenda_item, name="change_agenda_item"),
    path(f"{M}dagordning/<int:item>/flytta/", move_agenda_item, name="move_agenda_item"),
    path(f"{M}dagordning/<int:item>/ta-bort/", remove_agenda_item, name="remove_agenda_item"),
    path(f"{M}handlingar/", add_documents, name="add_documents"),
    path(f"{M}handlingar/<int:document>/", document, name="document"),
    path(f"{M}handlingar/<int:document>/ta-bort/", remove_document, name="remove_document"),
    path(f"{M}kallelse/", send_notice, name="send_notice"),
    path(f"{M}svar/", answer_notice, name="answer_notice"),
    path(f"{M}ersattare/<int:row>/", call_substitute, name="call_substitute"),
    path(f"{M}ersattare/<int:row>/aterkalla/", withdraw_substitute, name="withdraw_substitute"),
    path(f"{M}deltagare/", add_participant, name="add_participant"),
    path(f"{M}narvaro/", record_attendance, name="record_attendance"),
    path(f"{M}minnesanteckningar/", write_minutes, name="write_minutes"),
    path(f"{M}minnesanteckningar/<int:number>/", minutes_page, name="minutes"),
    path(f"{M}minnesanteckningar/<int:number>/skicka/", submit_minutes, name="submit_minutes"),
    path(f"{M}minnesanteckningar/<int:number>/justera/", approve_minutes, name="approve_minutes"),
    path(f"{M}minnesanteckningar/<int:number>/rattelse/", correct_minutes, name="correct_minutes"),
    path(f"{M}minnesanteckningar/<int:number>/pdf/", minutes_pdf, name="minutes_pdf"),
    path(f"{M}atgardspunkter/", add_action_item, name="add_action_item"),
    path(
        "<slug:county>/atgardspunkter/<int:pk>/stang/",
        close_action_item,
        name="close_action_item",
    ),
    path("<slug:county>/publicerat/", published, name="published"),
    path("<slug:county>/publicerat/<int:pk>/", published_minutes, name="published_minutes"),
    path("<slug:county>/publicerat/<int:pk>/pdf/", published_pdf, name="published_pdf"),
]
