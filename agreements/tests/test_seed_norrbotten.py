"""Seeds 000 and 001 (Norrbotten's agreement, earlier and later version) as encoded.

Every number the seeds state is checked through the catalogue, and `samverkan agreement show`
must read true: in English (the msgids) when rendered directly, and in whatever Swedish the
translation has when run as the command.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from agreements.diff import diff
from agreements.presentation import render_text
from agreements.registry import Catalogue

MUNICIPALITIES = {
    "Arvidsjaurs kommun": "2505",
    "Arjeplogs kommun": "2506",
    "Jokkmokks kommun": "2510",
    "Överkalix kommun": "2513",
    "Kalix kommun": "2514",
    "Övertorneå kommun": "2518",
    "Pajala kommun": "2521",
    "Gällivare kommun": "2523",
    "Älvsbyns kommun": "2560",
    "Luleå kommun": "2580",
    "Piteå kommun": "2581",
    "Bodens kommun": "2582",
    "Haparanda kommun": "2583",
    "Kiruna kommun": "2584",
}

AREAS = {
    "Boden/Luleå": ["boden", "lulea"],
    "Norra Norrbotten": ["gallivare", "jokkmokk", "kiruna", "pajala"],
    "Pite älvdal": ["arjeplog", "arvidsjaur", "pitea", "alvsbyn"],
    "Östra Norrbotten": ["haparanda", "kalix", "overkalix", "overtornea"],
}

STEERING_GROUP_MANDATE = [
    "Ansvara för att verkställa politiska beslut i gemensamma frågor",
    "Ta initiativ till och verka som styrgrupp för gemensamma strategiska utvecklings- och "
    "samverkansfrågor",
    "Ansvara för prioritering, uppföljning och utvärdering av gemensamma utvecklingsarbeten",
    "Upprätta och revidera styrdokument i form av överenskommelser, handlingsplaner, riktlinjer "
    "och rutiner",
    "Ansvara för implementering och uppföljning av länsövergripande överenskommelser och "
    "rekommendationer",
    "Ansvara för omvärldsbevakning i gemensamma frågor",
]

AREA_MANDATE = [
    "Genomföra uppdrag från länsstyrgruppen",
    "Styra, prioritera och samordna gemensamma strategiska utvecklings- och samverkansfrågor",
    "Styrgrupp för närsjukvårdsområdets gemensamma utvecklingsarbeten",
    "Följa upp och utvärdera verksamheten samt efterfråga resultat",
    "Identifiera och undanröja hinder för samverkan",
    "Upprätta och fortlöpande revidera lokala styrdokument",
    "Initiera och genomföra gemensam fortbildning, kompetensutveckling samt erfarenhetsutbyte",
    "Initiera utformning av struktur för samverkan på respektive kommunnivå",
    "Utse en ansvarig i varje kommun för samverkan på kommunnivå",
    "Ansvara för att arbetet kvalitetssäkras",
    "Omvärldsbevakning i gemensamma frågor",
]

# 001's "Region Norrbotten: divisionschef närsjukvård, medicinskt ansvarig närsjukvård, länschef
# barnsjukvård, länschef vuxenpsykiatri, verksamhetsdirektör, utvecklingsdirektör, chef Hälso-
# och sjukvårdsenheten/Samordnare".
REGION_ROLES_001 = [
    "Divisionschef närsjukvård",
    "Medicinskt ansvarig närsjukvård",
    "Länschef barnsjukvård",
    "Länschef vuxenpsykiatri",
    "Verksamhetsdirektör",
    "Utvecklingsdirektör",
    "Chef Hälso- och sjukvårdsenheten/Samordnare",
]

VERSIONS = pytest.mark.parametrize("version", [1, 2])


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


@pytest.fixture(scope="module")
def v1(catalogue):
    return catalogue.find("norrbotten", "lansstyrgrupp", 1).agreement


@pytest.fixture(scope="module")
def v2(catalogue):
    return catalogue.find("norrbotten", "lansstyrgrupp", 2).agreement


def norrbotten(catalogue, version):
    return catalogue.find("norrbotten", "lansstyrgrupp", version).agreement


def relations(agreement):
    return {(r.kind, r.source_body, r.target_body) for r in agreement.relations}


def seats(agreement, body_id):
    return {s.id: s for s in agreement.body(body_id).seats}


def offices(agreement, body_id):
    return {o.role: o for o in agreement.body(body_id).offices}


def sv(msgid, **values):
    with translation.override("sv"):
        text = gettext(msgid)
    return text % values if values else text


def show(*args):
    out = io.StringIO()
    call_command("agreement", "show", "norrbotten", *args, stdout=out)
    return out.getvalue()


def english(agreement, *, in_force):
    with translation.override("en"):
        return render_text(agreement, in_force=in_force)


# Versions


def test_version_two_is_in_force_and_version_one_is_kept(catalogue):
    versions = catalogue.documents("norrbotten")["lansstyrgrupp"]
    assert [e.version for e in versions] == [1, 2]
    first, second = versions
    assert catalogue.in_force("norrbotten", "lansstyrgrupp") is second
    assert catalogue.is_in_force(second) and not catalogue.is_in_force(first)
    assert catalogue.structure_agreement("norrbotten") is second
    assert catalogue.find("norrbotten") is second
    assert first.agreement.document.seed == "000_71db6b5aebb27fef.txt"
    assert second.agreement.document.seed == "001_47e6bb73daa8c2fc.txt"
    assert first.path.name == "lansstyrgrupp-v1.yaml"
    assert second.path.name == "lansstyrgrupp-v2.yaml"


def test_titles_as_the_seeds_write_them(v1, v2):
    assert v1.document.title == (
        "Överenskommelse om organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, "
        "socialtjänst och skola, mellan länets kommuner och Region Norrbotten"
    )
    assert v2.document.title == (
        "Organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, socialtjänst och "
        "skola"
    )


@VERSIONS
def test_no_date_signatures_validity_or_costs(catalogue, version):
    # Neither seed has a date, signatures, a validity clause or costs.
    agreement = norrbotten(catalogue, version)
    assert agreement.document.adopted is None and agreement.document.signatories == []
    assert agreement.validity is None
    assert agreement.cost_sharing == []


@VERSIONS
def test_the_steering_group_follows_up_the_effects_of_the_goal_with_no_date(catalogue, version):
    # "Ansvara för prioritering, uppföljning och utvärdering av gemensamma utvecklingsarbeten"
    # (Länsstyrgruppens uppdrag); the effects are the Målbild's; no date, no target.
    steering, area = norrbotten(catalogue, version).follow_up
    assert (steering.initiated_by, steering.reported_at, steering.due) == (
        "lansstyrgrupp",
        "lansstyrgrupp",
        None,
    )
    assert [goal.goal for goal in steering.effect_goals] == [
        "Trygghet och säkerhet för den enskilde",
        "Bättre nyttjande av de totala resurserna, personalens kompetens och ekonomiska medel",
    ]
    assert all(goal.targets == [] for goal in steering.effect_goals)
    assert area.subject == "Följa upp och utvärdera verksamheten samt efterfråga resultat"
    assert area.initiated_by == "lansdelsgrupp"


def test_from_000_to_001_only_what_the_seeds_change(v1, v2):
    with translation.override("en"):
        changes = diff(v1, v2)
    units = [c for c in changes if c.startswith("parties")]
    # 001 names the division ("divisionschef närsjukvård") and adult psychiatry's county chief.
    assert units == [
        "parties › Region Norrbotten › units › Division Närsjukvård › name: "
        "Närsjukvården → Division Närsjukvård",
        "parties › Region Norrbotten › units: added: Vuxenpsykiatrin",
    ]
    bodies = {c.split(" › ")[1] for c in changes if c.startswith("bodies")}
    assert bodies == {"Länsstyrgruppen", "Länsdelssamverkan", "Länsstyrgruppens arbetsutskott"}
    # 001 writes "Sammansatt" where 000 has "Sammankallande": the encoding reads it so, and says.
    [reading] = [c for c in changes if c.startswith("bodies › Länsstyrgruppens arbetsutskott")]
    assert reading.startswith(
        "bodies › Länsstyrgruppens arbetsutskott › offices › convener › interpretation: added "
    )
    assert [c for c in changes if c.startswith("bodies › Länsdelssamverkan")] == [
        "bodies › Länsdelssamverkan › note: Närsjukvård omfattar primärvård, medicin, "
        "vuxenpsykiatrin och akuta omhändertaganden. Barnsjukvården organiseras inom "
        "länssjukvården. → Närsjukvård omfattar primärvård, medicin, vuxenpsykiatri och akuta "
        "omhändertaganden. Barnsjukvården organiseras inom länssjukvården."
    ]


@VERSIONS
def test_seats_held_from_the_units_the_seeds_name(catalogue, version):
    agreement = norrbotten(catalogue, version)
    lsg = seats(agreement, "lansstyrgrupp")
    assert (lsg["social-chiefs"].unit, lsg["education-chiefs"].unit) == (
        "socialtjansten",
        "barn-och-utbildning",
    )
    assert lsg["region-coordinator"].unit == "halso-och-sjukvardsenheten"
    assert lsg["collaboration-lead"].unit == "social-valfard-och-utbildning"
    area = seats(agreement, "lansdelsgrupp")
    assert area["local-care-chief"].unit == "narsjukvard"
    assert area["child-care-chief"].unit == "barn-och-ungdomspsykiatri"


# Parties, areas, levels


@VERSIONS
def test_fourteen_municipalities_with_their_scb_codes(catalogue, version):
    agreement = norrbotten(catalogue, version)
    assert agreement.county.scb_code == "25" and agreement.county.municipality_count == 14
    assert {p.name: p.scb_code for p in agreement.municipalities} == MUNICIPALITIES
    others = {p.id: p.kind for p in agreement.parties if p.kind != "municipality"}
    assert others == {"region-norrbotten": "region", "norrbottens-kommuner": "association"}


@VERSIONS
def test_four_areas_cover_every_municipality_once(catalogue, version):
    agreement = norrbotten(catalogue, version)
    assert {a.name: a.municipalities for a in agreement.areas} == AREAS
    for municipality in agreement.municipalities:
        assert sum(municipality.id in a.municipalities for a in agreement.areas) == 1


@VERSIONS
def test_five_levels_from_political_to_individual(catalogue, version):
    agreement = norrbotten(catalogue, version)
    assert [(lv.id, lv.rank) for lv in agreement.levels] == [
        ("political", 0),
        ("county", 1),
        ("area", 2),
        ("municipal", 3),
        ("individual", 4),
    ]
    assert {b.id: b.level for b in agreement.bodies} == {
        "politisk-samverkansberedning": "political",
        "lansstyrgrupp": "county",
        "lansstyrgrupp-au": "county",
        "lansdelsgrupp": "area",
        "kommungrupp": "municipal",
    }


@VERSIONS
def test_goal_and_four_focus_areas(catalogue, version):
    agreement = norrbotten(catalogue, version)
    assert agreement.focus_areas == [
        "Barn och unga",
        "Vård och omsorg av äldre",
        "Psykisk hälsa",
        "Främjande och förebyggande insatser",
    ]
    [goal] = agreement.goals
    assert goal.startswith("Samverkan mellan Region Norrbotten och länets kommuner ska ge effekter")
    assert any("ömsesidig respekt" in p for p in agreement.principles)


# The political board


@VERSIONS
def test_political_board_of_all_fourteen_and_the_region_steers_the_steering_group(
    catalogue, version
):
    agreement = norrbotten(catalogue, version)
    board = agreement.body("politisk-samverkansberedning")
    assert board.kind == "political_board" and board.instances == "single"
    assert len(board.mandate) == 2
    members = seats(agreement, "politisk-samverkansberedning")
    municipal, region = members["municipal-politicians"], members["region-politicians"]
    # "förtroendevalda från de 14 kommunerna och regionen": no number per party.
    assert (municipal.per, municipal.count.min, municipal.count.max) == ("municipality", 1, None)
    assert (region.party, region.count.min, region.count.max) == ("region-norrbotten", 1, None)
    assert ("steers", "politisk-samverkansberedning", "lansstyrgrupp") in relations(agreement)


# The county steering group


@VERSIONS
def test_steering_group_mandate_every_duty(catalogue, version):
    agreement = norrbotten(catalogue, version)
    lsg = agreement.body("lansstyrgrupp")
    assert lsg.kind == "county_steering_group"
    assert [d.text for d in lsg.mandate] == STEERING_GROUP_MANDATE
    assert lsg.mandate_source.section == "Länsstyrgruppens uppdrag"
    assert "styrgrupp för samtliga arbetsgrupper" in lsg.description


def test_steering_group_000_five_social_four_education_five_region_chiefs(v1):
    lsg = seats(v1, "lansstyrgrupp")
    counts = {seat_id: (s.count.exact, s.party or s.party_kind) for seat_id, s in lsg.items()}
    assert counts == {
        "social-chiefs": (5, "municipality"),
        "education-chiefs": (4, "municipality"),
        "region-chiefs": (5, "region-norrbotten"),
        "region-coordinator": (1, "region-norrbotten"),
        "collaboration-lead": (1, "norrbottens-kommuner"),
    }
    assert lsg["region-chiefs"].role == "Divisions-/länschef"
    assert sum(s.count.exact for s in lsg.values()) == 16
    # 000 has no substitutes at all.
    assert all(s.substitutes is None for s in lsg.values())
    [co_opted] = v1.body("lansstyrgrupp").co_opted
    assert co_opted.role == "Representanter för folkhälsofrågor"


def test_steering_group_001_seven_named_region_roles_one_seat_each(v2):
    lsg = seats(v2, "lansstyrgrupp")
    region = [s for s in lsg.values() if s.party == "region-norrbotten"]
    assert [s.role for s in region] == REGION_ROLES_001
    assert all(s.count.exact == 1 for s in region)
    assert (lsg["social-chiefs"].count.exact, lsg["education-chiefs"].count.exact) == (5, 4)
    assert lsg["collaboration-lead"].party == "norrbottens-kommuner"
    assert sum(s.count.exact for s in lsg.values()) == 17
    # 001 drops the co-opted public health representatives.
    assert v2.body("lansstyrgrupp").co_opted == []


@VERSIONS
def test_municipal_chiefs_with_geographic_spread(catalogue, version):
    agreement = norrbotten(catalogue, version)
    spread = {
        seat_id
        for seat_id, s in seats(agreement, "lansstyrgrupp").items()
        if "geographic_spread" in s.constraints
    }
    assert spread == {"social-chiefs", "education-chiefs"}


def test_001_substitutes_from_the_same_area_and_for_two_region_chiefs(v2):
    lsg = seats(v2, "lansstyrgrupp")
    for seat_id in ("social-chiefs", "education-chiefs"):
        rule = lsg[seat_id].substitutes
        assert rule.same_area and rule.required and rule.count.exact == 1
        assert rule.from_roles == (
            "annan social- eller barnutbildningschef i tillhörande närsjukvårdsområde"
        )
    # "Ersättare utses för vuxenpsykiatri och barnsjukvård".
    with_substitutes = {seat_id for seat_id, s in lsg.items() if s.substitutes}
    assert with_substitutes == {
        "social-chiefs",
        "education-chiefs",
        "county-chief-child-care",
        "county-chief-adult-psychiatry",
    }


@VERSIONS
def test_chair_and_secretary_alternate_yearly_between_the_parties(catalogue, version):
    agreement = norrbotten(catalogue, version)
    found = offices(agreement, "lansstyrgrupp")
    assert set(found) == {"chair", "secretary", "minutes"}
    for role in ("chair", "secretary"):
        assert found[role].term.years == 1
        rotation = found[role].rotation
        assert rotation.kind == "alternate"
        assert [s.party_kind for s in rotation.between] == ["region", "municipality"]
        # The seed does not say who starts.
        assert rotation.starts_with is None and not rotation.either_may_start
    assert found["minutes"].rotation.holder.label == "Samverkansledare/samordnare"


@pytest.mark.parametrize(("number", "exact", "minimum"), [(1, 4, None), (2, None, 4)])
def test_meetings_four_a_year_then_at_least_four(catalogue, number, exact, minimum):
    # 000: "Möten hålls fyra gånger per år"; 001: "Möten hålls minst fyra gånger per år".
    meetings = norrbotten(catalogue, number).body("lansstyrgrupp").meetings
    assert (meetings.per_year.exact, meetings.per_year.min, meetings.per_year.max) == (
        exact,
        minimum,
        None,
    )


@VERSIONS
def test_meeting_hours_morning_agenda_theme_days_and_extra_meetings(catalogue, version):
    agreement = norrbotten(catalogue, version)
    meetings = agreement.body("lansstyrgrupp").meetings
    assert meetings.hours.start == datetime.time(10, 0)
    assert meetings.hours.end == datetime.time(15, 0)
    assert meetings.morning_agenda == (
        "Gemensamma frågor som inkluderar skola, socialtjänst och hälso- och sjukvård avhandlas "
        "på förmiddagen."
    )
    assert meetings.extra_on_request == (
        "Respektive part har därutöver möjlighet att begära extra möten vid behov."
    )
    assert meetings.minutes_by == "samverkansledare/samordnare"
    [theme] = meetings.theme_days
    assert (theme.per_year.exact, theme.with_body) == (2, "politisk-samverkansberedning")


@VERSIONS
def test_working_committee_ten_days_before_each_meeting(catalogue, version):
    agreement = norrbotten(catalogue, version)
    preparation = agreement.body("lansstyrgrupp").meetings.prepared_by
    assert preparation.body == "lansstyrgrupp-au"
    # "minst 10 dagar": calendar days, at least.
    assert preparation.lead_days == 10 and not preparation.lead_days_are_working_days
    assert preparation.per_meeting


@VERSIONS
def test_working_committee_of_the_chair_the_lead_and_the_coordinator(catalogue, version):
    agreement = norrbotten(catalogue, version)
    au = agreement.body("lansstyrgrupp-au")
    assert au.kind == "working_committee" and au.size.exact == 3
    members = seats(agreement, "lansstyrgrupp-au")
    assert list(members) == ["chair", "collaboration-lead", "region-coordinator"]
    assert all(s.count.exact == 1 for s in members.values())
    assert members["chair"].ex_officio == "Länsstyrgruppens ordförande"
    assert members["collaboration-lead"].party == "norrbottens-kommuner"
    assert members["region-coordinator"].party == "region-norrbotten"
    # "Sammankallande är samverkansledare/samordnare och följer ordförandeskapet".
    convener = offices(agreement, "lansstyrgrupp-au")["convener"].rotation
    assert [(s.seat, s.party) for s in convener.between] == [
        ("collaboration-lead", "norrbottens-kommuner"),
        ("region-coordinator", "region-norrbotten"),
    ]
    assert {
        ("working_committee_of", "lansstyrgrupp-au", "lansstyrgrupp"),
        ("prepares_for", "lansstyrgrupp-au", "lansstyrgrupp"),
    } <= relations(agreement)


# Area and municipal level


@VERSIONS
def test_area_group_per_area_with_every_duty(catalogue, version):
    agreement = norrbotten(catalogue, version)
    group = agreement.body("lansdelsgrupp")
    assert group.kind == "area_group" and group.instances == "per_area"
    assert [d.text for d in group.mandate] == AREA_MANDATE
    assert [name for _, name in agreement.instances_of(group)] == list(AREAS)
    assert ("mandates", "lansstyrgrupp", "lansdelsgrupp") in relations(agreement)


@VERSIONS
def test_area_group_seats_offices_and_meetings(catalogue, version):
    agreement = norrbotten(catalogue, version)
    group = agreement.body("lansdelsgrupp")
    members = seats(agreement, "lansdelsgrupp")
    assert {seat_id: (s.count.exact, s.per) for seat_id, s in members.items()} == {
        "social-chief": (1, "municipality"),
        "education-chief": (1, "municipality"),
        "local-care-chief": (1, "body"),
        "child-care-chief": (1, "body"),
    }
    [co_opted] = group.co_opted
    assert co_opted.when == "vid behov"
    # "Närsjukvårdschefen i varje länsdel sammankallar, leder och dokumenterar mötena".
    found = offices(agreement, "lansdelsgrupp")
    assert set(found) == {"convener", "chair", "minutes"}
    assert {o.rotation.holder.seat for o in found.values()} == {"local-care-chief"}
    # "Möten hålls fyra gånger per år och oftare om behov finns".
    assert group.meetings.per_year.min == 4 and group.meetings.per_year.exact is None


@VERSIONS
def test_municipal_groups_set_their_own_composition(catalogue, version):
    agreement = norrbotten(catalogue, version)
    group = agreement.body("kommungrupp")
    assert group.instances == "per_municipality"
    assert len(agreement.instances_of(group)) == 14
    [seat] = group.seats
    assert seat.count.min == 1 and seat.constraints == ["decision_mandate"]
    [co_opted] = group.co_opted
    assert "friskolor, polis, kyrkor, fritidsförvaltning, frivilligorganisationer" in co_opted.role
    assert ("reports_to", "kommungrupp", "lansdelsgrupp") in relations(agreement)


@VERSIONS
def test_relations_are_the_seeds_and_no_more(catalogue, version):
    agreement = norrbotten(catalogue, version)
    assert relations(agreement) == {
        ("steers", "politisk-samverkansberedning", "lansstyrgrupp"),
        ("working_committee_of", "lansstyrgrupp-au", "lansstyrgrupp"),
        ("prepares_for", "lansstyrgrupp-au", "lansstyrgrupp"),
        ("mandates", "lansstyrgrupp", "lansdelsgrupp"),
        ("appoints", "lansdelsgrupp", "kommungrupp"),
        ("reports_to", "kommungrupp", "lansdelsgrupp"),
    }
    # The seeds set no dispute path (Norrbus does).
    assert agreement.matter_flow.dispute_paths == []


# The text form


def test_show_in_english_reads_like_001(v2):
    text = english(v2, in_force=True)
    assert "agreement, version 2 (in force)\n" in text and ".txt" not in text
    assert "  - Luleå kommun (2580), municipality" in text
    assert "  - Norrbottens Kommuner, municipal association" in text
    assert "- 5 × Socialchef (the municipalities, geographic spread)" in text
    assert "- 4 × Barn- och utbildningschef (the municipalities, geographic spread)" in text
    for role in REGION_ROLES_001:
        assert f"- 1 × {role} (Region Norrbotten)" in text
    assert (
        "substitutes: 1 (annan social- eller barnutbildningschef i tillhörande "
        "närsjukvårdsområde), from the same area"
    ) in text
    assert (
        "- chair: alternates: Region Norrbotten → Kommunerna; "
        "the document does not say who starts; one year"
    ) in text
    assert "- Meetings per year: at least 4" in text
    assert "- Hours: 10.00–15.00" in text
    assert "- Theme days with Politisk samverkansberedning: 2 per year" in text
    assert "- Prepared by Länsstyrgruppens arbetsutskott, at least 10 days before" in text
    assert "- Pite älvdal: Arjeplogs kommun, Arvidsjaurs kommun, Piteå kommun, Älvsbyns kommun" in (
        text
    )
    assert "Co-opted:" not in text.split("LÄNSDELSNIVÅ")[0]


def test_show_in_english_reads_like_000(v1):
    text = english(v1, in_force=False)
    assert "agreement, version 1 (superseded)\n" in text and ".txt" not in text
    assert "- 5 × Divisions-/länschef (Region Norrbotten)" in text
    assert "- Meetings per year: 4\n" in text
    assert "Co-opted: Representanter för folkhälsofrågor" in text
    assert "substitutes:" not in text


def test_show_command_reads_true():
    text = show()
    assert text.startswith(
        "Organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, socialtjänst och "
        "skola\n"
    )
    assert f"({sv('in force')})" in text and "001_47e6bb73daa8c2fc.txt" not in text
    for name, code in MUNICIPALITIES.items():
        assert f"  - {name} ({code}), " in text
    assert "× Socialchef (" in text and "- 5 × Socialchef" in text
    assert "- 4 × Barn- och utbildningschef" in text
    assert "- 1 × Länschef vuxenpsykiatri (Region Norrbotten)" in text
    assert sv("Meetings per year: %(n)s", n=sv("at least %(n)s", n=4)) in text
    assert sv("Hours: %(start)s–%(end)s", start="10.00", end="15.00") in text
    assert (
        sv("Theme days with %(body)s: %(n)s per year", body="Politisk samverkansberedning", n=2)
        in text
    )
    assert sv("at least %(n)s %(unit)s before", n=10, unit=sv("days")) in text
    assert "Norra Norrbotten: Gällivare kommun, Jokkmokks kommun, Kiruna kommun, Pajala kommun" in (
        text
    )


def test_show_command_version_one_reads_true():
    text = show("--version", "1")
    assert f"({sv('superseded')})" in text and "000_71db6b5aebb27fef.txt" not in text
    assert "- 5 × Divisions-/länschef (Region Norrbotten)" in text
    assert f"- {sv('Meetings per year: %(n)s', n=4)}\n" in text
    assert sv("Co-opted: %(role)s", role="Representanter för folkhälsofrågor") in text
