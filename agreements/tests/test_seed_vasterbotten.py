"""Seed 002 (Västerbotten) as encoded: every number the seed states, checked through the
catalogue, and `samverkan agreement show vasterbotten` reading true in English (the msgids) and in
whatever Swedish the translation has.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from agreements.presentation import render_text
from agreements.registry import Catalogue

MUNICIPALITIES = {
    "Nordmalings kommun": "2401",
    "Bjurholms kommun": "2403",
    "Vindelns kommun": "2404",
    "Robertsfors kommun": "2409",
    "Norsjö kommun": "2417",
    "Malå kommun": "2418",
    "Storumans kommun": "2421",
    "Sorsele kommun": "2422",
    "Dorotea kommun": "2425",
    "Vännäs kommun": "2460",
    "Vilhelmina kommun": "2462",
    "Åsele kommun": "2463",
    "Umeå kommun": "2480",
    "Lycksele kommun": "2481",
    "Skellefteå kommun": "2482",
}

EFFECT_GOALS = [
    "Tydligare samverkansstruktur",
    "Större kontinuitet i samverkan",
    "Effektivare samverkansorganisation",
    "Effektivare mötesstruktur",
    "God samverkanskultur och stärkta relationer",
]

# The two bodies of 5.1.3 and 6.1.3: the region's members and substitutes, and the word the
# seed uses for when a substitute steps in.
REPRESENTATION = pytest.mark.parametrize(
    ("body_id", "region_seats", "when"),
    [
        ("samrad-vard-omsorg", 3, "Ersättare deltar vid ordinarie representants frånvaro."),
        ("lanssamverkansgrupp", 4, "Ersättare träder in vid ordinarie representants frånvaro."),
    ],
)


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


@pytest.fixture(scope="module")
def agreement(catalogue):
    return catalogue.find("vasterbotten").agreement


def seat(agreement, body_id, seat_id):
    return next(s for s in agreement.body(body_id).seats if s.id == seat_id)


def offices(agreement, body_id):
    return {o.role: o for o in agreement.body(body_id).offices}


def relations(agreement):
    return {(r.kind, r.source_body, r.target_body) for r in agreement.relations}


def sv(msgid, **values):
    with translation.override("sv"):
        text = gettext(msgid)
    return text % values if values else text


# The document


def test_one_version_in_force_from_seed_002(catalogue, agreement):
    [entry] = catalogue.documents("vasterbotten")["samverkan-vard-omsorg"]
    assert catalogue.is_in_force(entry) and catalogue.structure_agreement("vasterbotten") is entry
    assert entry.agreement is agreement
    assert agreement.document.seed == "002_49e81f7be204c1a6.txt"
    assert agreement.document.kind == "agreement" and agreement.document.version == 1
    # The seed carries no date and no signatures.
    assert agreement.document.adopted is None and agreement.document.signatories == []


def test_fifteen_municipalities_and_the_region(agreement):
    assert agreement.county.scb_code == "24"
    # The seed names no number: the fifteen are SCB's, and the file says where they come from.
    assert len(agreement.municipalities) == 15 and agreement.county.municipality_count is None
    assert agreement.county.codes_source.section == "Västerbottens län (24)"
    assert {p.name: p.scb_code for p in agreement.municipalities} == MUNICIPALITIES
    others = [(p.id, p.kind) for p in agreement.parties if p.kind != "municipality"]
    assert others == [("region-vasterbotten", "region")]


def test_no_areas_and_the_levels_the_seed_names(agreement):
    assert agreement.areas == []
    assert [(lv.id, lv.rank) for lv in agreement.levels] == [
        ("political", 0),
        ("county", 1),
        ("municipal", 2),
    ]
    assert not [b for b in agreement.bodies if b.level == "municipal"]


def test_the_eight_main_points_and_the_purpose(agreement):
    assert len(agreement.principles) == 8
    assert "Beslut kan endast fattas i linjen hos huvudmännen" in agreement.principles
    assert "Samverkanssystemet ska stödjas av koordinatorer" in agreement.principles
    assert len(agreement.purpose) == 2
    assert "hösten 2020" in agreement.goals[0]


# Representation (5.1.3, 6.1.3)


@REPRESENTATION
def test_one_member_and_one_substitute_per_municipality(agreement, body_id, region_seats, when):
    municipal = seat(agreement, body_id, "municipal-representatives")
    assert municipal.party_kind == "municipality" and municipal.per == "municipality"
    assert municipal.count.exact == 1
    assert municipal.substitutes.count.exact == 1 and municipal.substitutes.when == when


@REPRESENTATION
def test_umea_and_skelleftea_up_to_two_and_two(agreement, body_id, region_seats, when):
    municipal = seat(agreement, body_id, "municipal-representatives")
    exceptions = {
        e.party: (e.count.min, e.count.max, e.substitutes.min, e.substitutes.max)
        for e in municipal.exceptions
    }
    assert exceptions == {"umea": (1, 2, 1, 2), "skelleftea": (1, 2, 1, 2)}


@REPRESENTATION
def test_region_three_and_three_in_samradet_four_and_four_in_the_lsg(
    agreement, body_id, region_seats, when
):
    region = seat(agreement, body_id, "region-representatives")
    assert region.party == "region-vasterbotten" and region.count.exact == region_seats
    # One substitute for each ordinary member: three and three, four and four.
    assert region.substitutes.count.exact == 1 and region.substitutes.when == when
    assert region.count.exact * region.substitutes.count.exact == region_seats


def test_the_smallest_and_largest_lsg_the_rules_allow(agreement):
    # 15 municipalities, Umeå and Skellefteå one more each, 4 from the region, and the chairs
    # of the two preparatory committees.
    lsg = agreement.body("lanssamverkansgrupp")
    fixed = sum(s.count.exact for s in lsg.seats if s.per == "body")
    assert fixed == 4 + 1 + 1
    municipal = seat(agreement, "lanssamverkansgrupp", "municipal-representatives")
    extra = sum(e.count.max - municipal.count.exact for e in municipal.exceptions)
    assert (15 + fixed, 15 + extra + fixed) == (21, 23)


def test_samradet_is_political_the_lsg_is_officials(agreement):
    assert {s.sector for s in agreement.body("samrad-vard-omsorg").seats} == {"political"}
    assert {s.sector for s in agreement.body("lanssamverkansgrupp").seats} == {None}


def test_the_committee_chairs_sit_in_the_lsg_and_the_council_chairs_are_co_opted(agreement):
    chairs = {
        s.id: s.ex_officio
        for s in agreement.body("lanssamverkansgrupp").seats
        if s.ex_officio is not None
    }
    assert chairs == {
        "chair-children-young": "Ordförande i Beredning för barn och unga",
        "chair-adults-elderly": "Ordförande i Beredning för vuxna och äldre",
    }
    co_opted = agreement.body("lanssamverkansgrupp").co_opted
    assert [(c.from_body, c.when) for c in co_opted] == [
        ("hjalpmedelsradet", "vid behov"),
        ("samverkansrad-patientsakerhet", "vid behov"),
    ]


# Offices (5.1.3, 6.1.4)


@pytest.mark.parametrize(
    ("body_id", "extension"),
    [
        ("samrad-vard-omsorg", "efter enigt beslut i gruppen"),
        ("lanssamverkansgrupp", "efter beslut i gruppen"),
    ],
)
def test_chair_and_vice_from_different_principals_each_calendar_year(agreement, body_id, extension):
    found = offices(agreement, body_id)
    chair, vice = found["chair"], found["vice_chair"]
    for office in (chair, vice):
        assert office.term.years == 1 and office.term.calendar_year
        # Longer than a year only by the group's decision: unanimous in Samrådet only.
        assert extension in office.term.extension
    assert chair.rotation.kind == "alternate"
    assert [s.party_kind for s in chair.rotation.between] == ["region", "municipality"]
    assert chair.rotation.starts_with is None
    assert (vice.rotation.kind, vice.rotation.of) == ("opposite", "chair")


def test_the_lsg_chair_presents_matters_in_samradet(agreement):
    rapporteur = offices(agreement, "samrad-vard-omsorg")["rapporteur"]
    assert rapporteur.rotation.kind == "fixed"
    assert rapporteur.rotation.holder.body == "lanssamverkansgrupp"


@pytest.mark.parametrize(
    ("committee", "body_id"),
    [
        ("samrad-vard-omsorg-au", "samrad-vard-omsorg"),
        ("lanssamverkansgrupp-au", "lanssamverkansgrupp"),
    ],
)
def test_working_committees_of_the_chair_and_vice_chair(agreement, committee, body_id):
    au = agreement.body(committee)
    assert au.kind == "working_committee" and au.size is None
    assert [(s.id, s.count.exact) for s in au.seats] == [("chair", 1), ("vice-chair", 1)]
    assert {
        ("working_committee_of", committee, body_id),
        ("prepares_for", committee, body_id),
    } <= relations(agreement)
    assert agreement.body(body_id).meetings.prepared_by.body == committee


# Meetings


@pytest.mark.parametrize(
    "body_id",
    ["samrad-vard-omsorg", "lanssamverkansgrupp", "politiskt-samrad-sarskilda-fragor"],
)
def test_no_meeting_frequency_the_seed_does_not_state(agreement, body_id):
    meetings = agreement.body(body_id).meetings
    assert meetings.per_year is None and meetings.hours is None
    assert meetings.theme_days == []


def test_the_yearly_leadership_seminar(agreement):
    seminar = agreement.body("ledningsseminarium")
    assert seminar.kind == "leadership_seminar"
    assert seminar.meetings.per_year.exact == 1
    assert len(seminar.mandate) == 4
    assert {
        ("steers", "samrad-vard-omsorg", "ledningsseminarium"),
        ("prepares_for", "lanssamverkansgrupp", "ledningsseminarium"),
        ("staffs", "regionala-koordinatorer", "ledningsseminarium"),
    } <= relations(agreement)


def test_bilateral_consultation_with_umea_skelleftea_and_lycksele(agreement):
    bilateral = agreement.body("politiskt-samrad-sarskilda-fragor")
    assert bilateral.instances == "named"
    assert bilateral.named_instances == [
        "Umeå kommun och Region Västerbotten",
        "Skellefteå kommun och Region Västerbotten",
        "Lycksele kommun och Region Västerbotten",
    ]
    assert "hösten 2020" in bilateral.meetings.note and "vid behov" in bilateral.meetings.note
    convener = offices(agreement, "politiskt-samrad-sarskilda-fragor")["convener"]
    assert convener.description == "Kommunen sammankallar till första mötet."


# Mandates and the matter flow


def test_lsg_mandate_every_duty(agreement):
    lsg = agreement.body("lanssamverkansgrupp")
    assert lsg.short_name == "LSG" and lsg.kind == "county_steering_group"
    assert len(lsg.mandate) == 6
    assert (
        lsg.mandate[-1].text
        == "Bereder ärenden till det politiska organet Samråd för vård och omsorg."
    )
    assert any("finansiella samordningsförbund" in d.text for d in lsg.mandate)
    assert len(agreement.body("samrad-vard-omsorg").mandate) == 2


@pytest.mark.parametrize(
    "body_id",
    [
        "beredning-barn-unga",
        "beredning-vuxna-aldre",
        "hjalpmedelsradet",
        "samverkansrad-patientsakerhet",
    ],
)
def test_the_lsg_mandates_its_committees_and_councils_which_report_back(agreement, body_id):
    assert {
        ("mandates", "lanssamverkansgrupp", body_id),
        ("reports_to", body_id, "lanssamverkansgrupp"),
    } <= relations(agreement)
    assert agreement.body(body_id).seats == []


def test_matters_go_through_the_principals_lines(agreement):
    flow = agreement.matter_flow
    assert flow.decisions_by_principals and flow.via_line and flow.documented
    assert flow.routines_decided_by == "lanssamverkansgrupp"
    assert flow.dispute_paths == []
    assert ("prepares_for", "lanssamverkansgrupp", "samrad-vard-omsorg") in relations(agreement)
    assert ("mandates", "samrad-vard-omsorg", "lanssamverkansgrupp") in relations(agreement)
    assert ("escalates_to", "samrad-vard-omsorg", "regionledningsmote") in relations(agreement)
    assert agreement.body("regionledningsmote").part_of_structure is False


# Costs, follow-up, validity


def test_coordinators_two_full_time_hosted_by_the_region_shared_half_and_half(agreement):
    [cost] = agreement.cost_sharing
    assert cost.full_time_equivalents == Decimal("2.0")
    assert cost.hosted_by == "region-vasterbotten"
    assert sorted((s.party_kind, s.percent) for s in cost.shares) == [
        ("municipality", Decimal(50)),
        ("region", Decimal(50)),
    ]
    assert cost.own_costs.startswith("Respektive huvudman svarar för sina representanters")
    assert agreement.body("regionala-koordinatorer").kind == "support_function"


def test_follow_up_started_by_2023_09_01_against_five_effect_goals(agreement):
    [follow_up] = agreement.follow_up
    assert follow_up.due == datetime.date(2023, 9, 1)
    assert (follow_up.initiated_by, follow_up.decided_by, follow_up.reported_at) == (
        "lanssamverkansgrupp",
        "samrad-vard-omsorg",
        "ledningsseminarium",
    )
    assert [goal.goal for goal in follow_up.effect_goals] == EFFECT_GOALS


def test_until_further_notice_twelve_months_after_samradet_handles_the_notice(agreement):
    validity = agreement.validity
    assert validity.until_further_notice
    assert validity.valid_from is None and validity.valid_to is None
    termination = validity.termination
    assert termination.in_writing_to == "samrad-vard-omsorg"
    assert termination.notice_months == 12
    assert "behandlats av Samrådet för vård och omsorg" in termination.from_event


# The text form


def test_show_in_english_reads_like_the_agreement(agreement):
    with translation.override("en"):
        text = render_text(agreement, in_force=True)
    assert "agreement, version 1 (in force)\n" in text and ".txt" not in text
    assert "  - Skellefteå kommun (2482), municipality" in text
    assert text.count("- 1 per municipality × Representant (the municipalities)") == 2
    assert text.count("Umeå kommun: 1–2, substitutes: 1–2") == 2
    assert text.count("Skellefteå kommun: 1–2, substitutes: 1–2") == 2
    assert "- 3 × Representant (Region Västerbotten)" in text
    assert "- 4 × Representant (Region Västerbotten)" in text
    assert "substitutes: 1; Ersättare deltar vid ordinarie representants frånvaro." in text
    assert (
        "- chair: alternates: Region Västerbotten → Kommunerna; the document does not say who "
        "starts; utses inom gruppen; one year; calendar year; extension: Ordförandes och vice "
        "ordförandes uppdrag kan efter enigt beslut i gruppen"
    ) in text
    assert (
        "- vice chair: from the other principal than the chair; utses inom gruppen; one year; "
        "calendar year"
    ) in text
    assert "- Meetings per year: 1\n" in text
    assert "      the municipalities: 50 %\n      the region: 50 %" in text
    assert "2023-09-01)" in text
    for goal in EFFECT_GOALS:
        assert f"      · {goal}" in text
    assert "  Until further notice.\n  Notice of termination: 12 months" in text


def test_show_command_reads_true():
    out = io.StringIO()
    call_command("agreement", "show", "vasterbotten", stdout=out)
    text = out.getvalue()
    assert f"({sv('in force')})" in text and "002_49e81f7be204c1a6.txt" not in text
    for name, code in MUNICIPALITIES.items():
        assert f"  - {name} ({code}), " in text
    umea = "Umeå kommun: 1–2, " + sv("substitutes: %(count)s", count="1–2")
    assert text.count(umea) == 2
    assert "- 3 × Representant (Region Västerbotten)" in text
    assert "- 4 × Representant (Region Västerbotten)" in text
    assert sv("Meetings per year: %(n)s", n=1) in text
    assert "50 %" in text and "2023-09-01" in text
    assert all(goal in text for goal in EFFECT_GOALS)
    assert sv("Until further notice.") in text
    assert sv("Notice of termination: %(n)s months", n=12) in text
