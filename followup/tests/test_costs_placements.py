"""The placements' cost allocations summed per principal for the year: the allocation in force
of each placement that ran in the year, no case and no individual, and nothing shown for a
principal under the small-number threshold."""

import datetime
from decimal import Decimal

import pytest

from agreements.models import County
from followup import costs
from followup.models import FollowupSettings
from placements import actions
from placements.models import Placement
from placements.tests.conftest import case, orgs, people  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def placed(case, orgs, people, starts_on, ends_on=None, lulea=80):  # noqa: F811
    placement = actions.do_record_placement(
        people["socialsekreterare"],
        case,
        kind=Placement.Kind.FAMILY_HOME,
        compulsory=False,
        acute=False,
        decided_on=starts_on - datetime.timedelta(days=7),
        deciding_organisation=orgs["social"],
        starts_on=starts_on,
        ends_on=ends_on,
    )
    actions.do_record_cost_allocation(
        people["socialsekreterare"],
        placement,
        shares=[
            {"principal": "lulea", "percent": lulea, "covers": ""},
            {"principal": "region-norrbotten", "percent": 100 - lulea, "covers": ""},
        ],
        agreed_on=starts_on - datetime.timedelta(days=2),
    )
    return placement


def test_the_allocations_in_force_are_summed_per_principal(case, orgs, people):  # noqa: F811
    for month in range(1, 5):
        placed(case, orgs, people, D(f"2026-0{month}-10"))
    # The fifth's first allocation is replaced by a dispute's outcome: only the later counts.
    fifth = placed(case, orgs, people, D("2026-05-11"))
    actions.do_record_cost_allocation(
        people["socialsekreterare"],
        fifth,
        shares=[
            {"principal": "lulea", "percent": 50, "covers": ""},
            {"principal": "region-norrbotten", "percent": 50, "covers": ""},
        ],
        agreed_on=D("2026-06-01"),
        basis="dispute",
    )
    # Ended before the year: not counted; the others go on into it.
    placed(case, orgs, people, D("2026-01-12"), ends_on=D("2026-06-30"))
    county = County.objects.get(slug="norrbotten")
    statement = costs.statement(county, 2027)
    lines = {line.principal: line for line in statement.placements}
    assert lines["lulea"].placements == 5
    assert lines["lulea"].equivalents == Decimal("3.7")
    assert lines["region-norrbotten"].equivalents == Decimal("1.3")
    assert lines["lulea"].name == "Luleå kommun"


def test_fewer_placements_than_the_threshold_show_no_figure(case, orgs, people):  # noqa: F811
    for month in range(1, 5):
        placed(case, orgs, people, D(f"2026-0{month}-10"))
    county = County.objects.get(slug="norrbotten")
    lines = costs.statement(county, 2026).placements
    assert lines and all(line.placements is None and line.equivalents is None for line in lines)
    FollowupSettings.objects.create(county=county, small_number_threshold=4)
    lines = costs.statement(county, 2026).placements
    assert all(line.placements == 4 for line in lines)


def test_a_year_without_placements_has_no_lines(case):  # noqa: F811
    assert costs.statement(County.objects.get(slug="norrbotten"), 2026).placements == []
