"""The home page: every county with its documents in force."""

import pytest

pytestmark = pytest.mark.django_db


def test_lists_the_loaded_counties(client, norrbotten):
    html = client.get("/").content.decode()
    assert "Norrbottens län" in html and "/norrbotten/" in html
    assert "Norrbus" in html  # the guideline in force beside the agreement


def test_without_counties_says_how_to_load_one(client, db):
    assert "samverkan agreement load" in client.get("/").content.decode()


def test_queries_do_not_grow_with_the_number_of_counties(queries, norrbotten, big_county):
    from agreements.services import load_county

    before = queries("/")
    load_county("vasterbotten")
    load_county("vasternorrland")
    assert queries("/") == before
