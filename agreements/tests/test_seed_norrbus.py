"""Seed 004 (Norrbus) as encoded: every number it states, through the catalogue.

Norrbus is Norrbotten's guideline for the individual level; the quotes in the tests are the seed's.
"""

import datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from agreements.models import Agreement
from agreements.registry import Catalogue
from agreements.schema import Sourced
from agreements.services import load_county
from agreements.validation import validate_text
from workdays.calendar import add_working_days

NORRBUS = Path(__file__).resolve().parents[1] / "data" / "norrbotten" / "norrbus-v1.yaml"
SEED_001 = "001_47e6bb73daa8c2fc.txt"


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


@pytest.fixture(scope="module")
def entry(catalogue):
    return catalogue.find("norrbotten", "norrbus")


@pytest.fixture(scope="module")
def norrbus(entry):
    return entry.agreement


def sourced_elements(value) -> list[Sourced]:
    """Every element of the file that carries a source."""
    found = [value] if isinstance(value, Sourced) else []
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += sourced_elements(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            found += sourced_elements(item)
    return found


# The document and the structure agreement


def test_a_guideline_in_force_that_leaves_the_structure_to_the_agreement(catalogue, entry):
    assert entry.agreement.document.kind == "guideline"
    assert entry.version == 1 and catalogue.is_in_force(entry)
    structure = catalogue.structure_agreement("norrbotten")
    assert (structure.document_id, structure.version) == ("lansstyrgrupp", 2)
    assert catalogue.find("norrbotten").document_id == "lansstyrgrupp"


def test_parties_the_landsting_the_association_and_fourteen_municipalities(norrbus):
    # "Norrbottens läns landsting och Norrbottens 14 kommuner"; signed for the landsting and
    # Kommunförbundet Norrbotten.
    kinds = {p.id: p.kind for p in norrbus.parties}
    assert kinds["region-norrbotten"] == "region"
    assert norrbus.party("region-norrbotten").name == "Norrbottens läns landsting"
    assert kinds["norrbottens-kommuner"] == "association"
    assert norrbus.county.municipality_count == 14 == len(norrbus.municipalities)
    assert [s.split(",")[0] for s in norrbus.document.signatories] == [
        "Kent Ögren",
        "Karl Petersen",
    ]
    assert norrbus.individual.target_groups[0].max_age == 20


def test_the_years_it_states(norrbus):
    document = norrbus.document
    assert "2008" in document.revised[0]
    assert "december 2010" in document.note and "reviderad 2013" in document.note
    assert "2013/2014" in document.label
    assert "2013/2014" in norrbus.body("lansdelsgrupp").description
    assert "1 januari 2009" in norrbus.individual.sip.provisions[0]
    social = next(a for a in norrbus.individual.actors if a.id == "socialtjansten")
    assert any("kap 5 § 1a" in text and "2003" in text for text in social.responsibilities)


# The headings of seed 004, as it writes them.
HEADINGS = {
    "Förord",
    "Mål för samverkan",
    "Grundläggande värderingar",
    "Målgrupp",
    "Vägledande principer",
    "Aktörernas grunder för sitt uppdrag",
    "Samverkansskyldighet - informationsskyldighet",
    "Samordnad individuell plan (SIP)",
    "Samverkan med brukarorganisationer",
    "Vem ansvarar för vad?",
    "Skolan",
    "Skolan som samverkanspart",
    "Elevhälsa",
    "Socialtjänsten",
    "Primärvården",
    "Folktandvården",
    "Barnsjukvården",
    "Vuxenpsykiatrin",
    "Arbetsmodell för samverkan",
    "Samordnad planering – nätverksmöte",
    "Samordnare",
    "Planansvarig",
    "Vård utanför det egna hemmet",
    "Hälsoundersökningar",
    "Kostnadsfördelning vid placering utanför hemmet",
    "Oenighet vid tillämpning av riktlinjer",
    "Avvikelsehantering",
    "Länsnivå",
    "Politisk samverkansberedning",
    "Länsstyrgrupp",
    "Länsdelsnivå",
    "Kommunnivå",
    "Bilagor",
}


def test_every_element_cites_a_heading_of_its_seed(norrbus):
    elements = sourced_elements(norrbus)
    cited = {element.source.section for element in elements if not element.source.seed}
    assert cited <= HEADINGS
    assert {element.source.seed for element in elements} == {None, SEED_001}


# Areas


def test_five_areas_where_the_agreement_has_four(catalogue, norrbus):
    # "Länsdelssamverkan kommer att ske i fem geografiska områden. Luleå/Boden, Östra Norrbotten,
    # Malmfältskommunerna (Gällivare, Jokkmokk och Pajala), Pite älvdal, samt Kiruna kommun."
    areas = {a.name: a.municipalities for a in norrbus.areas}
    assert list(areas) == [
        "Luleå/Boden",
        "Östra Norrbotten",
        "Malmfältskommunerna",
        "Pite älvdal",
        "Kiruna kommun",
    ]
    assert areas["Luleå/Boden"] == ["lulea", "boden"]
    assert areas["Malmfältskommunerna"] == ["gallivare", "jokkmokk", "pajala"]
    assert areas["Kiruna kommun"] == ["kiruna"]
    assert sorted(m for ms in areas.values() for m in ms) == sorted(
        p.id for p in norrbus.municipalities
    )
    agreement = catalogue.structure_agreement("norrbotten").agreement
    assert len(agreement.areas) == 4
    # The agreement's Norra Norrbotten is Norrbus' Malmfälten and Kiruna together.
    north = next(a for a in agreement.areas if a.id == "norra-norrbotten")
    assert set(north.municipalities) == {"gallivare", "jokkmokk", "pajala", "kiruna"}


def test_the_areas_norrbus_does_not_fill_in_cite_the_agreement(catalogue, norrbus):
    agreement = catalogue.structure_agreement("norrbotten").agreement
    borrowed = [a for a in norrbus.areas if a.source.seed]
    assert [a.id for a in borrowed] == ["ostra-norrbotten", "pite-alvdal"]
    for area in borrowed:
        assert area.source.seed == SEED_001 and area.note
        assert area.municipalities == next(
            a.municipalities for a in agreement.areas if a.id == area.id
        )
    named_by_norrbus = {"lulea", "boden", "gallivare", "jokkmokk", "pajala", "kiruna"}
    for party in norrbus.municipalities:
        assert (party.source.seed is None) == (party.id in named_by_norrbus)


# Bodies, levels and the dispute path


def test_the_groups_on_each_level_with_their_mandates(norrbus):
    levels = {b.id: b.level for b in norrbus.bodies}
    assert levels == {
        "politisk-samverkansberedning": "county",
        "lansstyrgrupp": "county",
        "lansdelsgrupp": "area",
        "kommungrupp": "municipal",
    }
    assert len(norrbus.body("lansstyrgrupp").mandate) == 4
    assert norrbus.body("lansstyrgrupp").mandate[0].text == "Att utse ansvarig i respektive länsdel"
    area_group = norrbus.body("lansdelsgrupp")
    assert area_group.instances == "per_area" and len(area_group.mandate) == 8
    assert [s.role for s in area_group.seats][0] == "Närsjukvårdschef"
    [chair] = area_group.offices
    assert chair.rotation.kind == "fixed" and chair.rotation.holder.seat == "local-care-chief"
    municipal = norrbus.body("kommungrupp")
    assert municipal.instances == "per_municipality"
    assert "polis" in municipal.co_opted[0].role
    # "Sammansättning" of the länsstyrgrupp: five kinds of members, numbers only where singular.
    steering = norrbus.body("lansstyrgrupp")
    assert [s.count.exact for s in steering.seats] == [None, None, None, 1, 1]


def test_disputes_climb_municipality_area_county(norrbus):
    # "i första hand lösas på kommunnivå i andra hand på länsdelsnivå. Frågor som inte kan lösas
    # på länsdelsnivå aktualiseras i länsstyrgruppen"
    [path] = norrbus.matter_flow.dispute_paths
    assert path.steps == ["kommungrupp", "lansdelsgrupp", "lansstyrgrupp"]
    assert [norrbus.body(step).level for step in path.steps] == ["municipal", "area", "county"]
    ranks = [norrbus.level(norrbus.body(step).level).rank for step in path.steps]
    assert ranks == sorted(ranks, reverse=True)
    escalations = [
        (r.source_body, r.target_body) for r in norrbus.relations if r.kind == "escalates_to"
    ]
    assert escalations == list(zip(path.steps, path.steps[1:], strict=False))


# The working model's deadlines


def test_notice_within_five_working_days_of_consent(norrbus):
    # "När de lämnat sitt samtycke ska en kallelse göras, senast inom fem arbetsdagar."
    notice = norrbus.individual.network_meeting.notice
    assert notice.working_days == 5
    assert notice.from_event.startswith("samtycke")
    assert notice.acute is None and notice.acute_working_days is None
    assert notice.source.section == "Arbetsmodell för samverkan"


def test_meeting_within_ten_working_days_of_the_decision_or_as_soon_as_possible(norrbus):
    # "Vid akuta ärenden ska mötet komma till stånd snarast möjligt. I övriga ärenden senast inom
    # 10 arbetsdagar."
    meeting = norrbus.individual.network_meeting.meeting
    assert meeting.working_days == 10 and meeting.acute == "as_soon_as_possible"
    assert meeting.acute_working_days is None
    assert meeting.from_event.startswith("beslut om att kalla")
    assert meeting.source.section == "Samordnad planering – nätverksmöte"


def test_the_unit_manager_decides_to_call_and_who_takes_part(norrbus):
    rules = norrbus.individual.network_meeting
    assert rules.decided_by.startswith("Närmaste ansvarig chef")
    assert rules.raised_by.startswith("Den yrkesutövare som uppmärksammar")
    assert "föräldrar" in rules.participants and "chefen" in rules.participants
    assert rules.priority


def test_working_days_skip_weekends_and_midsummer_eve(norrbus):
    # Consent on Friday 14 June 2024: Mon–Thu count, midsommarafton (21 June) does not.
    notice = norrbus.individual.network_meeting.notice
    assert add_working_days(datetime.date(2024, 6, 14), notice.working_days) == datetime.date(
        2024, 6, 24
    )
    meeting = norrbus.individual.network_meeting.meeting
    assert add_working_days(datetime.date(2024, 6, 14), meeting.working_days) == datetime.date(
        2024, 7, 1
    )


# SIP, coordinator and plan owner


def test_sip_the_four_points_of_the_law(norrbus):
    sip = norrbus.individual.sip
    assert sip.legal_basis == ["Hälso- och sjukvårdslagen § 3 f", "Socialtjänstlagen kap 2 § 7"]
    assert sip.required_points == [
        "vilka insatser som behövs",
        "vilka insatser respektive huvudman ska svara för",
        "vilka åtgärder som vidtas av någon annan än landstinget eller kommunen",
        "vem av huvudmännen som ska ha det övergripande ansvaret för planen",
    ]
    assert sip.consent_required and sip.approval_required
    assert sip.start_without_delay and sip.no_further_action_documented
    assert "hur uppföljning ska ske" in sip.plan_contents
    assert len(sip.plan_contents) == 5
    assert any("ersätter inte" in text for text in sip.provisions)
    assert sip.school_role.startswith("Motsvarande lagtext finns inte i skollagen")


def test_coordinator_named_by_the_meeting_with_four_duties(norrbus):
    coordinator = norrbus.individual.coordinator
    assert coordinator.named_by == "Nätverksmötet"
    assert coordinator.duties == [
        "bevaka barnets/den unges perspektiv",
        "värna om föräldrars delaktighet",
        "kalla till nya nätverksmöten",
        "säkerställa att uppföljning sker enligt beslut i den samordnade individuella planen",
    ]
    assert coordinator.preferred_sector == "social_services"
    assert coordinator.preferred_when == "socialtjänsten har insatser utöver tidiga insatser"
    assert coordinator.family_may_express_views


def test_plan_owner_when_the_coordinator_is_from_neither_social_services_nor_health_care(
    norrbus,
):
    plan_owner = norrbus.individual.plan_owner
    assert plan_owner.required_when_coordinator_outside == ["social_services", "health_care"]
    assert plan_owner.from_sectors == ["social_services", "health_care"]
    assert plan_owner.source.section == "Planansvarig"


# Placement, deviations, attachments


def test_placement_costs_settled_within_ten_working_days_when_acute(norrbus):
    # "Vid akut placering ska kostnadsfördelningen vara klarlagd senast tio arbetsdagar efter
    # beslut om placering."
    placement = norrbus.individual.placement
    assert placement.coordination_by == "social_services"
    cost = placement.cost_allocation
    assert cost.acute_working_days == 10 and cost.working_days is None
    assert cost.from_event == "beslut om placering"
    assert "innan placering" in cost.text
    assert cost.source.section == "Kostnadsfördelning vid placering utanför hemmet"
    assert placement.health_examination_by.startswith("Primärvården")
    settings = [r.setting for r in placement.responsibilities]
    assert len(settings) == 2
    assert "SiS" in settings[0] and "Sunderby sjukhus" in settings[1]


def test_deviations_and_the_five_attachments(norrbus):
    deviations = norrbus.individual.deviations
    assert "bilaga 4" in deviations.routine and "bilaga 5" in deviations.form
    assert [(a.number, a.title) for a in norrbus.individual.attachments] == [
        (1, "Samverkansrutiner och checklista, gröna kortet"),
        (2, "Samordnad individuell plan (SIP), blankett"),
        (3, "Hälsoundersökning inför placering, rutin"),
        (4, "Avvikelsehantering, rutin"),
        (5, "Avvikelserapport, blankett"),
    ]


# The actors and their ages


def test_actors_ages_child_health_to_five_dental_care_to_nineteen_psychiatry_at_eighteen(
    norrbus,
):
    actors = {a.id: a for a in norrbus.individual.actors}
    assert (actors["barnavardscentralen"].min_age, actors["barnavardscentralen"].max_age) == (0, 5)
    assert actors["folktandvarden"].max_age == 19
    # Barnsjukvården "upp till 18 år", vuxenpsykiatrin "från 18 år": no gap, no overlap.
    assert actors["barnsjukvarden"].max_age + 1 == actors["vuxenpsykiatrin"].min_age == 18
    assert actors["familjecentraler-och-ungdomsmottagningar"].party_kind is None
    assert {a.party_kind for a in actors.values()} == {"municipality", "region", None}


def test_an_actor_with_an_unknown_unit_or_ages_the_wrong_way_round_is_refused():
    text = NORRBUS.read_text(encoding="utf-8")
    unknown = validate_text(text.replace("unit: folktandvard\n", "unit: tandvard\n"), "x.yaml")
    assert not unknown.valid
    assert any("tandvard" in str(problem) for problem in unknown.errors)
    reversed_ages = validate_text(text.replace("min_age: 18", "min_age: 30\n      max_age: 20"))
    assert not reversed_ages.valid


# Loading


def test_loading_twice_keeps_the_guideline_beside_the_structure_agreement(db):
    load_county("norrbotten")
    report = load_county("norrbotten")
    assert "norrbus version 1" in report.unchanged and report.created == report.updated == []
    row = Agreement.objects.get(county__slug="norrbotten", document_id="norrbus")
    assert row.in_force and row.kind == "guideline"
    assert row.areas.count() == 5
    structure = Agreement.objects.structure_in_force(county__slug="norrbotten")
    assert (structure.document_id, structure.version) == ("lansstyrgrupp", 2)
    assert row.document.individual.network_meeting.meeting.working_days == 10
