"""The home page: every county with its documents in force."""

import pytest

from agreements.services import load_county

pytestmark = pytest.mark.django_db

QUERIES = 1


def test_lists_the_loaded_counties_and_their_documents_in_force(client, loaded_county):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samverkansstrukturer" in html
    assert "Norrbottens län" in html and 'href="/norrbotten/"' in html
    assert "Norrbus" in html  # the guideline in force beside the agreement
    # Only the version in force of the agreement, not the superseded one beside it.
    assert html.count("Organisering av länsstyrgruppens samverkan") == 1
    assert "version 2" in html


def test_without_counties_says_how_to_load_one(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "samverkan agreement load" in response.content.decode()


def test_counties_in_alphabetical_order(client, loaded_county):
    load_county("vasternorrland")
    load_county("vasterbotten")
    html = client.get("/").content.decode()
    names = ["Norrbottens län", "Västerbottens län", "Västernorrlands län"]
    assert [html.index(n) for n in names] == sorted(html.index(n) for n in names)


def test_one_query_with_one_county(client, loaded_county, django_assert_num_queries):
    with django_assert_num_queries(QUERIES):
        assert client.get("/").status_code == 200


def test_one_query_with_four_counties_one_of_them_large(
    client, loaded_county, big_county, django_assert_num_queries
):
    load_county("vasterbotten")
    load_county("vasternorrland")
    with django_assert_num_queries(QUERIES):
        response = client.get("/")
    assert response.content.decode().count('class="card-title"') == 4
