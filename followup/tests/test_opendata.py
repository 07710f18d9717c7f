"""Open data: public JSON and CSV per county and for every county, in Kolada's layout (indicator ×
area × period × value) with the county's and the municipalities' SCB codes; the JSON validates
against the schema the OpenAPI description gives; the small-number threshold holds (and no
hidden figure can be worked out); no person's name; bad input answers 404 or 422, never 500."""

import csv
import io
import json
from decimal import Decimal

import jsonschema_rs
import pytest
from django.test import Client
from django.utils import timezone

from followup.indicators import Indicator, Unit, Value, base
from followup.models import FollowupSettings
from followup.opendata import COLUMNS
from meetings.models import Attendance, Meeting
from meetings.tests.builders import meeting
from samverkan.api import api
from structure.tests.builders import appoint, loaded_county, organisation, person

pytestmark = pytest.mark.django_db

FILE = "/uppfoljning/oppna-data/norrbotten.json"


@pytest.fixture
def norrbotten():
    return loaded_county("norrbotten")


@pytest.fixture
def anonymous():
    return Client()


def _few(scope):
    """A personal indicator with known small groups: Luleå 3, Boden 20, the region 30."""
    if scope.breakdown == "county":
        sizes = {"": 53}
    else:
        sizes = {"2580": 3, "2582": 20, "other": 30}
    return [
        Value("few_individuals", scope.period.key, group, group, Decimal(n), n, n)
        for group, n in sizes.items()
    ]


@pytest.fixture
def personal(monkeypatch):
    base.indicators()  # the registry whole before one is added for the test
    item = Indicator(
        key="few_individuals",
        title="Few",
        definition="A test's count of individuals.",
        source="test",
        unit=Unit.COUNT,
        personal=True,
        compute=_few,
    )
    monkeypatch.setitem(base._REGISTRY, item.key, item)
    return item


def schema_of(name):
    document = api.get_openapi_schema()
    return jsonschema_rs.validator_for(
        {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    )


def test_a_countys_file_is_public_and_validates_against_its_schema(norrbotten, anonymous):
    response = anonymous.get(FILE, {"period": "2025"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    schema_of("OpenDataOut").validate(data)
    assert data["period"] == "2025"
    assert data["counties"] == [
        {
            "slug": "norrbotten",
            "name": "Norrbottens län",
            "area": "0025",
            "small_number_threshold": 5,
        }
    ]
    keys = {item["key"] for item in data["indicators"]}
    assert {"vacant_seats", "meetings_held_as_planned", "compliance_errors"} <= keys
    areas = {(row["area"], row["area_level"]) for row in data["rows"]}
    assert ("0025", "county") in areas and ("2580", "municipality") in areas
    # Every row is a county or a municipality with a code: the region's remainder is not a row.
    assert all(row["area"].isdigit() and len(row["area"]) == 4 for row in data["rows"])
    [vacant] = [r for r in data["rows"] if r["indicator"] == "vacant_seats" and r["area"] == "0025"]
    assert vacant["value"] == 85 and vacant["no_data"] is False and vacant["unit"] == "count"
    [held] = [
        r
        for r in data["rows"]
        if r["indicator"] == "meetings_held_as_planned" and r["area"] == "0025"
    ]
    assert held["value"] is None and held["no_data"] is True and held["suppressed"] is False


def test_the_csv_holds_the_same_rows(norrbotten, anonymous):
    data = json.loads(anonymous.get(FILE, {"period": "2025"}).content)
    response = anonymous.get("/uppfoljning/oppna-data/norrbotten.csv", {"period": "2025"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(data["rows"])
    [vacant] = [r for r in rows if r["indicator"] == "vacant_seats" and r["area"] == "0025"]
    assert (vacant["value"], vacant["no_data"], vacant["suppressed"]) == ("85", "false", "false")
    [held] = [
        r for r in rows if r["indicator"] == "meetings_held_as_planned" and r["area"] == "0025"
    ]
    assert (held["value"], held["numerator"], held["no_data"]) == ("", "", "true")


def test_the_national_file_holds_every_loaded_county(norrbotten, anonymous):
    loaded_county("vasterbotten")
    data = json.loads(anonymous.get("/uppfoljning/oppna-data/riket.json?period=2025").content)
    assert [c["area"] for c in data["counties"]] == ["0025", "0024"]
    assert {row["county"] for row in data["rows"]} == {"norrbotten", "vasterbotten"}
    same = [
        r for r in data["rows"] if r["indicator"] == "vacant_seats" and r["area_level"] == "county"
    ]
    assert len(same) == 2
    csv_file = anonymous.get("/uppfoljning/oppna-data/riket.csv?period=2025")
    assert csv_file.status_code == 200 and b"vasterbotten" in csv_file.content


def test_figures_under_the_threshold_and_those_they_could_be_worked_out_from_are_held_back(
    norrbotten, anonymous, personal
):
    rows = [
        r
        for r in json.loads(anonymous.get(FILE, {"period": "2025"}).content)["rows"]
        if r["indicator"] == "few_individuals"
    ]
    by_area = {r["area"]: r for r in rows}
    assert by_area["0025"]["value"] == 53
    # Luleå's 3 are under 5; Boden's 20 is held back too, or 53 - 30 - 20 would give Luleå.
    for area in ("2580", "2582"):
        row = by_area[area]
        assert row["suppressed"] is True and row["no_data"] is False
        assert row["value"] is row["numerator"] is row["denominator"] is None
    text = anonymous.get("/uppfoljning/oppna-data/norrbotten.csv", {"period": "2025"}).content
    assert b"few_individuals,norrbotten,2580,2580,municipality,2025,,,,count,false,true" in text
    # The county's own threshold: 60 holds back even the county's 53.
    FollowupSettings.objects.create(county=norrbotten, small_number_threshold=60)
    data = json.loads(anonymous.get(FILE, {"period": "2025"}).content)
    assert data["counties"][0]["small_number_threshold"] == 60
    assert all(
        r["suppressed"] and r["value"] is None
        for r in data["rows"]
        if r["indicator"] == "few_individuals"
    )


def test_no_persons_name_in_the_open_data(norrbotten, anonymous):
    org = organisation(norrbotten, "region-norrbotten")
    holder = person(org, name="Agnes Öppendatasson")
    appointment = appoint(holder, "lansstyrgrupp", "region-coordinator", organisation=org)
    held = meeting(norrbotten, "lansstyrgrupp", appointment.starts, status=Meeting.Status.HELD)
    Attendance.objects.create(meeting=held, person=holder, appointment=appointment, attended=True)
    period = str(appointment.starts.year)
    for kind in ("json", "csv"):
        body = anonymous.get(f"/uppfoljning/oppna-data/norrbotten.{kind}", {"period": period})
        assert "Öppendatasson" not in body.content.decode()
    for row in json.loads(anonymous.get(FILE, {"period": period}).content)["rows"]:
        assert set(row) == set(COLUMNS)


def test_bad_county_and_period_answer_404_and_422(norrbotten, anonymous):
    assert anonymous.get("/uppfoljning/oppna-data/nowhere.json").status_code == 404
    assert anonymous.get("/uppfoljning/oppna-data/nowhere.csv").status_code == 404
    assert anonymous.get("/uppfoljning/oppna-data/norrbotten.xml").status_code == 404
    for period in ("2025Q5", "1500", "x" * 300, "2025M13"):
        refused = anonymous.get(FILE, {"period": period})
        assert refused.status_code == 422
        body = json.loads(refused.content)
        assert set(body) == {"detail", "errors"} and body["errors"]["period"]
        assert period not in refused.content.decode()
        text = anonymous.get("/uppfoljning/oppna-data/riket.csv", {"period": period})
        assert text.status_code == 422 and text.content.decode() == body["errors"]["period"][0]


def test_the_api_gives_the_same_data_public_and_typed(norrbotten, anonymous):
    file = json.loads(anonymous.get(FILE, {"period": "2025"}).content)
    response = anonymous.get("/api/open-data/norrbotten", {"period": "2025"})
    assert response.status_code == 200 and response.json() == file
    national = anonymous.get("/api/open-data", {"period": "2025"})
    schema_of("OpenDataOut").validate(national.json())
    assert anonymous.get("/api/open-data/nowhere").status_code == 404
    refused = anonymous.get("/api/open-data/norrbotten", {"period": "2025Q9"})
    assert refused.status_code == 422 and refused.json()["errors"]["period"]
    assert anonymous.get("/api/open-data", {"period": "0001"}).status_code == 422


def test_the_openapi_description_types_every_field():
    components = api.get_openapi_schema()["components"]["schemas"]
    row = components["RowOut"]
    assert set(row["properties"]) == set(COLUMNS) and set(row["required"]) == set(COLUMNS)
    assert row["properties"]["unit"]["enum"] == ["share", "days", "count"]
    for name in ("OpenDataOut", "RowOut", "DefinitionOut", "CountyInfoOut"):
        assert components[name].get("additionalProperties") is not True
        for field in components[name]["properties"].values():
            assert field.get("type") or field.get("anyOf") or field.get("$ref") or field.get("enum")


def test_the_page_explains_the_files_and_links_them(norrbotten, anonymous):
    html = anonymous.get("/uppfoljning/oppna-data/").content.decode()
    assert "Öppna data" in html
    assert 'href="/uppfoljning/oppna-data/norrbotten.csv"' in html
    assert 'href="/uppfoljning/oppna-data/riket.json"' in html
    # The running year beside the last whole one.
    this_year = timezone.localdate().year
    assert f'href="/uppfoljning/oppna-data/norrbotten.json?period={this_year}"' in html
    assert f"Året hittills, {this_year}" in html and f"hela året, {this_year - 1}" in html
    assert 'id="vacant_seats"' in html and "Vakanta platser" in html
    assert 'href="/uppfoljning/definitioner/"' in html
