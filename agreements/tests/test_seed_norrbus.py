"""Seed 004 (Norrbus) as encoded: the individual level's numbers, areas and dispute path."""

import pytest

from agreements.registry import Catalogue


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


@pytest.fixture(scope="module")
def norrbus(catalogue):
    return catalogue.find("norrbotten", "norrbus").agreement


def test_a_guideline_beside_the_agreement_in_force(catalogue, norrbus):
    assert norrbus.document.kind == "guideline"
    assert catalogue.structure_agreement("norrbotten").document_id == "lansstyrgrupp"
    assert catalogue.structure_agreement("norrbotten").version == 2
    assert len(norrbus.document.signatories) == 2


def test_five_areas_where_the_agreement_has_four(catalogue, norrbus):
    # "Länsdelssamverkan kommer att ske i fem geografiska områden. Luleå/Boden, Östra Norrbotten,
    # Malmfältskommunerna (Gällivare, Jokkmokk och Pajala), Pite älvdal, samt Kiruna kommun."
    areas = {a.name: a.municipalities for a in norrbus.areas}
    assert len(areas) == 5
    assert areas["Malmfältskommunerna"] == ["gallivare", "jokkmokk", "pajala"]
    assert areas["Kiruna kommun"] == ["kiruna"]
    assert areas["Luleå/Boden"] == ["lulea", "boden"]
    agreement = catalogue.structure_agreement("norrbotten").agreement
    assert len(agreement.areas) == 4
    assert sorted(m for a in norrbus.areas for m in a.municipalities) == sorted(
        p.id for p in norrbus.municipalities
    )
    assert len(norrbus.municipalities) == 14


def test_notice_within_five_working_days_of_consent(norrbus):
    notice = norrbus.individual.network_meeting.notice
    assert notice.working_days == 5 and "samtycke" in notice.from_event


def test_meeting_within_ten_working_days_or_as_soon_as_possible_when_acute(norrbus):
    meeting = norrbus.individual.network_meeting.meeting
    assert meeting.working_days == 10 and meeting.acute == "as_soon_as_possible"
    assert "beslut" in meeting.from_event
    assert "chef" in norrbus.individual.network_meeting.decided_by


def test_sip_the_four_points_of_the_law_consent_and_approval(norrbus):
    sip = norrbus.individual.sip
    assert len(sip.required_points) == 4
    assert sip.required_points[3].startswith("vem av huvudmännen")
    assert sip.consent_required and sip.approval_required and sip.no_further_action_documented
    assert "Socialtjänstlagen kap 2 § 7" in sip.legal_basis


def test_coordinator_and_plan_owner(norrbus):
    coordinator = norrbus.individual.coordinator
    assert len(coordinator.duties) == 4 and coordinator.preferred_sector == "social_services"
    plan_owner = norrbus.individual.plan_owner
    assert set(plan_owner.required_when_coordinator_outside) == {"social_services", "health_care"}


def test_placement_costs_settled_within_ten_working_days_when_acute(norrbus):
    placement = norrbus.individual.placement
    assert placement.coordination_by == "social_services"
    assert placement.cost_allocation.acute_working_days == 10
    assert placement.cost_allocation.from_event == "beslut om placering"
    assert len(placement.responsibilities) == 2


def test_target_group_up_to_and_including_twenty(norrbus):
    assert norrbus.individual.target_group.max_age == 20


def test_disputes_climb_municipality_area_county(norrbus):
    [path] = norrbus.matter_flow.dispute_paths
    assert path.steps == ["kommungrupp", "lansdelsgrupp", "lansstyrgrupp"]


def test_deviations_and_attachments(norrbus):
    assert "bilaga 5" in norrbus.individual.deviations.form
    assert [a.number for a in norrbus.individual.attachments] == [1, 2, 3, 4, 5]
