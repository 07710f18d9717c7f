"""The guideline's rules on care outside the home, read from the county's data
(`individual.placement`, 004 "Vård utanför det egna hemmet" in Norrbotten): who coordinates,
who examines, which row of the table of responsibilities applies, and when the cost allocation
is due. Nothing here is a number of its own."""

from __future__ import annotations

import datetime

from agreements import schema
from agreements.models import Agreement
from plans.models import Case
from plans.rules import individual_rules
from structure.models import Organisation
from workdays.calendar import add_working_days


def placement_rules(county) -> tuple[schema.PlacementRules | None, object | None]:
    """The county's rules on placement and the document they come from; (None, None) where
    no document in force states them."""
    try:
        rules, document = individual_rules(county)
    except LookupError:
        return None, None
    if rules.placement is None:
        return None, None
    return rules.placement, document


def cost_allocation_due(
    rules: schema.PlacementRules, *, acute: bool, decided_on: datetime.date, starts_on
) -> datetime.date:
    """The last day the cost allocation is due by: "senast tio arbetsdagar efter beslut om
    placering" for an acute placement; "innan placering sker" otherwise, the day before it
    starts (004 "Kostnadsfördelning vid placering utanför hemmet")."""
    rule = rules.cost_allocation
    if acute and rule.acute_working_days is not None:
        return add_working_days(decided_on, rule.acute_working_days)
    if rule.working_days is not None:
        return add_working_days(decided_on, rule.working_days)
    return starts_on - datetime.timedelta(days=1)


def responsibility_for(
    rules: schema.PlacementRules, setting: str
) -> schema.PlacementResponsibility | None:
    """The row of the table of responsibilities that names the setting."""
    return next((row for row in rules.responsibilities if setting in row.applies_to), None)


def examines(rules: schema.PlacementRules, organisation: Organisation) -> bool:
    """Whether the organisation is one of the units that examine before a placement."""
    units = {examining.unit for examining in rules.health_examination_units}
    return organisation.unit in units


def examining_organisations(rules: schema.PlacementRules, county):
    units = [examining.unit for examining in rules.health_examination_units]
    return Organisation.objects.filter(county=county, unit__in=units)


def case_principals(case: Case) -> set[str]:
    """The principals taking part in the case: the opening organisation's and the
    participants'."""
    return {case.opening_organisation.principal} | set(
        case.participants.values_list("principal", flat=True)
    )


def taking_part(case: Case) -> set[int]:
    """The organisations taking part in the case, the opening one included."""
    return {case.opening_organisation_id} | set(case.participants.values_list("pk", flat=True))


def coordinator_in_force(case: Case) -> Organisation | None:
    """The coordinator's organisation that the established plan in force names."""
    plan = (
        case.plans.filter(established_on__isnull=False)
        .select_related("coordinator_organisation")
        .order_by("-number")
        .first()
    )
    return plan.coordinator_organisation if plan else None


def principal_names(county) -> dict[str, str]:
    """The county's principals by id: the parties of its agreement in force."""
    agreement = Agreement.objects.structure_in_force(county=county)
    return {p.id: p.name for p in agreement.document.parties} if agreement else {}
