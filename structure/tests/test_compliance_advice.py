"""Recommendations are advice: a departure is said, never an error (seed 003).

HälSam's presidium: "Respektive socialpresidium och skolpresidium på länsnivå väljer sin
representant bland ordförandena. En rekommendation är att dessa väljs från olika kommuner"
(003 "Politisk samverkan inom HälSam")."""

import pytest

from structure.compliance import ADVICE, ERROR, OK, RULE_NAMES, RULES, evaluate

from .builders import START, loaded_county, member_from

pytestmark = pytest.mark.django_db
PRESIDIUM = "presidium"


@pytest.fixture
def county():
    return loaded_county("vasternorrland")


def spread(report):
    return [f for f in report.findings if f.rule == "different-municipalities"]


def test_both_municipal_chairs_from_one_municipality_is_advice_not_an_error(county):
    member_from(county, "sundsvall", PRESIDIUM, "social-presidium-chair", sector="political")
    member_from(county, "sundsvall", PRESIDIUM, "school-presidium-chair", sector="political")
    report = evaluate("vasternorrland", on=START)
    [advice] = spread(report)
    assert advice.severity == ADVICE
    assert "Sundsvalls kommun" in advice.message and "rekommenderar" in advice.message
    assert advice.section == "Politisk samverkan inom HälSam"
    assert advice.document.startswith("Samverkansstruktur för HälSam")
    assert advice in report.problems
    # Advice never makes a report fail.
    assert not any(
        f.severity == ERROR and f.rule == "different-municipalities" for f in report.findings
    )


def test_chairs_from_two_municipalities_follow_the_recommendation(county):
    member_from(county, "sundsvall", PRESIDIUM, "social-presidium-chair", sector="political")
    member_from(county, "ange", PRESIDIUM, "school-presidium-chair", sector="political")
    assert {f.severity for f in spread(evaluate("vasternorrland", on=START))} == {OK}


def test_a_required_count_stays_an_error_where_a_suggested_one_would_be_advice(county):
    # The presidium's seats are required ("väljer sin representant"): none is an error.
    report = evaluate("vasternorrland", on=START)
    counts = [f for f in report.findings if f.rule == "seat-count" and f.body == PRESIDIUM]
    assert counts and all(f.severity == ERROR for f in counts)


def test_every_rule_is_named_and_cites_document_and_section(county):
    # The registry in one place: each rule has the name the filters show.
    assert set(RULES) == set(RULE_NAMES)
    report = evaluate("vasternorrland", on=START)
    assert all(f.document and f.section and f.citation for f in report.findings)
    assert not any(".txt" in f.citation for f in report.findings)
