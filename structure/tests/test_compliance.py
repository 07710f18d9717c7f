"""The compliance engine on the seeds' own numbers (Norrbotten's länsstyrgrupp, 001)."""

import datetime

import pytest

from structure.compliance import ERROR, OK, evaluate
from structure.models import Appointment

from .builders import START, appoint, loaded_county, member_from, organisation, person

pytestmark = pytest.mark.django_db
LSG = "lansstyrgrupp"
# One municipality per area of the later agreement (001 "Länsdelsnivå"): Boden/Luleå, Norra
# Norrbotten, Pite älvdal, and Östra Norrbotten left out.
THREE_AREAS = ["lulea", "kiruna", "pitea"]


def findings(report, rule, seat=None, severity=None):
    return [
        f
        for f in report.findings
        if f.rule == rule
        and (seat is None or f.seat == seat)
        and (severity is None or f.severity == severity)
    ]


@pytest.fixture
def county():
    return loaded_county("norrbotten")


def test_four_of_five_social_chiefs_without_ostra_norrbotten(county):
    for principal in [*THREE_AREAS, "boden"]:
        member_from(county, principal, LSG, "social-chiefs")
    report = evaluate("norrbotten", on=START)

    [count] = findings(report, "seat-count", "social-chiefs")
    assert count.severity == ERROR
    assert count.message.startswith("Länsstyrgruppen: 4 Socialchef")
    assert count.message.rstrip(".").endswith("5")
    assert count.seed.startswith("001_") and count.section == "Representanter länsstyrgruppen"

    [spread] = findings(report, "geographic-spread", "social-chiefs")
    assert spread.severity == ERROR
    assert "Östra Norrbotten" in spread.message
    assert report.has_errors


def test_five_social_chiefs_from_every_area_comply(county):
    for principal in [*THREE_AREAS, "kalix", "boden"]:
        member_from(county, principal, LSG, "social-chiefs")
    report = evaluate("norrbotten", on=START)
    assert [f.severity for f in findings(report, "seat-count", "social-chiefs")] == [OK]
    assert [f.severity for f in findings(report, "geographic-spread", "social-chiefs")] == [OK]


def test_a_member_whose_term_has_ended_no_longer_counts(county):
    for principal in [*THREE_AREAS, "kalix"]:
        member_from(county, principal, LSG, "social-chiefs")
    member_from(county, "boden", LSG, "social-chiefs", ends=datetime.date(2026, 3, 31))
    assert (
        findings(evaluate("norrbotten", on=START), "seat-count", "social-chiefs")[0].severity == OK
    )
    later = evaluate("norrbotten", on=datetime.date(2026, 4, 1))
    assert findings(later, "seat-count", "social-chiefs")[0].severity == ERROR


def test_a_region_official_in_a_municipal_seat_is_reported(county):
    member_from(county, "region-norrbotten", LSG, "social-chiefs", sector="health_care")
    [wrong] = findings(evaluate("norrbotten", on=START), "seat-party", "social-chiefs")
    assert wrong.severity == ERROR and "Region Norrbotten" in wrong.message


def test_substitute_required_and_from_the_same_area(county):
    # 001: "Ersättare ... annan social- eller barnutbildningschef i tillhörande närsjukvårdsområde".
    lulea = member_from(county, "lulea", LSG, "social-chiefs")
    kiruna = member_from(county, "kiruna", LSG, "social-chiefs")
    member_from(
        county,
        "boden",
        LSG,
        "social-chiefs",
        role=Appointment.Role.SUBSTITUTE,
        substitute_for=lulea,
    )
    member_from(
        county,
        "kalix",
        LSG,
        "social-chiefs",
        role=Appointment.Role.SUBSTITUTE,
        substitute_for=kiruna,
    )
    report = evaluate("norrbotten", on=START)
    by_person = {
        f.message.split(": ", 1)[1]: f.severity
        for f in findings(report, "substitutes", "social-chiefs")
    }
    assert any(lulea.person.name in text and sev == OK for text, sev in by_person.items())
    assert any(
        kiruna.person.name in text and "Norra Norrbotten" in text and sev == ERROR
        for text, sev in by_person.items()
    )


def test_an_empty_structure_reports_every_seat_it_lacks(county):
    report = evaluate("norrbotten", on=START)
    errors = findings(report, "seat-count", severity=ERROR)
    # 001: a group per municipality (14) and per area (4), each with seats to fill.
    assert len({f.instance for f in errors if f.body == "kommungrupp"}) == 14
    area_groups = {f.instance for f in errors if f.body == "lansdelsgrupp"}
    assert area_groups == {"boden-lulea", "norra-norrbotten", "pite-alvdal", "ostra-norrbotten"}
    # Per municipality in an area group: Luleå's social chief is its own finding.
    assert any(
        f.instance == "boden-lulea" and f.seat == "social-chief" and "Luleå" in f.message
        for f in errors
    )
    assert all(f.seed and f.section for f in report.findings)


def test_unknown_county_is_a_lookup_error(db):
    with pytest.raises(LookupError):
        evaluate("nosuch", on=START)


def test_the_working_committee_is_appointed_from_the_steering_group(county):
    # 001 "Arbetsutskott länsstyrgruppen": "Arbetsutskottet utses från länsstyrgruppen".
    lead = member_from(county, "norrbottens-kommuner", LSG, "collaboration-lead")
    appoint(lead.person, "lansstyrgrupp-au", "collaboration-lead")
    outsider = person(organisation(county, "region-norrbotten", "health_care"), "Per Rova")
    appoint(outsider, "lansstyrgrupp-au", "region-coordinator")
    results = findings(evaluate("norrbotten", on=START), "working-committee")
    assert {(f.seat, f.severity) for f in results} == {
        ("collaboration-lead", OK),
        ("region-coordinator", ERROR),
    }
    [wrong] = [f for f in results if f.severity == ERROR]
    assert "Per Rova" in wrong.message and "Länsstyrgruppen" in wrong.message


def test_a_term_ending_without_successor_is_a_warning(county):
    import datetime

    from structure.compliance import WARNING

    leaving = member_from(county, "lulea", LSG, "social-chiefs", ends=datetime.date(2026, 2, 15))
    [warning] = findings(evaluate("norrbotten", on=START), "term-ending")
    assert warning.severity == WARNING and "2026-02-15" in warning.message
    appoint(
        person(organisation(county, "lulea")),
        LSG,
        "social-chiefs",
        starts=datetime.date(2026, 2, 16),
    )
    assert findings(evaluate("norrbotten", on=START), "term-ending") == []
    assert leaving.person.name
