"""The guideline's rules on care outside the home, on Norrbus' own numbers (004 "Vård utanför
det egna hemmet", "Kostnadsfördelning vid placering utanför hemmet", "Hälsoundersökningar")."""

import datetime

import pytest

from agreements.schema import PlacementSetting
from placements.rules import (
    cost_allocation_due,
    examines,
    placement_rules,
    responsibility_for,
)

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def rules(orgs):
    found, document = placement_rules(orgs["social"].county)
    assert document.document_id == "norrbus"
    return found


def test_an_acute_placement_is_allocated_within_ten_working_days_of_the_decision(rules):
    # "Vid akut placering ska kostnadsfördelningen vara klarlagd senast tio arbetsdagar efter
    # beslut om placering": Monday 2 March 2026 gives Monday 16 March.
    assert rules.cost_allocation.acute_working_days == 10
    due = cost_allocation_due(rules, acute=True, decided_on=D("2026-03-02"), starts_on=None)
    assert due == D("2026-03-16")
    # Easter: Good Friday and Easter Monday are not working days.
    due = cost_allocation_due(rules, acute=True, decided_on=D("2026-03-30"), starts_on=None)
    assert due == D("2026-04-15")


def test_a_planned_placement_is_allocated_before_it_starts(rules):
    # "Kostnadsfördelning bör vara klarlagd innan placering sker".
    due = cost_allocation_due(
        rules, acute=False, decided_on=D("2026-03-02"), starts_on=D("2026-04-01")
    )
    assert due == D("2026-03-31")


def test_the_table_row_that_applies_to_each_setting(rules):
    family = responsibility_for(rules, PlacementSetting.FAMILY_HOME)
    assert family is responsibility_for(rules, PlacementSetting.SIS)
    assert "Hälsoundersökning inför placering" in family.region
    ward = responsibility_for(rules, PlacementSetting.CHILD_PSYCHIATRY_INPATIENT)
    assert "Sunderby sjukhus" in ward.setting
    assert "avbryts inte" in ward.municipality
    assert "utskrivning" in ward.region


def test_primary_care_examines_and_child_psychiatry_does_not(rules, orgs):
    # "Primärvården ansvarar för hälsoundersökning i samband med eller inför placering";
    # "Närsjukvård omfattar primärvård" (001 Länsdelsnivå).
    assert rules.health_examination_by.startswith("Primärvården")
    assert examines(rules, orgs["primary"])
    assert not examines(rules, orgs["bup"])
    assert not examines(rules, orgs["social"])


def test_coordination_lies_with_social_services(rules):
    assert rules.coordination_by == "social_services"
