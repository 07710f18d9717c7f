"""The areas and their municipalities."""

import pytest

from agreements.services import load_county

pytestmark = pytest.mark.django_db

# The agreement in force; areas and parties are in its document.
QUERIES = 1


def test_four_areas_of_the_agreement_in_force(client, loaded_county):
    response = client.get("/norrbotten/lansdelar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Länsdelar och deras kommuner</h1>" in html
    assert "4 länsdelar" in html
    assert "Kalix kommun (2514)" in html and "Pite älvdal" in html
    assert "Kommuner utan länsdel" not in html


def test_each_municipality_once(client, loaded_county):
    html = client.get("/norrbotten/lansdelar/").content.decode()
    for name in ("Kalix kommun", "Luleå kommun", "Kiruna kommun", "Arjeplogs kommun"):
        assert html.count(name) == 1, name


def test_a_county_without_areas_says_so(client, db):
    load_county("vasternorrland")
    response = client.get("/vasternorrland/lansdelar/")
    assert response.status_code == 200
    assert "delar inte in länet" in response.content.decode()


def test_unknown_county_is_404(client, loaded_county):
    assert client.get("/nosuch/lansdelar/").status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    with django_assert_num_queries(QUERIES):
        response = client.get(f"/{county}/lansdelar/")
    assert response.status_code == 200
    rows = response.content.decode().count('<th scope="row">')
    assert rows == (4 if size == "loaded_county" else 10)
