"""A meeting's agenda: what is proposed for it (the body's open action items until they are done
or cancelled, what other apps propose through the registry, the rules' standing items), its
items with presenter, length and kind, and the morning rule of Norrbotten's länsstyrgrupp.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements import schema
from audit.services import record
from structure.actions import agreement_in_force

from . import events
from .access import require_member, require_running
from .actions import lock_meeting
from .models import ActionItem, AgendaItem, Meeting
from .registry import AGENDA_PROPOSERS, ProposedItem

Kind = AgendaItem.Kind
# The morning ends at noon: "avhandlas på förmiddagen".
NOON = datetime.time(12, 0)


def carried_items(meeting: Meeting) -> list[ActionItem]:
    """The body instance's open action items given at earlier meetings: on every agenda until
    done or cancelled."""
    return list(
        ActionItem.objects.filter(
            county_id=meeting.county_id,
            body=meeting.body,
            instance=meeting.instance,
            status=ActionItem.Status.OPEN,
            raised_at__starts_at__lt=meeting.starts_at,
        )
        .exclude(raised_at=meeting)
        .select_related("owner")
        .order_by("due_on", "pk")
    )


def _standing_items(meeting: Meeting, agreement: schema.Agreement) -> list[ProposedItem]:
    """The rules' own items: an event's standing agenda, the election of the coming year's
    offices at the year's last meeting."""
    body = agreement.body(meeting.body)
    rules = body.meetings if body else None
    if rules is None:
        return []
    proposed = []
    event = (
        next((e for e in rules.events if e.id == meeting.event), None) if meeting.event else None
    )
    if event is not None:
        proposed += event_items(event)
    # Whether this is the year's last meeting is asked only of a body that elects there.
    elections = election_items(body)
    if elections and _last_of_year(meeting):
        proposed += elections
    return proposed


def event_items(event: schema.MeetingEvent) -> list[ProposedItem]:
    """An event's standing agenda, in the agreement's own words."""
    return [
        ProposedItem.coded(
            "event", {"event": event.id, "text": text}, Kind.DISCUSSION, f"event:{event.id}:{n}"
        )
        for n, text in enumerate(event.agenda, start=1)
    ]


def election_items(body: schema.Body) -> list[ProposedItem]:
    """The election of the offices the body elects at the year's last meeting, if any."""
    elected = [o.role.value for o in body.offices if o.term and o.term.elected_at_last_meeting]
    if not elected:
        return []
    return [ProposedItem.coded("election", {"offices": elected}, Kind.ELECTION, "election")]


def _last_of_year(meeting: Meeting) -> bool:
    year = timezone.localtime(meeting.starts_at).year
    return (
        not Meeting.objects.filter(
            county_id=meeting.county_id,
            body=meeting.body,
            instance=meeting.instance,
            starts_at__gt=meeting.starts_at,
            starts_at__year=year,
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .exists()
    )


@dataclass(frozen=True)
class Proposal:
    """An item proposed for the agenda, not yet on it."""

    item: ProposedItem
    action_item: ActionItem | None = None

    @property
    def kind_label(self) -> str:
        return Kind(self.item.kind).label if self.item.kind in Kind.values else self.item.kind


def propose_agenda(
    meeting: Meeting,
    agreement: schema.Agreement | None = None,
    *,
    carried: list[ActionItem] | None = None,
    on_agenda: set[str] | None = None,
) -> list[Proposal]:
    """What the agenda should hold that it does not yet: each open action item of the body
    instance, the registry's proposals, the rules' standing items. A page that has read the
    open action items (`carried_items`) and the origins of the items on the agenda passes
    them, so that they are not read again."""
    agreement = agreement or agreement_in_force(meeting.county_id)
    if on_agenda is None:
        on_agenda = set(meeting.agenda.values_list("origin", flat=True))
    if carried is None:
        carried = carried_items(meeting)
    proposals = [
        Proposal(
            ProposedItem.coded(
                "action_item",
                {"description": item.description[:300]},
                Kind.DISCUSSION,
                f"action:{item.pk}",
            ),
            item,
        )
        for item in carried
    ]
    for proposer in AGENDA_PROPOSERS:
        proposals += [Proposal(found) for found in proposer(meeting)]
    proposals += [Proposal(found) for found in _standing_items(meeting, agreement)]
    return [p for p in proposals if p.item.origin not in on_agenda]


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def do_propose_agenda(actor, meeting: Meeting, expected_version: int | None = None) -> int:
    """Put every proposal on the agenda, after what is there; returns how many."""
    require_running(actor, meeting)
    _require_open(meeting)
    proposals = propose_agenda(meeting)
    lock_meeting(meeting, expected_version)
    position = _next_position(meeting)
    AgendaItem.objects.bulk_create(
        AgendaItem.proposed(
            meeting, position + offset, proposal.item, action_item=proposal.action_item
        )
        for offset, proposal in enumerate(proposals)
    )
    record(actor, events.AGENDA_CHANGED, meeting, {"proposed": len(proposals)})
    return len(proposals)


def _require_open(meeting: Meeting) -> None:
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise ValidationError(
            _("The meeting is %(status)s: its agenda no longer changes.")
            % {"status": meeting.get_status_display()}
        )


@dataclass(frozen=True)
class ItemData:
    title: str
    kind: str
    presenter: str = ""
    minutes: int = 15
    joint_question: bool = False


def _check(data: ItemData) -> None:
    errors = {}
    if not data.title.strip():
        errors["title"] = [_("Name the item.")]
    if data.kind not in Kind.values:
        errors["kind"] = [_("Choose the kind of item.")]
    if not 1 <= data.minutes <= 480:
        errors["minutes"] = [_("Give the item between 1 and 480 minutes.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_agenda_item(
    actor, meeting: Meeting, data: ItemData, expected_version: int | None = None
) -> AgendaItem:
    """A member or officer of the body puts an item on its agenda; anyone else is refused."""
    require_member(actor, meeting)
    _require_open(meeting)
    _check(data)
    lock_meeting(meeting, expected_version)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=_next_position(meeting),
        text=data.title.strip(),
        kind=data.kind,
        presenter=data.presenter.strip(),
        minutes=data.minutes,
        joint_question=data.joint_question,
    )
    record(actor, events.AGENDA_CHANGED, meeting, {"added": item.pk})
    return item


@transaction.atomic
def do_change_agenda_item(
    actor, item: AgendaItem, data: ItemData, expected_version: int | None = None
) -> AgendaItem:
    meeting = item.meeting
    require_running(actor, meeting)
    _require_open(meeting)
    _check(data)
    lock_meeting(meeting, expected_version)
    # A title left as it was keeps its code: it is still written in each reader's language.
    if data.title.strip() != item.title:
        item.title = data.title.strip()
    item.kind, item.presenter = data.kind, data.presenter.strip()
    item.minutes, item.joint_question = data.minutes, data.joint_question
    item.save()
    record(actor, events.AGENDA_CHANGED, meeting, {"changed": item.pk})
    return item


@transaction.atomic
def do_move_agenda_item(
    actor, item: AgendaItem, step: int, expected_version: int | None = None
) -> None:
    """Move the item one place up (step -1) or down (+1)."""
    meeting = item.meeting
    require_running(actor, meeting)
    _require_open(meeting)
    items = list(meeting.agenda.order_by("position", "pk"))
    index = next(i for i, found in enumerate(items) if found.pk == item.pk)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(items):
        return
    lock_meeting(meeting, expected_version)
    items[index], items[other] = items[other], items[index]
    for position, found in enumerate(items, start=1):
        if found.position != position:
            AgendaItem.objects.filter(pk=found.pk).update(position=position)
    record(actor, events.AGENDA_CHANGED, meeting, {"moved": item.pk})


@transaction.atomic
def do_remove_agenda_item(actor, item: AgendaItem, expected_version: int | None = None) -> None:
    meeting = item.meeting
    require_running(actor, meeting)
    _require_open(meeting)
    if meeting.minutes.filter(entries__agenda_item=item).exists():
        raise ValidationError(_("The minutes speak of this item: it stays on the agenda."))
    lock_meeting(meeting, expected_version)
    record(actor, events.AGENDA_CHANGED, meeting, {"removed": item.pk})
    item.delete()


@dataclass(frozen=True)
class TimedItem:
    item: AgendaItem
    starts: datetime.datetime
    ends: datetime.datetime


def timed(meeting: Meeting, items: list[AgendaItem]) -> list[TimedItem]:
    """Each item's time, from the meeting's start and the lengths before it."""
    clock = timezone.localtime(meeting.starts_at).replace(tzinfo=None)
    out = []
    for item in items:
        later = clock + datetime.timedelta(minutes=item.minutes)
        out.append(TimedItem(item, clock, later))
        clock = later
    return out


@dataclass(frozen=True)
class MorningWarning:
    """Items of joint questions that run past noon, and the clause that puts them in the
    morning."""

    items: list[AgendaItem]
    rule: str
    source: schema.Source


def morning_warning(
    meeting: Meeting, items: list[AgendaItem], agreement: schema.Agreement
) -> MorningWarning | None:
    """For a body whose rules take joint questions in the morning (`morning_agenda`): the
    joint questions that do not end by noon, given the start and the lengths."""
    body = agreement.body(meeting.body)
    rules = body.meetings if body else None
    if rules is None or not rules.morning_agenda:
        return None
    schedule = timed(meeting, items)
    noon = datetime.datetime.combine(schedule[0].starts.date(), NOON) if schedule else None
    late = [t.item for t in schedule if t.item.joint_question and t.ends > noon]
    if not late:
        return None
    return MorningWarning(late, rules.morning_agenda, rules.source)
