"""Two versions of a SIP side by side: which facts changed, which interventions were added,
removed or changed. Interventions are matched by their description."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _

from .models import Intervention, Plan

PLAN_FIELDS = [
    ("needs", _("Needs")),
    ("measures_by_others", _("Measures by others")),
    ("overall_responsibility", _("Overall responsibility")),
    ("coordinator_name", _("Coordinator")),
    ("coordinator_organisation", _("The coordinator's organisation")),
    ("plan_owner_name", _("Plan owner")),
    ("plan_owner_organisation", _("The plan owner's organisation")),
    ("approved_by", _("Approved by")),
    ("approved_on", _("Approved on")),
    ("approved_how", _("How it was approved")),
    ("established_on", _("Established on")),
]
INTERVENTION_FIELDS = [
    ("principal", _("Responsible principal")),
    ("organisation", _("Organisation")),
    ("scope", _("Scope")),
    ("performer", _("Performer")),
    ("follow_up", _("How it is followed up")),
    ("follow_up_on", _("Followed up on")),
]


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass
class InterventionChange:
    description: str
    status: str  # "added", "removed", "changed" or "same"
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    older: Plan
    newer: Plan
    fields: list[Change]
    interventions: list[InterventionChange]

    @property
    def identical(self) -> bool:
        return not self.fields and all(i.status == "same" for i in self.interventions)


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# Fields stored as a choice's code, compared in the choice's words.
CHOICES = {"approved_how": Plan.Approval}


def _shown(name: str, value) -> str:
    choices = CHOICES.get(name)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return _text(value)


def _changes(older, newer, fields) -> list[Change]:
    found = []
    for name, label in fields:
        before, after = _shown(name, getattr(older, name)), _shown(name, getattr(newer, name))
        if before != after:
            found.append(Change(str(label), before, after))
    return found


def _interventions(plan: Plan) -> dict[str, Intervention]:
    return {i.description.strip(): i for i in plan.interventions.select_related("organisation")}


def compare(older: Plan, newer: Plan) -> Comparison:
    return _compare(older, newer, _interventions(older), _interventions(newer))


def compare_typed(saved: Plan, fields: dict, interventions: list[dict]) -> Comparison:
    """The newest saved version against what someone typed while it was saved: what changed
    meanwhile, after a refused save of the plan form."""
    typed = SimpleNamespace(**{name: fields.get(name) for name, _label in PLAN_FIELDS})
    typed.established_on = saved.established_on
    rows = {
        row["description"].strip(): SimpleNamespace(**row)
        for row in interventions
        if row.get("description")
    }
    return _compare(saved, typed, _interventions(saved), rows)


def _compare(older, newer, before: dict, after: dict) -> Comparison:
    interventions = []
    for description, new in after.items():
        old = before.get(description)
        if old is None:
            interventions.append(InterventionChange(description, "added"))
            continue
        changes = _changes(old, new, INTERVENTION_FIELDS)
        interventions.append(
            InterventionChange(description, "changed" if changes else "same", changes)
        )
    interventions.extend(
        InterventionChange(description, "removed")
        for description in before
        if description not in after
    )
    return Comparison(older, newer, _changes(older, newer, PLAN_FIELDS), interventions)
