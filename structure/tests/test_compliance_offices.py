"""Compliance of offices: held, rotated as the agreement says, not overlapping (seeds 001, 002)."""

import datetime

import pytest

from structure.compliance import ERROR, OK, evaluate

from .builders import loaded_county, office_term

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def office_findings(report, rule, body, role):
    return [f for f in report.findings if f.rule == rule and f.body == body and f.seat == role]


@pytest.fixture
def norrbotten():
    return loaded_county("norrbotten")


@pytest.fixture
def vasterbotten():
    return loaded_county("vasterbotten")


def test_a_chair_that_stays_with_the_region_breaks_the_yearly_alternation(norrbotten):
    # 001 "Arbetsformer länsstyrgruppen": ordförandeskapet växlar årsvis mellan parterna.
    office_term(
        norrbotten,
        "lansstyrgrupp",
        "chair",
        "region-norrbotten",
        starts=D("2025-01-01"),
        ends=D("2025-12-31"),
    )
    office_term(norrbotten, "lansstyrgrupp", "chair", "region-norrbotten", starts=D("2026-01-01"))
    report = evaluate("norrbotten", on=D("2026-06-01"))
    rotation = office_findings(report, "office-rotation", "lansstyrgrupp", "chair")
    [wrong] = [f for f in rotation if f.severity == ERROR]
    [right] = [f for f in rotation if f.severity == OK]
    assert "2026-01-01" in wrong.message and "Region Norrbotten" in wrong.message
    assert "2025-01-01" in right.message
    assert wrong.section == "Arbetsformer länsstyrgruppen"


def test_alternating_chairs_comply(norrbotten):
    office_term(
        norrbotten,
        "lansstyrgrupp",
        "chair",
        "region-norrbotten",
        starts=D("2025-01-01"),
        ends=D("2025-12-31"),
    )
    office_term(norrbotten, "lansstyrgrupp", "chair", "lulea", starts=D("2026-01-01"))
    report = evaluate("norrbotten", on=D("2026-06-01"))
    assert {
        f.severity for f in office_findings(report, "office-rotation", "lansstyrgrupp", "chair")
    } == {OK}
    assert [
        f.severity for f in office_findings(report, "office-filled", "lansstyrgrupp", "chair")
    ] == [OK]


def test_an_unheld_office_is_an_error(norrbotten):
    report = evaluate("norrbotten", on=D("2026-06-01"))
    [secretary] = office_findings(report, "office-filled", "lansstyrgrupp", "secretary")
    assert secretary.severity == ERROR


def test_a_longer_term_needs_the_groups_recorded_decision(vasterbotten):
    # 002 5.1.3: "kan efter enigt beslut i gruppen löpa på längre tid än ett år".
    office_term(
        vasterbotten,
        "samrad-vard-omsorg",
        "chair",
        "region-vasterbotten",
        starts=D("2025-01-01"),
        ends=D("2026-12-31"),
    )
    report = evaluate("vasterbotten", on=D("2026-06-01"))
    [finding] = office_findings(report, "office-rotation", "samrad-vard-omsorg", "chair")
    assert finding.severity == ERROR

    from structure.models import OfficeTerm

    OfficeTerm.objects.update(exception="Enigt beslut i Samrådet 2024-11-20, § 12")
    report = evaluate("vasterbotten", on=D("2026-06-01"))
    [finding] = office_findings(report, "office-rotation", "samrad-vard-omsorg", "chair")
    assert finding.severity == OK


def test_vice_chair_from_the_same_principal_as_the_chair(vasterbotten):
    office_term(
        vasterbotten,
        "samrad-vard-omsorg",
        "chair",
        "region-vasterbotten",
        starts=D("2026-01-01"),
        ends=D("2026-12-31"),
    )
    office_term(
        vasterbotten,
        "samrad-vard-omsorg",
        "vice_chair",
        "region-vasterbotten",
        starts=D("2026-01-01"),
        ends=D("2026-12-31"),
    )
    report = evaluate("vasterbotten", on=D("2026-06-01"))
    [vice] = office_findings(report, "office-rotation", "samrad-vard-omsorg", "vice_chair")
    assert vice.severity == ERROR


def test_overlapping_chairs(norrbotten):
    office_term(
        norrbotten,
        "lansstyrgrupp",
        "chair",
        "region-norrbotten",
        starts=D("2026-01-01"),
        ends=D("2026-12-31"),
    )
    office_term(norrbotten, "lansstyrgrupp", "chair", "lulea", starts=D("2026-06-01"))
    report = evaluate("norrbotten", on=D("2026-07-01"))
    [overlap] = office_findings(report, "overlapping-terms", "lansstyrgrupp", "chair")
    assert overlap.severity == ERROR and "2026-06-01" in overlap.message
