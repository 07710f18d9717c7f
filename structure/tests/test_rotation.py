"""The rotation schedule of offices, on the seeds' own rules (no database)."""

from datetime import date

import pytest

from agreements.registry import Catalogue
from structure.rotation import RecordedTerm, schedule, term_end

D = date.fromisoformat


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue()


def office_of(catalogue, county, body_id, role):
    agreement = catalogue.find(county).agreement
    body = agreement.body(body_id)
    return agreement, body, next(o for o in body.offices if o.role == role)


def test_norrbotten_chair_alternates_yearly_between_region_and_municipalities(catalogue):
    # 001 "Arbetsformer länsstyrgruppen": ordförandeskapet växlar årsvis mellan parterna.
    agreement, body, office = office_of(catalogue, "norrbotten", "lansstyrgrupp", "chair")
    recorded = [RecordedTerm(D("2025-01-01"), D("2025-12-31"), "region-norrbotten")]
    terms = schedule(agreement, body, office, recorded, until=D("2028-12-31"))
    assert [t.starts.year for t in terms] == [2025, 2026, 2027, 2028]
    assert terms[0].recorded and not terms[1].recorded
    assert [t.holder.party_kind for t in terms] == [
        "region",
        "municipality",
        "region",
        "municipality",
    ]


def test_a_term_extended_by_decision_shifts_the_cycle(catalogue):
    agreement, body, office = office_of(catalogue, "norrbotten", "lansstyrgrupp", "chair")
    recorded = [
        RecordedTerm(D("2025-01-01"), D("2025-12-31"), "region-norrbotten"),
        RecordedTerm(D("2026-01-01"), D("2027-12-31"), "lulea"),
    ]
    terms = schedule(agreement, body, office, recorded, until=D("2029-12-31"))
    assert [(t.starts.year, t.ends.year) for t in terms] == [
        (2025, 2025),
        (2026, 2027),
        (2028, 2028),
        (2029, 2029),
    ]
    assert terms[2].holder.party_kind == "region"


def test_vasterbotten_vice_chair_is_from_the_other_principal(catalogue):
    # 002 5.1.3: ordförande från den ena huvudmannen, vice från den andra; skiftar årligen.
    agreement, body, chair = office_of(catalogue, "vasterbotten", "samrad-vard-omsorg", "chair")
    vice = next(o for o in body.offices if o.role == "vice_chair")
    chairs = [RecordedTerm(D("2026-01-01"), None, "region-vasterbotten")]
    chair_terms = schedule(agreement, body, chair, chairs, until=D("2027-12-31"))
    vice_terms = schedule(agreement, body, vice, [], D("2027-12-31"), recorded_of=chairs)
    assert [t.ends for t in chair_terms] == [D("2026-12-31"), D("2027-12-31")]
    assert [t.holder.party_kind for t in chair_terms] == ["region", "municipality"]
    assert [t.holder.party_kind for t in vice_terms] == ["municipality", "region"]


def test_calendar_year_terms_end_on_new_years_eve(catalogue):
    _, _, office = office_of(catalogue, "vasterbotten", "samrad-vard-omsorg", "chair")
    assert term_end(office, D("2026-03-15")) == D("2026-12-31")


def test_nothing_recorded_and_no_start_in_the_agreement_gives_no_schedule(catalogue):
    # Norrbotten's agreement carries no date: the cycle cannot be placed until a term is recorded.
    agreement, body, office = office_of(catalogue, "norrbotten", "lansstyrgrupp", "chair")
    assert schedule(agreement, body, office, [], until=D("2030-01-01")) == []


def test_vasternorrland_lansledning_region_then_social_director(catalogue):
    # 003 "Mandatperiod": år 1 regionen, år 2 en förvaltningschef för socialtjänsten; 1:e vice
    # från den andra organisationen; 2:e vice förvaltningschef för skola; kalenderår.
    agreement, body, chair = office_of(catalogue, "vasternorrland", "lansledning", "chair")
    offices = {o.role: o for o in body.offices}
    chairs = [RecordedTerm(D("2026-01-01"), D("2026-12-31"), "region-vasternorrland")]
    terms = schedule(agreement, body, chair, chairs, until=D("2028-12-31"))
    assert [t.holder.label for t in terms] == [
        "Regionen",
        "En förvaltningschef för socialtjänsten",
        "Regionen",
    ]
    vice = schedule(agreement, body, offices["vice_chair"], [], D("2027-12-31"), chairs)
    assert [t.holder.party for t in vice] == [None, "region-vasternorrland"]
    assert vice[0].holder.party_kind == "municipality"
    second = schedule(agreement, body, offices["second_vice_chair"], chairs, D("2027-12-31"))
    assert {t.holder.seat for t in second} == {"school-chiefs"}


@pytest.mark.parametrize(
    ("body_id", "label"),
    [
        ("lsg-barn-unga", "Skolchefsgruppen"),
        ("lsg-vuxna", "Socialchefsgruppen"),
        ("lsg-aldre", "Regionens områdesdirektörer"),
    ],
)
def test_vasternorrland_coordination_group_chairs_from_named_groups(catalogue, body_id, label):
    agreement, body, chair = office_of(catalogue, "vasternorrland", body_id, "chair")
    recorded = [RecordedTerm(D("2026-01-01"), D("2026-12-31"), "region-vasternorrland")]
    terms = schedule(agreement, body, chair, recorded, until=D("2027-12-31"))
    assert {t.holder.label for t in terms} == {label}
    assert terms[1].starts == D("2027-01-01") and terms[1].ends == D("2027-12-31")


def test_vasternorrland_local_groups_alternate_every_two_years(catalogue):
    # 003 "Organisation av lokal samverkan": minst två år i taget, växlar mellan huvudmännen.
    agreement, body, chair = office_of(catalogue, "vasternorrland", "lokal-barn-unga", "chair")
    recorded = [RecordedTerm(D("2025-01-01"), D("2026-12-31"), "ange")]
    terms = schedule(agreement, body, chair, recorded, until=D("2030-12-31"))
    assert [(t.starts.year, t.ends.year) for t in terms] == [
        (2025, 2026),
        (2027, 2028),
        (2029, 2030),
    ]
    assert [t.holder.label for t in terms] == ["Kommunen", "Regionen", "Kommunen"]
    assert term_end(chair, D("2027-01-01")) == D("2028-12-31")
