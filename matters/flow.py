"""What the agreements say about how a matter travels: the principals who decide, the bodies
that prepare for a body, the bodies above and below it, and the dispute paths.

Read from the agreement files (agreements.schema `relations` and `matter_flow`), never from
constants here. The structure follows the agreement in force; dispute paths may also stand in a
guideline in force (Norrbus' "Oenighet vid tillämpning av riktlinjer").
"""

from __future__ import annotations

from dataclasses import dataclass

from agreements import schema
from agreements.models import Agreement

UPWARD = {
    schema.RelationKind.REPORTS_TO,
    schema.RelationKind.ESCALATES_TO,
    schema.RelationKind.PREPARES_FOR,
}
DOWNWARD = {
    schema.RelationKind.MANDATES,
    schema.RelationKind.APPOINTS,
    schema.RelationKind.STEERS,
}
PREPARING = {schema.RelationKind.PREPARES_FOR, schema.RelationKind.WORKING_COMMITTEE_OF}
PRINCIPAL_KINDS = (schema.PartyKind.REGION, schema.PartyKind.MUNICIPALITY)


@dataclass(frozen=True)
class Place:
    """A body instance, with the names a reader knows it by."""

    body: str
    instance: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.body}/{self.instance}" if self.instance else self.body


def principals(agreement: schema.Agreement) -> list[schema.Party]:
    """The principals who decide in their own line: the region and each municipality (an
    association of municipalities signs, but is no principal)."""
    return [p for p in agreement.parties if p.kind in PRINCIPAL_KINDS]


def place_name(agreement: schema.Agreement, body: str, instance: str = "") -> str:
    found = agreement.body(body)
    name = found.name if found else body
    if not instance:
        return name
    names = dict(agreement.instances_of(found)) if found else {}
    return f"{name} ({names.get(instance, instance)})"


def places(agreement: schema.Agreement) -> list[Place]:
    """Every body instance of the structure, top level first."""
    ranks = {level.id: level.rank for level in agreement.levels}
    found = []
    for body in sorted(agreement.bodies, key=lambda b: ranks.get(b.level, 99)):
        for instance, _name in agreement.instances_of(body):
            found.append(Place(body.id, instance, place_name(agreement, body.id, instance)))
    return found


def instance_for(agreement: schema.Agreement, body: schema.Body, from_instance: str) -> str | None:
    """The instance of `body` that a matter from `from_instance` (a municipality or an area)
    reaches: the municipality's area for a group per area; None where the body has instances
    and none follows."""
    instances = [i for i, _n in agreement.instances_of(body)]
    if instances == [""]:
        return ""
    if from_instance in instances:
        return from_instance
    if body.instances == schema.Instances.PER_AREA:
        area = agreement.area_of(from_instance)
        return area.id if area else None
    return None


def related(agreement: schema.Agreement, body: str, kinds: set, *, outward: bool) -> list[str]:
    found = []
    for relation in agreement.relations:
        if relation.kind not in kinds:
            continue
        start, end = (
            (relation.source_body, relation.target_body)
            if outward
            else (relation.target_body, relation.source_body)
        )
        if start == body and end not in found:
            found.append(end)
    return found


def _places(agreement, bodies: list[str], from_instance: str) -> list[Place]:
    result = []
    for body_id in bodies:
        body = agreement.body(body_id)
        if body is None:
            continue
        instance = instance_for(agreement, body, from_instance)
        if instance is None:
            result.extend(
                Place(body_id, i, place_name(agreement, body_id, i))
                for i, _n in agreement.instances_of(body)
            )
        else:
            result.append(Place(body_id, instance, place_name(agreement, body_id, instance)))
    return result


def upward(agreement: schema.Agreement, body: str, instance: str) -> list[Place]:
    """Where a body sends a matter upward: the bodies it reports to, escalates to or prepares
    for, and the bodies that mandate, appoint or steer it."""
    above = related(agreement, body, UPWARD, outward=True)
    above += [b for b in related(agreement, body, DOWNWARD, outward=False) if b not in above]
    return _places(agreement, above, instance)


def downward(agreement: schema.Agreement, body: str, instance: str) -> list[Place]:
    """Where a body sends a matter back or a task down: the bodies it mandates, appoints or
    steers, and the bodies that report or escalate to it."""
    below = related(agreement, body, DOWNWARD, outward=True)
    below += [b for b in related(agreement, body, UPWARD, outward=False) if b not in below]
    return _places(agreement, below, instance)


def preparers(agreement: schema.Agreement, body: str, instance: str) -> list[Place]:
    """The working committee or beredning that prepares a body's matters."""
    return _places(agreement, related(agreement, body, PREPARING, outward=False), instance)


@dataclass(frozen=True)
class DisputePath:
    document: str
    index: int
    path: schema.DisputePath
    agreement: schema.Agreement

    @property
    def key(self) -> str:
        return f"{self.document}:{self.index}"


def dispute_paths(documents: list[Agreement]) -> list[DisputePath]:
    """The dispute paths of the county's documents in force."""
    found = []
    for row in documents:
        flow = row.document.matter_flow
        if flow is None:
            continue
        for index, path in enumerate(flow.dispute_paths):
            found.append(DisputePath(row.document_id, index, path, row.document))
    return found


def step_place(
    structure: schema.Agreement, step: str, from_body: str, from_instance: str
) -> Place | None:
    """The body instance a dispute step names: a body of the structure, or a level, where the
    matter stays with its body if that is at the level and else goes to the level's first body."""
    body = structure.body(step)
    if body is None and structure.level(step) is not None:
        at_level = [b for b in structure.bodies if b.level == step]
        current = structure.body(from_body)
        body = current if current in at_level else (at_level[0] if at_level else None)
    if body is None:
        return None
    instance = instance_for(structure, body, from_instance)
    if instance is None:
        instance = structure.instances_of(body)[0][0]
    return Place(body.id, instance, place_name(structure, body.id, instance))
