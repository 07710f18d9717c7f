"""The files say where they read, where they only recommend, and where their numbers come from.

- Recommendations ("förslagsvis", "bör", "rekommenderas") are advice in the data, not rules.
- Interpretations are marked, with the document's own words beside them.
- SCB's codes cite SCB, since no seed states them."""

import pytest
from pydantic import ValidationError

from agreements import schema
from agreements.registry import Catalogue

CATALOGUE = Catalogue()
ENTRIES = CATALOGUE.entries


def body(county, body_id, document=None, version=None):
    return CATALOGUE.find(county, document, version).agreement.body(body_id)


def test_vasternorrlands_suggested_four_meetings_are_advice():
    # 003 "Uppdrag": "förslagsvis minst 4 möten per år".
    meetings = body("vasternorrland", "lansledning").meetings
    assert meetings.per_year == schema.Count(min=4, advice=True)
    assert "förslagsvis minst 4 möten per år" in meetings.source.quote


def test_the_presidiums_different_municipalities_are_advice():
    # 003 "Politisk samverkan inom HälSam": "En rekommendation är att dessa väljs från olika
    # kommuner".
    seats = {s.id: s for s in body("vasternorrland", "presidium").seats}
    for seat in ("social-presidium-chair", "school-presidium-chair"):
        assert seats[seat].advice == [schema.SeatConstraint.DIFFERENT_MUNICIPALITIES]
        assert schema.SeatConstraint.DIFFERENT_MUNICIPALITIES not in seats[seat].constraints


def test_norrbus_managers_with_a_mandate_are_advice():
    # 004 "Kommunnivå": "bör direkt verksamhetsansvariga med beslutsmandat vara representerade".
    [seat] = body("norrbotten", "kommungrupp", "norrbus").seats
    assert seat.advice == [schema.SeatConstraint.DECISION_MANDATE] and seat.constraints == []


def test_no_recommendation_is_kept_as_a_hard_count():
    for entry in ENTRIES:
        for item in entry.agreement.bodies:
            rules = item.meetings
            quote = (rules.source.quote or "") if rules else ""
            if "förslagsvis" in quote or " bör " in quote:
                assert rules.per_year is None or rules.per_year.advice, (entry.path, item.id)


def test_norrbus_meeting_deadline_is_an_interpretation_with_the_documents_words():
    meeting = CATALOGUE.find("norrbotten", "norrbus").agreement.individual.network_meeting
    assert meeting.meeting.counted_from == schema.DeadlineStart.DECISION_TO_CALL
    assert "senast inom 10 arbetsdagar" in meeting.meeting.source.quote
    assert meeting.meeting.source.interpretation
    assert meeting.notice.counted_from == schema.DeadlineStart.CONSENT
    assert meeting.notice.source.interpretation is None  # "När de lämnat sitt samtycke"


def test_sammansatt_is_read_as_sammankallande_and_says_so():
    office = body("norrbotten", "lansstyrgrupp-au", version=2).offices[0]
    assert office.role == schema.OfficeRole.CONVENER
    assert office.source.quote.startswith("Sammansatt är samverkansledare/samordnare")
    assert "Sammankallande" in office.source.interpretation


def test_an_interpretation_without_the_documents_words_is_refused():
    with pytest.raises(ValidationError):
        schema.Source(section="Arbetsutskott", interpretation="Läses som sammankallande.")
    with pytest.raises(ValidationError):
        schema.Source(section="X", seed="001_a.txt", document="SCB")


def test_a_deadline_of_the_network_meeting_names_its_starting_step():
    data = CATALOGUE.find("norrbotten", "norrbus").agreement.individual.network_meeting.model_dump(
        mode="json", exclude_none=True
    )
    del data["meeting"]["counted_from"]
    with pytest.raises(ValidationError, match="counted_from"):
        schema.NetworkMeetingRules.model_validate(data)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.document_id}-{e.version}")
def test_the_codes_cite_scb_not_a_seed(entry):
    codes = entry.agreement.county.codes_source
    assert codes is not None and codes.seed is None
    assert codes.document.startswith("Statistiska centralbyrån (SCB)")
    assert entry.agreement.county.name in codes.section


def test_codes_without_a_source_are_a_warning(tmp_path):
    from agreements.validation import validate_file

    path = tmp_path / "utan-kodkalla.yaml"
    text = next(e.path for e in ENTRIES if e.county == "vasternorrland").read_text()
    start = text.index("  codes_source:")
    end = text.index("\ndocument:", start)
    path.write_text(text[:start] + text[end + 1 :])
    result = validate_file(path)
    assert result.valid
    [warning] = [p for p in result.problems if p.path == "county"]
    assert "codes_source" in warning.message
