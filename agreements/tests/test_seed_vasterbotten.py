"""Seed 002 (Västerbotten) as encoded: every number the seed states."""

import datetime
from decimal import Decimal

import pytest

from agreements.registry import Catalogue


@pytest.fixture(scope="module")
def agreement():
    return Catalogue().find("vasterbotten").agreement


def seat(agreement, body_id, seat_id):
    return next(s for s in agreement.body(body_id).seats if s.id == seat_id)


def test_fifteen_municipalities(agreement):
    assert len(agreement.municipalities) == 15 == agreement.county.municipality_count
    codes = sorted(p.scb_code for p in agreement.municipalities)
    assert codes[0] == "2401" and codes[-1] == "2482"


@pytest.mark.parametrize(
    ("body_id", "region_seats"), [("samrad-vard-omsorg", 3), ("lanssamverkansgrupp", 4)]
)
def test_one_plus_one_per_municipality_umea_and_skelleftea_two_plus_two(
    agreement, body_id, region_seats
):
    # 5.1.3 and 6.1.3: one member and one substitute per municipality, Umeå and Skellefteå up
    # to two and two; the region three and three in Samrådet, four and four in the LSG.
    municipal = seat(agreement, body_id, "municipal-representatives")
    assert municipal.count.exact == 1 and municipal.per == "municipality"
    assert municipal.substitutes.count.exact == 1
    assert {e.party: (e.count.max, e.substitutes.max) for e in municipal.exceptions} == {
        "umea": (2, 2),
        "skelleftea": (2, 2),
    }
    region = seat(agreement, body_id, "region-representatives")
    assert region.count.exact == region_seats and region.substitutes.count.exact == 1


def test_chair_and_vice_from_different_principals_swapping_each_calendar_year(agreement):
    offices = {o.role: o for o in agreement.body("samrad-vard-omsorg").offices}
    chair = offices["chair"]
    assert chair.term.calendar_year and chair.term.years == 1 and chair.term.extension
    assert chair.rotation.kind == "alternate"
    assert offices["vice_chair"].rotation.kind == "opposite"


def test_coordinators_two_full_time_shared_half_and_half(agreement):
    [cost] = agreement.cost_sharing
    assert cost.full_time_equivalents == Decimal("2.0")
    assert sorted((s.party_kind, s.percent) for s in cost.shares) == [
        ("municipality", 50),
        ("region", 50),
    ]


def test_follow_up_by_2023_09_01_and_twelve_months_notice(agreement):
    [follow_up] = agreement.follow_up
    assert follow_up.due == datetime.date(2023, 9, 1)
    assert len(follow_up.effect_goals) == 5
    assert agreement.validity.until_further_notice
    assert agreement.validity.termination.notice_months == 12


def test_the_yearly_leadership_seminar(agreement):
    assert agreement.body("ledningsseminarium").meetings.per_year.exact == 1
