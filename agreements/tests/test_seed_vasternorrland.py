"""Seed 003 (Västernorrland, HälSam) as encoded: every number the seed states, and `show`."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from pydantic import BaseModel

from agreements.models import Body, Seat
from agreements.registry import Catalogue
from agreements.schema import Source
from agreements.services import load_county

# The seed's headings, as its text spells them: every `source` must be one of them.
HEADINGS = {
    "Utgångspunkter för samverkansstrukturen",
    "Parter-viljeinriktning",
    "Syfte",
    "Mål",
    "Politisk samverkan inom HälSam",
    "Representation",
    "Uppdrag",
    "Samverkan på tjänstepersonnivå",
    "Presidium",
    "Länsledning",
    "Mandatperiod",
    "Länssamordningsgrupper: Barn och Unga, Vuxna och Äldre",
    "Barn och Unga",
    "Vuxna",
    "Äldre",
    "Lokal samverkan – verksamhetsnivå",
    "Organisation av lokal samverkan",
    "Administrativt stöd",
    "Finansiering",
    "Nivå 1. Administrativt stöd - länsnivå",
    "Nivå 2. Administrativt stöd – lokal nivå",
    "Administrativt stöd - kostnader",
}


@pytest.fixture(scope="module")
def halsam():
    return Catalogue().find("vasternorrland").agreement


def seat(body, seat_id):
    return next(s for s in body.seats if s.id == seat_id)


def office(body, role):
    return next(o for o in body.offices if o.role == role)


def sources(value):
    """Every Source in a part of the agreement."""
    if isinstance(value, Source):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from sources(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from sources(item)


def sv(msgid: str, **values) -> str:
    with translation.override("sv"):
        text = gettext(msgid)
    return text % values if values else text


def test_every_source_is_a_heading_of_the_seed(halsam):
    # The municipality codes cite SCB's register: the seed states none.
    from_seed = [source for source in sources(halsam) if source.document is None]
    cited = {source.section for source in from_seed}
    assert cited <= HEADINGS, cited - HEADINGS
    assert all(source.seed is None for source in from_seed)  # all from the document's seed
    assert "SCB" in halsam.county.codes_source.document
    assert halsam.document.seed == "003_27a7c1c535d04ef9.txt"


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
    assert [(p.kind, p.name) for p in halsam.parties if p.kind != "municipality"] == [
        ("region", "Region Västernorrland")
    ]  # no municipal association
    assert halsam.areas == []
    assert [lv.id for lv in sorted(halsam.levels, key=lambda lv: lv.rank)] == [
        "political",
        "county",
        "coordination",
        "local",
    ]
    assert halsam.focus_areas == ["Barn och unga", "Vuxna", "Äldre"]


def test_political_representation(halsam):
    # "Representation": the chairs of socialnämnd and skolnämnd per municipality; HSN, RUN, VVU.
    body = halsam.body("halsam")
    for seat_id in ("social-board-chairs", "school-board-chairs"):
        assert seat(body, seat_id).count.exact == 1 and seat(body, seat_id).per == "municipality"
    region = [s for s in body.seats if s.party == "region-vasternorrland"]
    assert [(s.id, s.count.exact) for s in region] == [
        ("hsn-chair", 1),
        ("run-chair", 1),
        ("vvu-chair", 1),
    ]
    assert all(s.substitutes is None for s in body.seats)  # the seed names none


def test_the_political_presidium_of_four_chairs(halsam):
    # "ett presidium bestående av fyra ordförande där en av dem är sammankallande"; one chosen by
    # the social presidium, one by the school presidium, "någon" from the region.
    presidium = halsam.body("presidium")
    assert presidium.size.exact == 4 and presidium.level == "political"
    assert seat(presidium, "social-presidium-chair").count.exact == 1
    assert seat(presidium, "school-presidium-chair").count.exact == 1
    assert seat(presidium, "region-chair").count.min == 1
    assert sum(s.count.lower for s in presidium.seats) <= 4
    convener = office(presidium, "convener")
    assert convener.rotation.chosen_by == "presidiet" and convener.term.electoral_period
    # "Presidium" under Samverkan på tjänstepersonnivå: politicians and officials, no numbers.
    mixed = halsam.body("presidium-tjanstepersonniva")
    assert mixed.level == "county" and mixed.size is None
    assert {s.id for s in mixed.seats} == {"politicians", "officials"}


def test_lansledning_composition(halsam):
    body = halsam.body("lansledning")
    municipal = {s.id for s in body.seats if s.party_kind == "municipality"}
    assert municipal == {"social-chiefs", "school-chiefs", "support-structures-chief"}
    region = {s.id: s.unit for s in body.seats if s.party == "region-vasternorrland"}
    assert region == {
        "area-directors": "halso-och-sjukvard",
        "region-administration": "regionledningsforvaltningen",
    }
    assert [c.role for c in body.co_opted] == ["Adjungerade kompletterande deltagare"]


def test_lansledning_chair_year_one_region_year_two_social_director(halsam):
    # "Mandatperiod": år 1 regionen, år 2 en förvaltningschef för socialtjänsten; 1:e vice från
    # den organisation som inte är ordförande; 2:e vice förvaltningschef för skola; val vid det
    # sista mötet för innevarande år.
    body = halsam.body("lansledning")
    chair = office(body, "chair")
    assert chair.rotation.kind == "alternate" and chair.rotation.starts_with == 0
    first, second = chair.rotation.between
    assert first.party == "region-vasternorrland"
    assert second.party_kind == "municipality" and second.seat == "social-chiefs"
    assert office(body, "vice_chair").rotation.kind == "opposite"
    assert office(body, "vice_chair").rotation.of == "chair"
    assert office(body, "second_vice_chair").rotation.holder.seat == "school-chiefs"
    for role in ("chair", "vice_chair", "second_vice_chair"):
        term = office(body, role).term
        assert (term.years, term.calendar_year, term.minimum) == (1, True, False)
        assert term.election == "Vid det sista mötet för innevarande år"
    # "förslagsvis minst 4 möten per år", set by the länsledning itself.
    assert body.meetings.per_year.min == 4 and body.meetings.per_year.exact is None
    assert body.meetings.decided_by.startswith("Länsledningen")


@pytest.mark.parametrize(
    ("body_id", "chair_from", "vice_from", "sectors"),
    [
        ("lsg-barn-unga", "school", "region", {"social_services", "school", "health_care"}),
        ("lsg-vuxna", "social_services", "region", {"social_services", "health_care"}),
        ("lsg-aldre", "health_care", "municipality", {"social_services", "health_care"}),
    ],
)
def test_county_coordination_groups(halsam, body_id, chair_from, vice_from, sectors):
    # "Träffas 5 gånger per år"; "1–2 förvaltningschefer/områdesdirektörer per ..."; chair and
    # its substitute for one year from the school chiefs, the social chiefs, the region's area
    # directors; "en från kommunerna och en från regionen".
    body = halsam.body(body_id)
    assert body.level == "coordination"
    assert body.meetings.per_year.exact == 5
    assert {s.sector for s in body.seats} == sectors
    assert all((s.count.min, s.count.max) == (1, 2) for s in body.seats)
    for role in ("chair", "deputy_chair"):
        held = office(body, role)
        assert held.rotation.kind == "fixed" and held.rotation.holder.sector == chair_from
        assert (held.term.years, held.term.calendar_year) == (1, True)
    vice = office(body, "vice_chair").rotation.holder
    assert (vice.party_kind or halsam.party(vice.party).kind) == vice_from
    assert office(body, "vice_chair").term is None  # the seed states no term for it


def test_local_collaboration_three_groups_per_municipality_two_year_alternation(halsam):
    # "tre grupper/kommun"; "minst två år i taget och växlar mellan huvudmännen ... eller vice
    # versa"; "Antal möten per år fastställs av Länsledningen utifrån förslag från den lokala
    # samverkan".
    local = [b for b in halsam.bodies if b.level == "local" and b.kind == "municipal_group"]
    assert [b.id for b in local] == ["lokal-barn-unga", "lokal-vuxna", "lokal-aldre"]
    assert sum(len(halsam.instances_of(b)) for b in local) == 3 * 7
    for body in local:
        chair = office(body, "chair")
        assert (chair.term.years, chair.term.minimum) == (2, True)
        assert chair.rotation.kind == "alternate" and chair.rotation.either_may_start
        assert [s.party_kind or "region" for s in chair.rotation.between] == [
            "municipality",
            "region",
        ]
        assert office(body, "vice_chair").rotation.kind == "opposite"
        assert body.meetings.per_year is None
        assert body.meetings.decided_by.startswith("Länsledningen")
        assert body.seats == []  # "Varje lokalnivå beslutar formen och omfattningen"


def test_relations_and_matter_flow(halsam):
    def related(kind, target):
        return {
            r.source_body for r in halsam.relations if r.kind == kind and r.target_body == target
        }

    mandated = {r.target_body for r in halsam.relations if r.kind == "mandates"}
    assert mandated == {"lsg-barn-unga", "lsg-vuxna", "lsg-aldre"} | {
        "lokal-barn-unga",
        "lokal-vuxna",
        "lokal-aldre",
    }
    assert all(r.source_body == "lansledning" for r in halsam.relations if r.kind == "mandates")
    assert related("prepares_for", "halsam") == {
        "presidium",
        "presidium-tjanstepersonniva",
        "lansledning",
    }
    assert related("escalates_to", "lansledning") == {
        "lokal-barn-unga",
        "lokal-vuxna",
        "lokal-aldre",
    }
    assert halsam.matter_flow.decisions_by_principals
    assert halsam.matter_flow.dispute_paths[0].steps == ["local", "lansledning"]


def test_cost_table(halsam):
    # "Administrativt stöd - kostnader": 0,9 + 0,4 + 2,1 = 3,4 mnkr, lönekostnader inkl. OH.
    [cost] = halsam.cost_sharing
    assert [i.amount_msek for i in cost.items] == [Decimal("0.9"), Decimal("0.4"), Decimal("2.1")]
    assert [i.extent_percent for i in cost.items] == [100, 30, 30]
    assert [i.level[0] for i in cost.items] == ["1", "1", "2"]
    assert cost.items[2].multiplier == "3 grupper x 7 kommuner"
    assert cost.total_msek == Decimal("3.4") == sum(i.amount_msek for i in cost.items)
    assert "OH" in cost.note
    assert cost.shares == [] and cost.hosted_by is None  # the seed divides no cost


def test_support_functions_at_county_and_local_level(halsam):
    county = halsam.body("samverkanskoordinator")
    local = halsam.body("lokal-samordningsfunktion")
    assert (county.level, county.instances) == ("county", "single")
    assert (local.level, local.instances) == ("local", "per_municipality")
    staffed = {r.target_body for r in halsam.relations if r.source_body == county.id}
    assert staffed == {"halsam", "lansledning", "lsg-barn-unga", "lsg-vuxna", "lsg-aldre"}


def test_no_validity_or_termination(halsam):
    # The seed has no validity clause and no notice of termination.
    assert halsam.validity is None
    assert halsam.document.adopted is None and halsam.document.signatories == []


def test_followed_up_yearly_at_halsams_theme_meetings_without_effect_goals_of_its_own(halsam):
    # "Den politiska samverkan följer upp ... genom årliga temamöten inom varje strategiskt
    # område"; the goal followed is the one under "Mål"; the local level reports to länsledningen.
    themes, local = halsam.follow_up
    assert themes.yearly and themes.reported_at == "halsam" and themes.due is None
    [goal] = themes.effect_goals
    assert goal.source.section == "Mål" and goal.targets == []
    assert local.reported_at == "lansledning" and not local.yearly


def test_show_reads_like_the_seed():
    out = io.StringIO()
    call_command("agreement", "show", "vasternorrland", stdout=out)
    text = out.getvalue()
    for sentence in (
        "Ånge kommun (2260)",
        "Örnsköldsviks kommun (2284)",
        "Den politiska samverkan har ett presidium bestående av fyra ordförande där en av dem är "
        "sammankallande.",
        "Ärenden till HälSam bereds i en tjänstepersongrupp; länsledningen.",
        "1 per kommun × Ordförande i socialnämnd/motsvarande",
        "1–2 × Förvaltningschef skola",
        "Regionen → En förvaltningschef för socialtjänsten",
        "Politisk nivå:",
        "Samverkanskoordinator, 100 % – 0,9 mnkr",
        "Kommunikation/redaktör, 30 % – 0,4 mnkr",
        "30 %, 3 grupper x 7 kommuner – 2,1 mnkr",
        sv("Total: %(total)s mnkr", total="3,4"),
        # "förslagsvis minst 4 möten per år": a recommendation, said as one.
        sv(
            "Meetings per year: %(n)s",
            n=sv(
                "suggested %(count)s (a recommendation, not a requirement)",
                count=sv("at least %(n)s", n=4),
            ),
        ),
        "förslagsvis minst 4 möten per år",
    ):
        assert sentence in text, sentence
    assert text.count(sv("Meetings per year: %(n)s", n="5")) == 3


def test_loads_twice_without_change(db):
    assert load_county("vasternorrland", Catalogue()).created == ["halsam version 1"]
    assert load_county("vasternorrland", Catalogue()).unchanged == ["halsam version 1"]
    assert Body.objects.filter(agreement__county__slug="vasternorrland").count() == 12
    seats = Seat.objects.filter(body__key="lsg-barn-unga")
    assert sorted(seats.values_list("count_min", "count_max")) == [(1, 2)] * 3
