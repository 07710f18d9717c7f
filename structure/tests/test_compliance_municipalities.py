"""One seat per municipality, and Umeå and Skellefteå's double representation (seed 002)."""

import pytest

from structure.compliance import ERROR, OK, evaluate

from .builders import START, loaded_county, member_from

pytestmark = pytest.mark.django_db
SAMRAD = "samrad-vard-omsorg"


def seat_counts(report, party_name):
    return [
        f
        for f in report.findings
        if f.rule == "seat-count" and f.body == SAMRAD and party_name in f.message
    ]


@pytest.fixture
def county():
    return loaded_county("vasterbotten")


def municipal_seat(county):
    from agreements.registry import Catalogue

    body = Catalogue().find("vasterbotten").agreement.body(SAMRAD)
    return next(s for s in body.seats if s.per == "municipality")


def test_umea_may_have_two_and_must_have_one(county):
    seat = municipal_seat(county)
    report = evaluate("vasterbotten", on=START)
    assert [f.severity for f in seat_counts(report, "Umeå kommun")] == [ERROR]
    member_from(county, "umea", SAMRAD, seat.id, sector="political")
    member_from(county, "umea", SAMRAD, seat.id, sector="political")
    report = evaluate("vasterbotten", on=START)
    assert [f.severity for f in seat_counts(report, "Umeå kommun")] == [OK]
    member_from(county, "umea", SAMRAD, seat.id, sector="political")
    report = evaluate("vasterbotten", on=START)
    assert [f.severity for f in seat_counts(report, "Umeå kommun")] != [OK]


def test_other_municipalities_have_exactly_one(county):
    seat = municipal_seat(county)
    member_from(county, "vindeln", SAMRAD, seat.id, sector="political")
    member_from(county, "vindeln", SAMRAD, seat.id, sector="political")
    report = evaluate("vasterbotten", on=START)
    assert [f.severity for f in seat_counts(report, "Vindelns kommun")] != [OK]


def test_an_area_group_has_one_social_chief_per_municipality():
    # 001 "Representanter länsdelsnivå": "Socialchef" and "Barn- och utbildningschef" from each
    # municipality of the area: two from Luleå is one too many.
    county = loaded_county("norrbotten")
    for _ in range(2):
        member_from(county, "lulea", "lansdelsgrupp", "social-chief", instance="boden-lulea")
    report = evaluate("norrbotten", on=START)
    [finding] = [f for f in report.findings if f.rule == "one-per-municipality"]
    assert finding.severity == ERROR and finding.instance == "boden-lulea"
    assert "2 Socialchef från Luleå kommun" in finding.message
    assert finding.section == "Representanter länsdelsnivå"
