"""A county's overview: levels, bodies with their seats, and the documents in force."""

import pytest

pytestmark = pytest.mark.django_db


def test_overview_by_level(client, norrbotten):
    html = client.get("/norrbotten/").content.decode()
    levels = ["Politisk nivå", "Länsnivå", "Länsdelsnivå", "Kommunnivå"]
    positions = [html.index(name) for name in levels]
    assert positions == sorted(positions)
    assert "Länsstyrgruppen" in html and "/norrbotten/organ/lansstyrgrupp/" in html
    assert "/norrbotten/dokument/norrbus/1/" in html


def test_unknown_county_is_404(client, db):
    assert client.get("/nosuch/").status_code == 404


def test_queries_constant_whatever_the_size(queries, norrbotten, big_county):
    assert queries("/norrbotten/") == queries(f"/{big_county}/")
