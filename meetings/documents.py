"""A meeting's documents, which the notice goes out with: added by the body's members and
officers to the meeting or one of its agenda items, bounded in type and size as every file in
the platform (meetings.files), taken off by the body's officers or whoever added them until the
meeting is held. Each change is one transaction with one audit event (ids only: a file's name
can name a person)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record

from . import events
from .access import may_run, require_member
from .actions import lock_meeting
from .files import check_files
from .models import AgendaItem, Meeting, MeetingDocument


def documents_of(meeting: Meeting) -> list[MeetingDocument]:
    """The meeting's documents, those of the meeting itself first, then by agenda item."""
    found = list(meeting.documents.select_related("agenda_item", "meeting__county"))
    return sorted(
        found,
        key=lambda d: (d.agenda_item is not None, d.agenda_item.position if d.agenda_item else 0),
    )


@transaction.atomic
def do_add_meeting_documents(
    actor,
    meeting: Meeting,
    uploads,
    *,
    agenda_item: AgendaItem | None = None,
    expected_version: int | None = None,
) -> list[MeetingDocument]:
    """Keep the files as the meeting's documents, or as those of one of its agenda items."""
    require_member(actor, meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The meeting is cancelled: it takes no documents."))
    if not uploads:
        raise ValidationError({"files": _("Choose at least one file.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    check_files(uploads)
    lock_meeting(meeting, expected_version)
    kept = [
        MeetingDocument(meeting=meeting, agenda_item=agenda_item).keep(upload, actor)
        for upload in uploads
    ]
    record(
        actor,
        events.DOCUMENTS_ADDED,
        meeting,
        {
            "documents": [d.pk for d in kept],
            "agenda_item": agenda_item.pk if agenda_item else None,
        },
    )
    return kept


@transaction.atomic
def do_remove_meeting_document(
    actor, document: MeetingDocument, expected_version: int | None = None
) -> None:
    meeting = document.meeting
    if not (may_run(actor, meeting) or document.uploaded_by_id == actor.pk):
        raise PermissionDenied(
            _("Only the body's officers or whoever added it may take a document off.")
        )
    if meeting.status in (Meeting.Status.HELD, Meeting.Status.CANCELLED):
        raise ValidationError(
            _("The meeting is %(status)s: its documents stay as they were.")
            % {"status": meeting.get_status_display()}
        )
    lock_meeting(meeting, expected_version)
    record(actor, events.DOCUMENT_REMOVED, meeting, {"document": document.pk})
    stored = document.file
    document.delete()
    # The file goes once the row is gone for good.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
