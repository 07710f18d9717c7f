"""Seed 003 (Västernorrland, HälSam) as encoded: every number the seed states."""

from decimal import Decimal

import pytest

from agreements.registry import Catalogue


@pytest.fixture(scope="module")
def halsam():
    return Catalogue().find("vasternorrland").agreement


def seat(body, seat_id):
    return next(s for s in body.seats if s.id == seat_id)


def office(body, role):
    return next(o for o in body.offices if o.role == role)


def test_the_region_and_seven_municipalities_with_their_codes(halsam):
    # "Region Västernorrland och länets sju kommuner, Sundsvall, Ånge, Timrå, Härnösand,
    # Kramfors, Sollefteå och Örnsköldsvik."
    codes = {p.name: p.scb_code for p in halsam.municipalities}
    assert codes == {
        "Sundsvalls kommun": "2281",
        "Ånge kommun": "2260",
        "Timrå kommun": "2262",
        "Härnösands kommun": "2280",
        "Kramfors kommun": "2282",
        "Sollefteå kommun": "2283",
        "Örnsköldsviks kommun": "2284",
    }
    assert halsam.county.municipality_count == 7 and halsam.county.scb_code == "22"
    assert [p.name for p in halsam.parties if p.kind == "region"] == ["Region Västernorrland"]
    assert halsam.areas == []


def test_political_representation(halsam):
    # "Representation": socialnämnd and skolnämnd chairs per municipality; HSN, RUN, VVU.
    body = halsam.body("halsam")
    assert seat(body, "social-board-chairs").count.exact == 1
    assert seat(body, "social-board-chairs").per == "municipality"
    assert seat(body, "school-board-chairs").per == "municipality"
    region = [s for s in body.seats if s.party == "region-vasternorrland"]
    assert [s.id for s in region] == ["hsn-chair", "run-chair", "vvu-chair"]
    presidium = halsam.body("presidium")
    assert office(presidium, "convener").rotation.chosen_by == "presidiet"
    assert office(presidium, "convener").term.electoral_period


def test_lansledning_chair_year_one_region_year_two_social_director(halsam):
    # "Mandatperiod": år 1 regionen, år 2 en förvaltningschef för socialtjänsten; 1:e vice från
    # den andra organisationen; 2:e vice förvaltningschef för skola; val för kalenderår.
    body = halsam.body("lansledning")
    chair = office(body, "chair")
    assert chair.term.years == 1 and chair.term.calendar_year
    assert chair.rotation.kind == "alternate" and chair.rotation.starts_with == 0
    first, second = chair.rotation.between
    assert first.party == "region-vasternorrland"
    assert second.party_kind == "municipality" and second.seat == "social-chiefs"
    assert office(body, "vice_chair").rotation.kind == "opposite"
    assert office(body, "vice_chair").rotation.of == "chair"
    assert office(body, "second_vice_chair").rotation.holder.seat == "school-chiefs"
    assert body.meetings.per_year.min == 4  # "förslagsvis minst 4 möten per år"


@pytest.mark.parametrize(
    ("body_id", "chair_from", "sectors"),
    [
        ("lsg-barn-unga", "school", {"social_services", "school", "health_care"}),
        ("lsg-vuxna", "social_services", {"social_services", "health_care"}),
        ("lsg-aldre", "health_care", {"social_services", "health_care"}),
    ],
)
def test_county_coordination_groups(halsam, body_id, chair_from, sectors):
    # "Träffas 5 gånger per år"; "1–2 förvaltningschefer/områdesdirektörer per ..."; chairs for
    # one year from the school chiefs, the social chiefs, the region's area directors.
    body = halsam.body(body_id)
    assert body.meetings.per_year.exact == 5
    assert {s.sector for s in body.seats} == sectors
    assert all((s.count.min, s.count.max) == (1, 2) for s in body.seats)
    chair = office(body, "chair")
    assert chair.rotation.holder.sector == chair_from
    assert chair.term.years == 1 and chair.term.calendar_year


def test_local_collaboration_three_groups_per_municipality_two_year_alternation(halsam):
    # "tre grupper/kommun"; "minst två år i taget och växlar mellan huvudmännen ... eller vice
    # versa"; meetings set by the länsledning.
    local = [b for b in halsam.bodies if b.level == "local"]
    assert len(local) == 3 and all(b.instances == "per_municipality" for b in local)
    assert sum(len(halsam.instances_of(b)) for b in local) == 21
    chair = office(local[0], "chair")
    assert chair.term.years == 2 and chair.term.minimum
    assert chair.rotation.either_may_start
    assert office(local[0], "vice_chair").rotation.kind == "opposite"
    assert "Länsledningen" in local[0].meetings.decided_by


def test_cost_table(halsam):
    # "Administrativt stöd - kostnader": 0,9 + 0,4 + 2,1 = 3,4 mnkr.
    [cost] = halsam.cost_sharing
    assert [i.amount_msek for i in cost.items] == [Decimal("0.9"), Decimal("0.4"), Decimal("2.1")]
    assert [i.extent_percent for i in cost.items] == [100, 30, 30]
    assert cost.items[2].multiplier == "3 grupper x 7 kommuner"
    assert cost.total_msek == Decimal("3.4") == sum(i.amount_msek for i in cost.items)
    assert cost.shares == []  # the seed divides no cost between the parties


def test_decisions_by_principals_and_no_validity_clause(halsam):
    assert halsam.matter_flow.decisions_by_principals
    assert halsam.matter_flow.dispute_paths[0].steps == ["local", "county"]
    assert halsam.validity is None and halsam.follow_up == []
