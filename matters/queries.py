"""What the matter pages read, with a constant number of queries: a county's matters, one
matter with its lineage, decisions and tasks, and the register of governing documents."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.roles import can_manage_structure
from agreements import schema
from agreements.models import County

from . import access, actions, flow
from .models import Decision, GoverningDocument, Handling, Matter


def matters_of(county: County, *, body: str = "", state: str = "") -> QuerySet[Matter]:
    found = Matter.objects.filter(county=county).select_related("raised_by")
    if body:
        found = found.filter(body=body)
    if state:
        found = found.filter(state=state)
    return found.annotate(
        adopted=Count(
            "decisions",
            filter=Q(decisions__outcome__in=[Decision.Outcome.ADOPTED, Decision.Outcome.CHANGED]),
        ),
        principals=Count("decisions"),
    )[:500]


@dataclass(frozen=True)
class Listed:
    matter: Matter
    place: str


def listed(matters, agreement: schema.Agreement) -> list[Listed]:
    return [Listed(m, flow.place_name(agreement, m.body, m.instance)) for m in matters]


@dataclass(frozen=True)
class Step:
    handling: Handling
    place: str
    target: str


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    may_record: bool


def matter_page(matter: Matter, agreement: schema.Agreement, user) -> dict:
    handlings = list(matter.handlings.select_related("meeting", "task").order_by("at", "pk"))
    steps = [
        Step(
            h,
            flow.place_name(agreement, h.body, h.instance),
            flow.place_name(agreement, h.target_body, h.target_instance) if h.target_body else "",
        )
        for h in handlings
    ]
    decisions = list(matter.decisions.order_by("principal_name"))
    pending = [d for d in decisions if d.outcome == Decision.Outcome.PENDING]
    recordable: set[int] = set()
    # Who the user is, asked once and only while a decision waits to be recorded: the page's
    # queries do not grow with the principals.
    if pending:
        coordinator = can_manage_structure(user)
        own = access.organisation_of(user)
        own_principal = own.principal if own and own.county_id == matter.county_id else None
        recordable = {d.pk for d in pending if coordinator or d.principal == own_principal}
    rows = [DecisionRow(d, d.pk in recordable) for d in decisions]
    path = actions.dispute_path_of(matter)
    dispute_steps = []
    if path is not None:
        dispute_steps = [
            (index, flow.step_place(agreement, step, matter.body, matter.instance))
            for index, step in enumerate(path.path.steps)
        ]
    open_states = (Matter.State.OPEN, Matter.State.PREPARATION)
    return {
        "matter": matter,
        "place": flow.place_name(agreement, matter.body, matter.instance),
        "origin": flow.place_name(agreement, matter.origin_body, matter.origin_instance),
        "steps": steps,
        "decisions": rows,
        "adopted": sum(d.adopted for d in decisions),
        "pending": sum(d.outcome == Decision.Outcome.PENDING for d in decisions),
        "tasks": list(matter.tasks.order_by("raised_on", "pk")),
        "attachments": list(matter.attachments.all()),
        "matter_flow": agreement.matter_flow,
        "dispute": path,
        "dispute_steps": dispute_steps,
        "is_open": matter.state in open_states,
        "may_prepare": matter.state == Matter.State.OPEN
        and bool(flow.preparers(agreement, matter.body, matter.instance)),
        "may_escalate": matter.state in open_states
        and path is not None
        and matter.dispute_step + 1 < len(path.path.steps),
        "today": timezone.localdate(),
    }


@dataclass(frozen=True)
class Registered:
    document: GoverningDocument
    owner: str


def register(
    county: County, agreement: schema.Agreement, *, public: bool = False
) -> list[Registered]:
    found = GoverningDocument.objects.filter(county=county).prefetch_related("files")
    if public:
        found = found.filter(public=True)
    return [Registered(d, flow.place_name(agreement, d.owner_body)) for d in found]
