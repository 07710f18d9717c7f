"""The cost statement's pages: who may see them, the county's year, a party's own statement,
the CSV, and bad input answered without a 500."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Membership
from accounts.roles import CHAIR_GROUP
from agreements import county_data
from plans.tests.individual import user_of
from plans.tests.test_case_pages import verified_login
from structure.models import Organisation
from structure.tests.builders import loaded_county

from .test_costs import COORDINATORS_2025

URL = "/uppfoljning/kostnader/vasterbotten/2025/"


@pytest.fixture
def world(db, settings, tmp_path):
    settings.AGREEMENT_DIRS = [*settings.AGREEMENT_DIRS, tmp_path]
    county_data._cache.clear()
    (tmp_path / "vasterbotten").mkdir()
    (tmp_path / "vasterbotten" / "costs-2025.yaml").write_text(COORDINATORS_2025, encoding="utf-8")
    county = loaded_county("vasterbotten")
    loaded_county("norrbotten")
    region = Organisation.objects.create(
        county=county,
        key="region-vb",
        name="Region Västerbotten",
        principal="region-vasterbotten",
        sector="health_care",
    )
    umea = Organisation.objects.create(
        county=county,
        key="umea-soc",
        name="Umeå socialtjänst",
        principal="umea",
        sector="social_services",
    )
    chair = user_of(umea, "ordf", Membership.Role.UNIT_MANAGER)
    chair.groups.add(Group.objects.get_or_create(name=CHAIR_GROUP)[0])
    lulea = Organisation.objects.get(key="lulea-socialtjansten")
    return {
        "coordinator": user_of(region, "koord", Membership.Role.COORDINATOR),
        "auditor": user_of(region, "gransk", Membership.Role.AUDITOR),
        "chair": chair,
        "worker": user_of(umea, "arbetare"),
        "elsewhere": user_of(lulea, "norr", Membership.Role.COORDINATOR),
    }


@pytest.mark.parametrize("who", ["coordinator", "auditor", "chair"])
def test_the_countys_coordinators_chairs_and_auditors_read_the_statement(client, world, who):
    verified_login(client, world[who])
    page = client.get(URL).content.decode()
    assert "Kostnadsfördelning 2025" in page
    assert "Regionala koordinatorer" in page
    assert "900\xa0000,00" in page


@pytest.mark.parametrize("who", ["worker", "elsewhere"])
def test_others_may_not(client, world, who):
    verified_login(client, world[who])
    assert client.get(URL).status_code == 403
    assert client.get(URL + "umea/").status_code == 403


def test_the_second_factor_comes_first(client, world):
    client.force_login(world["coordinator"])
    response = client.get(URL)
    assert response.status_code == 302 and "tvafaktor" in response["Location"]
    client.logout()
    assert client.get(URL).status_code == 302


def test_a_partys_own_statement(client, world):
    verified_login(client, world["coordinator"])
    page = client.get(URL + "umea/").content.decode()
    assert "Kostnadsredovisning 2025, Umeå kommun" in page
    assert "Respektive huvudman svarar för sina representanters kostnader" in page


def test_the_csv_for_the_finance_departments(client, world):
    verified_login(client, world["auditor"])
    response = client.get(URL + "kostnader.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "kostnader-vasterbotten-2025.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("År;")
    assert "Region Västerbotten;50,0000;900000,00" in text


@pytest.mark.parametrize(
    "url",
    [
        "/uppfoljning/kostnader/vasterbotten/1999/",
        "/uppfoljning/kostnader/vasterbotten/99999999999999999999/",
        "/uppfoljning/kostnader/ingenstans/2025/",
        URL + "ingen-part/",
    ],
)
def test_bad_input_is_not_found(client, world, url):
    verified_login(client, world["coordinator"])
    assert client.get(url).status_code == 404


def test_a_year_without_data_says_what_is_missing(client, world):
    verified_login(client, world["coordinator"])
    page = client.get("/uppfoljning/kostnader/vasterbotten/2024/").content.decode()
    assert "costs-2024.yaml" in page
    assert "Kommunerna tillsammans" in page


@pytest.mark.parametrize("county", ["norrbotten", "vasterbotten", "vasternorrland"])
def test_every_countys_statement_reads_whatever_its_data(client, world, county):
    loaded_county(county)
    admin = get_user_model().objects.create_superuser("chef", password="x" * 16)
    verified_login(client, admin)
    for year in (2000, 2023, 2026, 2100):
        response = client.get(f"/uppfoljning/kostnader/{county}/{year}/")
        assert response.status_code == 200
    page = response.content.decode()
    if county == "norrbotten":
        assert "Överenskommelsen delar inte kostnaderna för någon funktion" in page
    if county == "vasternorrland":
        assert "3\xa0400\xa0000,00" in page and "Samverkanskoordinator" in page
        assert "lönekostnader inkl. OH" in page
    if county == "vasterbotten":
        assert "2,0 årsarbetare" in page and "Anställda hos Region Västerbotten" in page


def test_the_countys_costs_open_at_this_year_with_the_years_around(client, world):
    verified_login(client, world["coordinator"])
    response = client.get("/uppfoljning/kostnader/vasterbotten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/uppfoljning/kostnader/vasterbotten/20")
    page = client.get(URL).content.decode()
    assert "/uppfoljning/kostnader/vasterbotten/2024/" in page
    assert "/uppfoljning/kostnader/vasterbotten/2026/" in page
    assert "/uppfoljning/vasterbotten/" in page
    verified_login(client, world["worker"])
    assert client.get("/uppfoljning/kostnader/vasterbotten/").status_code == 403
