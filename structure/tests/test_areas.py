"""The areas and their municipalities."""

import pytest

pytestmark = pytest.mark.django_db


def test_four_areas_of_the_agreement_in_force(client, norrbotten):
    response = client.get("/norrbotten/lansdelar/")
    html = response.content.decode()
    assert "4 länsdelar" in html
    assert "Kalix kommun (2514)" in html and "Pite älvdal" in html


def test_a_county_without_areas_says_so(client, db):
    from agreements.services import load_county

    load_county("vasternorrland")
    assert "delar inte in länet" in client.get("/vasternorrland/lansdelar/").content.decode()


def test_queries_constant_whatever_the_size(queries, norrbotten, big_county):
    assert queries("/norrbotten/lansdelar/") == queries(f"/{big_county}/lansdelar/")
