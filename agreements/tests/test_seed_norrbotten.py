"""Seeds 000 and 001 (Norrbotten's agreement, earlier and later version) as encoded."""

import pytest

from agreements.registry import Catalogue


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


@pytest.fixture(scope="module")
def v1(catalogue):
    return catalogue.find("norrbotten", "lansstyrgrupp", 1).agreement


@pytest.fixture(scope="module")
def v2(catalogue):
    return catalogue.find("norrbotten", "lansstyrgrupp", 2).agreement


def seats(agreement, body_id):
    return {s.id: s for s in agreement.body(body_id).seats}


def test_version_two_is_in_force_and_version_one_kept(catalogue, v1, v2):
    assert catalogue.structure_agreement("norrbotten").version == 2
    assert v1.document.seed.startswith("000_") and v2.document.seed.startswith("001_")


@pytest.mark.parametrize("version", [1, 2])
def test_fourteen_municipalities_in_four_areas(catalogue, version):
    agreement = catalogue.find("norrbotten", "lansstyrgrupp", version).agreement
    assert len(agreement.municipalities) == 14
    assert {p.scb_code for p in agreement.municipalities} == {
        "2505", "2506", "2510", "2513", "2514", "2518", "2521",
        "2523", "2560", "2580", "2581", "2582", "2583", "2584",
    }  # fmt: skip
    areas = {a.name: sorted(a.municipalities) for a in agreement.areas}
    assert areas == {
        "Boden/Luleå": ["boden", "lulea"],
        "Norra Norrbotten": ["gallivare", "jokkmokk", "kiruna", "pajala"],
        "Pite älvdal": ["alvsbyn", "arjeplog", "arvidsjaur", "pitea"],
        "Östra Norrbotten": ["haparanda", "kalix", "overkalix", "overtornea"],
    }


def test_steering_group_000_five_division_chiefs_four_meetings(v1):
    lsg = seats(v1, "lansstyrgrupp")
    assert lsg["social-chiefs"].count.exact == 5 and lsg["education-chiefs"].count.exact == 4
    assert lsg["region-chiefs"].count.exact == 5
    assert all(s.substitutes is None for s in lsg.values())
    assert [c.role for c in v1.body("lansstyrgrupp").co_opted] == [
        "Representanter för folkhälsofrågor"
    ]
    assert v1.body("lansstyrgrupp").meetings.per_year.exact == 4


def test_steering_group_001_named_roles_substitutes_at_least_four_meetings(v2):
    lsg = seats(v2, "lansstyrgrupp")
    region = [s for s in lsg.values() if s.party == "region-norrbotten"]
    assert len(region) == 7 and all(s.count.exact == 1 for s in region)
    assert "Länschef barnsjukvård" in {s.role for s in region}
    for seat_id in ("social-chiefs", "education-chiefs"):
        assert lsg[seat_id].substitutes.count.exact == 1 and lsg[seat_id].substitutes.same_area
        assert "geographic_spread" in lsg[seat_id].constraints
    meetings = v2.body("lansstyrgrupp").meetings
    assert meetings.per_year.min == 4 and meetings.per_year.exact is None
    assert (meetings.hours.start.hour, meetings.hours.end.hour) == (10, 15)
    assert meetings.theme_days[0].per_year.exact == 2
    assert meetings.prepared_by.body == "lansstyrgrupp-au" and meetings.prepared_by.lead_days == 10


@pytest.mark.parametrize("version", [1, 2])
def test_chair_and_secretary_alternate_yearly_between_the_parties(catalogue, version):
    agreement = catalogue.find("norrbotten", "lansstyrgrupp", version).agreement
    offices = {o.role: o for o in agreement.body("lansstyrgrupp").offices}
    for role in ("chair", "secretary"):
        assert offices[role].term.years == 1
        assert offices[role].rotation.kind == "alternate"
        assert [s.party_kind for s in offices[role].rotation.between] == ["region", "municipality"]
        assert offices[role].rotation.starts_with is None  # the seed does not say who starts


def test_working_committee_of_three(v2):
    au = v2.body("lansstyrgrupp-au")
    assert au.size.exact == 3 and len(au.seats) == 3
    assert seats(v2, "lansstyrgrupp-au")["chair"].ex_officio == "Länsstyrgruppens ordförande"


def test_area_and_municipal_groups(v2):
    assert v2.body("lansdelsgrupp").instances == "per_area"
    assert v2.body("kommungrupp").instances == "per_municipality"
    assert seats(v2, "lansdelsgrupp")["social-chief"].per == "municipality"
