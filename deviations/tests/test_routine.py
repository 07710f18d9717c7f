"""The routine is Norrbotten's data (norrbus-v1.yaml, "Avvikelsehantering"): its levels, times
and threshold are the county's choice where the seed names the routine only, each marked as an
interpretation of the seed's words."""

import pytest

from agreements.registry import Catalogue
from deviations import routine

pytestmark = pytest.mark.django_db


def test_norrbus_routine_two_levels_five_and_twenty_working_days():
    deviations = Catalogue().find("norrbotten", "norrbus", 1).agreement.individual.deviations
    assert [
        (lv.id, lv.handled_by, lv.acknowledge_working_days, lv.close_working_days)
        for lv in deviations.levels
    ] == [
        ("verksamhet", "unit", 5, 20),
        ("huvudman", "principal", 5, 20),
    ]
    for level in deviations.levels:
        assert level.source.section == "Avvikelsehantering"
        assert level.source.quote == "Avvikelserapporten hanteras enligt upprättad rutin."
        assert "länets val" in level.source.interpretation
    recurrence = deviations.recurrence
    assert (recurrence.count, recurrence.months) == (3, 12)
    assert (recurrence.area_body, recurrence.county_body) == ("lansdelsgrupp", "lansstyrgrupp")
    assert recurrence.source.interpretation
    assert deviations.names_individual is False


def test_the_rules_in_force_and_the_clauses_come_from_the_documents(norrbotten):
    rules, document = routine.rules_for(norrbotten.pk)
    assert document.document_id == "norrbus"
    assert rules.levels[0].id == "verksamhet"
    clauses = {c.key: c for c in routine.clauses(norrbotten.pk)}
    clause = clauses["norrbus:Samordnad planering – nätverksmöte"]
    assert clause.version == 1 and clause.label.startswith("Norrbus")
    assert "lansstyrgrupp:Representanter länsstyrgrupp" in clauses or any(
        k.startswith("lansstyrgrupp:") for k in clauses
    )


def test_a_county_without_a_routine_has_none(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("vasterbotten")
    with pytest.raises(LookupError):
        routine.rules_for(county.pk)


@pytest.mark.parametrize(
    "text, named",
    [
        ("Kallelsen kom för sent till nätverksmötet.", False),
        ("Gäller 20140312-2391 som inte fick kallelse.", True),
        ("Gäller 140312-2391.", True),
        ("Gäller 201403122391.", True),
        ("Mötet hölls 2026-03-12 klockan 10.", False),
        ("Elsa Lantto kallades inte.", True),
    ],
)
def test_a_text_that_seems_to_name_the_individual(text, named):
    assert routine.seems_to_name_individual(text, ["Elsa Lantto"]) is named
