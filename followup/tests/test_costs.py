"""The cost statement on the seeds' own numbers: Västerbotten's coordinators 50/50 (seed 002
§8), Västernorrland's support 0.9 + 0.4 + 2.1 = 3.4 MSEK (seed 003), the municipalities' part by
SCB's population; the county's yearly data checked, and every split adding up to the öre."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from agreements import county_data
from agreements.models import County
from agreements.registry import Catalogue
from agreements.schema import CostYear, MunicipalKey
from agreements.validation import validate_text
from followup import costs
from structure.tests.builders import loaded_county

D = Decimal


@pytest.fixture(autouse=True)
def in_english():
    # The messages are asserted in the code's language.
    with translation.override("en"):
        yield


@pytest.fixture
def county_dir(settings, tmp_path):
    """An agreement directory of the county's own yearly data, beside the shipped files."""
    settings.AGREEMENT_DIRS = [*settings.AGREEMENT_DIRS, tmp_path]
    county_data._cache.clear()

    def write(county: str, name: str, text: str):
        folder = tmp_path / county
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")

    return write


COORDINATORS_2025 = """\
county: vasterbotten
year: 2025
costs:
  - sharing: regionala-koordinatorer
    amount_sek: 1800000
    municipal_key:
      kind: population
      population_as_of: end_of_previous_year
      source: {document: "Samrådet för vård och omsorg, beslut om 2025", section: Kostnadsnyckel}
    source: {document: Region Västerbottens budget 2025, section: Regionala koordinatorer}
"""


@given(
    total=st.decimals(min_value=0, max_value=D("1e9"), places=2),
    weights=st.lists(
        st.decimals(min_value=D("0.0001"), max_value=D(1_000_000), places=4),
        min_size=1,
        max_size=30,
    ),
)
def test_the_parts_always_add_up_to_the_whole(total, weights):
    parts = costs.allocate(total, weights)
    assert sum(parts, D(0)) == total
    whole = sum(weights, D(0))
    for part, weight in zip(parts, weights, strict=True):
        # Each part within one öre of its exact amount.
        assert abs(part - total * weight / whole) < costs.ORE


def test_the_ore_left_over_goes_to_the_largest_remainders_first_listed_first():
    assert costs.allocate(D("1.00"), [D(1), D(1), D(1)]) == [D("0.34"), D("0.33"), D("0.33")]
    assert costs.allocate(D("0.05"), [D(1), D(2)]) == [D("0.02"), D("0.03")]


@pytest.mark.django_db
def test_the_coordinators_are_shared_fifty_fifty_and_the_municipalities_by_population(county_dir):
    county_dir("vasterbotten", "costs-2025.yaml", COORDINATORS_2025)
    statement = costs.statement(loaded_county("vasterbotten"), 2025)
    assert statement.problems == []
    (function,) = statement.functions
    assert function.missing == []
    assert function.total == D(1_800_000) and function.total_from_county
    region = function.part_of("region-vasterbotten")
    assert (region.percent, region.amount) == (D(50), D("900000.00"))
    municipal = [p for p in function.parts if p.party != "region-vasterbotten"]
    assert len(municipal) == 15
    assert sum((p.amount for p in municipal), D(0)) == D("900000.00")
    assert sum((p.percent for p in function.parts), D(0)) == D(100)
    # Umeå's 134 249 of the county's 281 138 at 31 December 2024 (SCB).
    umea = function.part_of("umea")
    assert abs(umea.amount - D(900000) * 134249 / 281138) < costs.ORE
    assert umea.amount == D("429767.94")
    assert "31 december 2024" in function.key.lower()
    assert statement.own_costs[0][0].startswith("Respektive huvudman svarar")


@pytest.mark.django_db
def test_without_the_years_data_the_statement_names_what_is_missing():
    statement = costs.statement(loaded_county("vasterbotten"), 2025)
    (function,) = statement.functions
    assert function.total is None
    assert any("costs-2025.yaml" in message and "amount" in message for message in function.missing)
    assert any("municipalities' part" in message for message in function.missing)
    # The 50/50 is known even so: the municipalities together and the region.
    assert [(p.name, p.percent) for p in function.parts] == [
        ("The municipalities together", D(50)),
        ("Region Västerbotten", D(50)),
    ]


@pytest.mark.django_db
def test_the_support_is_the_calculations_three_point_four_million_by_level_and_function():
    statement = costs.statement(loaded_county("vasternorrland"), 2025)
    (function,) = statement.functions
    assert [item.amount_msek for item in function.items] == [D("0.9"), D("0.4"), D("2.1")]
    assert function.total == D("3400000.0")
    assert not function.total_from_county
    assert function.parts == []
    assert any("shared between the parties" in message for message in function.missing)


@pytest.mark.django_db
def test_a_missing_population_figure_is_named(county_dir):
    county_dir("vasterbotten", "costs-2026.yaml", COORDINATORS_2025.replace("2025", "2026"))
    statement = costs.statement(loaded_county("vasterbotten"), 2026)
    (function,) = statement.functions
    assert any("31 December 2025" in m and "population-2025.yaml" in m for m in function.missing)
    assert function.total == D(1_800_000)


@pytest.mark.django_db
def test_a_population_file_without_a_municipality_names_it(county_dir):
    text = (
        "county: vasterbotten\nas_of: 2022-12-31\nsource: {document: SCB, section: x}\n"
        "figures:\n  - {party: umea, population: 130000}\n"
    )
    county_dir("vasterbotten", "population-2022.yaml", text)
    loaded = county_data.population("vasterbotten", 2022)
    assert loaded.data is None
    (problem,) = loaded.problems
    assert "no population figure for" in problem.message
    assert "Bjurholms kommun" in problem.message and "Umeå" not in problem.message
    assert problem.line == 4


@pytest.mark.django_db
def test_the_years_key_that_does_not_add_up_is_refused_with_its_line(county_dir):
    text = COORDINATORS_2025.replace(
        "kind: population\n      population_as_of: end_of_previous_year",
        "kind: own\n      shares: [{party: umea, percent: 60}, {party: skelleftea, percent: 30}]",
    )
    county_dir("vasterbotten", "costs-2025.yaml", text)
    loaded = county_data.cost_year("vasterbotten", 2025)
    assert loaded.data is None
    assert any("add up to 90" in p.message and p.line == 6 for p in loaded.problems)
    statement = costs.statement(loaded_county("vasterbotten"), 2025)
    assert any("add up to 90" in problem for problem in statement.problems)


@pytest.mark.django_db
def test_shares_the_agreement_already_states_are_refused_in_the_years_file(county_dir):
    text = COORDINATORS_2025.replace(
        "    municipal_key:",
        "    shares: [{party_kind: region, percent: 100}]\n    municipal_key:",
    )
    county_dir("vasterbotten", "costs-2025.yaml", text)
    loaded = county_data.cost_year("vasterbotten", 2025)
    assert any("the agreement states the shares" in p.message for p in loaded.problems)


def test_an_own_key_must_add_up_to_one_hundred():
    with pytest.raises(ValueError, match="add up to 99"):
        MunicipalKey.model_validate(
            {"kind": "own", "shares": [{"party": "a", "percent": 99}], "source": "x"}
        )


def test_an_own_key_in_the_agreement_names_every_municipality():
    path = "agreements/data/vasternorrland/halsam-v1.yaml"
    text = (
        open(path, encoding="utf-8")
        .read()
        .replace(
            "    total_msek: 3.4\n",
            "    total_msek: 3.4\n    municipal_key:\n      kind: own\n"
            "      shares: [{party: sundsvall, percent: 100}]\n      source: x\n",
        )
    )
    result = validate_text(text, path)
    assert any("no share for" in p.message and "Ånge kommun" in p.message for p in result.errors)


@pytest.mark.django_db
def test_the_shipped_population_files_are_valid_and_complete():
    assert county_data.validate_all(Catalogue()) == []
    for county, year, total in [
        ("vasterbotten", 2024, 281138),
        ("vasterbotten", 2023, 278729),
        ("vasternorrland", 2023, 242148),
    ]:
        loaded = county_data.population(county, year)
        assert sum(f.population for f in loaded.data.figures) == total


@pytest.mark.django_db
def test_the_csv_has_a_row_per_function_and_party(county_dir):
    county_dir("vasterbotten", "costs-2025.yaml", COORDINATORS_2025)
    text = costs.csv_text(costs.statement(loaded_county("vasterbotten"), 2025))
    rows = text.strip().splitlines()
    assert len(rows) == 1 + 16
    assert any(
        row.startswith("2025;Regionala koordinatorer") and ";900000,00;" in row for row in rows
    )


CATALOGUE = Catalogue()


@given(
    amount=st.decimals(min_value=0, max_value=D("1e9"), places=2),
    key=st.sampled_from(["population", "equal"]),
    county=st.sampled_from(["vasterbotten", "vasternorrland"]),
)
def test_every_partys_amounts_add_up_to_the_functions_cost(amount, key, county):
    agreement = CATALOGUE.structure_agreement(county).agreement
    (sharing,) = agreement.cost_sharing
    entry = {
        "sharing": sharing.id,
        "amount_sek": str(amount),
        "municipal_key": {"kind": key, "source": "x"},
        "source": "x",
    }
    if key == "population":
        entry["municipal_key"]["population_as_of"] = "end_of_year"
    if not sharing.shares:
        entry["shares"] = [
            {"party_kind": "region", "percent": "33.3333"},
            {"party_kind": "municipality", "percent": "66.6667"},
        ]
    yearly = CostYear.model_validate({"county": county, "year": 2023, "costs": [entry]})
    statement = costs.Statement(County(slug=county), 2023, agreement)
    function = costs._function(sharing, statement, yearly, CATALOGUE)
    assert function.missing == []
    assert len(function.parts) == len(agreement.parties)
    assert sum((part.amount for part in function.parts), D(0)) == amount
    assert sum((part.percent for part in function.parts), D(0)) == pytest.approx(D(100))


@pytest.mark.django_db
def test_agreement_validate_names_a_population_files_missing_municipality(tmp_path, capsys):
    path = tmp_path / "vasternorrland" / "population-2023.yaml"
    path.parent.mkdir()
    shipped = "agreements/data/vasternorrland/population-2023.yaml"
    text = open(shipped, encoding="utf-8").read()
    path.write_text(text.replace("  - {party: ange, population: 9109}\n", ""), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("agreement", "validate", str(path))
    out = capsys.readouterr().out
    assert "no population figure for Ånge kommun" in out
    assert f"{path}:10" in out


@pytest.mark.django_db
def test_the_years_shares_between_the_parties_must_add_up(county_dir):
    text = (
        "county: vasternorrland\nyear: 2025\ncosts:\n  - sharing: administrativt-stod\n"
        "    shares:\n      - {party_kind: region, percent: 50}\n"
        "      - {party_kind: municipality, percent: 40}\n"
        "      - {party: ingen, percent: 0}\n"
        "    source: {document: Länsledningens beslut, section: Kostnader}\n"
    )
    county_dir("vasternorrland", "costs-2025.yaml", text)
    problems = county_data.cost_year("vasternorrland", 2025).problems
    assert {(p.path, p.line) for p in problems} >= {("costs[0].shares", 5)}
    assert any("add up to 90" in p.message for p in problems)
    assert any("unknown party 'ingen'" in p.message and p.line == 8 for p in problems)
