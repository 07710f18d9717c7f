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
