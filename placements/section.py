"""The placements' section of the case page (plans.sections): the placements with their health
examination and cost allocation and the days left, the inpatient stays, the row of Norrbus'
table of responsibilities that applies, and whether coordination lies where the guideline puts
it. The case page's own read is the audited one; this section reads nothing more of the
individual."""

from __future__ import annotations

from dataclasses import dataclass

from agreements import labels
from agreements.schema import PlacementSetting, Sector
from plans.sections import CaseView
from plans.views import PLANNING_STATES
from workdays.calendar import working_days_left

from .access import may_act, may_examine
from .models import Placement
from .rules import coordinator_in_force, placement_rules, principal_names, responsibility_for


@dataclass(frozen=True)
class DaysLeft:
    """A stored due day as the case's deadlines show it: working days left, or overdue."""

    on: object
    left: int | None

    @property
    def overdue_by(self) -> int:
        return -self.left if self.left is not None and self.left < 0 else 0


def _days(due, today) -> DaysLeft:
    return DaysLeft(due, working_days_left(today, due))


def placements_of(case, today) -> list[Placement]:
    """The case's placements, newest first, each with its allocation in force (its shares
    named), the earlier ones, its examination and the days left of what is still due."""
    names = principal_names(case.individual.county)
    placements = list(
        case.placements.select_related("deciding_organisation", "health_examination__organisation")
        .prefetch_related("cost_allocations__shares")
        .order_by("-starts_on", "-pk")
    )
    for placement in placements:
        allocations = list(placement.cost_allocations.all())
        for allocation in allocations:
            for share in allocation.shares.all():
                share.name = names.get(share.principal, share.principal)
        placement.allocation = allocations[0] if allocations else None
        placement.earlier_allocations = allocations[1:]
        placement.examination = getattr(placement, "health_examination", None)
        placement.ongoing = placement.ends_on is None or placement.ends_on >= today
        placement.cost_due = (
            _days(placement.cost_allocation_due_on, today) if placement.allocation is None else None
        )
        examination = placement.examination
        placement.examination_due = (
            _days(examination.due_on, today)
            if examination is not None and examination.examined_on is None
            else None
        )
    return placements


# The municipality's social and educational interventions, which an inpatient stay does not
# interrupt (004: "Pågående sociala och pedagogiska insatser … avbryts inte").
CONTINUING = {Sector.SOCIAL_SERVICES, Sector.SCHOOL}


def plan_interventions(case) -> list:
    plan = (
        case.plans.filter(established_on__isnull=False)
        .prefetch_related("interventions__organisation")
        .order_by("-number")
        .first()
    )
    return list(plan.interventions.all()) if plan else []


def context_of(user, case, basis, today) -> dict | None:
    """What the case's care outside the home holds for the reader; None where the county's
    guideline states no rules for placement."""
    rules, document = placement_rules(case.individual.county)
    if rules is None:
        return None
    placements = placements_of(case, today)
    stays = list(case.inpatient_stays.select_related("referred_by"))
    acting = may_act(user, case, basis)
    for placement in placements:
        placement.may_examine = acting or may_examine(user, placement.examination, basis)
    coordinator = coordinator_in_force(case)
    placed = any(p.ongoing for p in placements)
    # Coordination lies with social services once the child is placed (004).
    misplaced = placed and (coordinator is None or coordinator.sector != rules.coordination_by)
    admitted = next((s for s in stays if s.discharged_on is None), None)
    settings = sorted({p.kind for p in placements if p.ongoing})
    if admitted is not None:
        settings.append(PlacementSetting.CHILD_PSYCHIATRY_INPATIENT)
    rows = []
    for setting in settings:
        row = responsibility_for(rules, setting)
        if row is not None and row not in rows:
            rows.append(row)
    continuing = []
    if admitted is not None:
        continuing = [
            i
            for i in plan_interventions(case)
            if i.organisation is not None and i.organisation.sector in CONTINUING
        ]
    return {
        "case": case,
        "rules": rules,
        "document": document,
        "placements": placements,
        "stays": stays,
        "admitted": admitted,
        "may_act": acting and case.state != case.State.CLOSED,
        "coordinator": coordinator,
        "misplaced": misplaced,
        "coordinating_sector": labels.SECTORS[rules.coordination_by],
        "may_revise": acting and case.state in PLANNING_STATES,
        "responsibilities": rows,
        "all_responsibilities": rules.responsibilities,
        "continuing": continuing,
    }


def context(view: CaseView) -> dict | None:
    """The section, where there is something to show or to do."""
    found = context_of(view.user, view.case, view.basis, view.today)
    if found is None or not (found["placements"] or found["stays"] or found["may_act"]):
        return None
    return found
