"""A county's documents and their versions, with which is in force."""

import pytest

pytestmark = pytest.mark.django_db


def test_versions_and_which_is_in_force(client, norrbotten):
    html = client.get("/norrbotten/dokument/").content.decode()
    assert html.count("gäller") >= 2 and "ersatt" in html
    assert "/norrbotten/dokument/lansstyrgrupp/jamfor/" in html
    assert "000_71db6b5aebb27fef.txt" in html and "004_f032565bf336a804.txt" in html


def test_queries_constant(queries, norrbotten, big_county):
    assert queries("/norrbotten/dokument/") == queries(f"/{big_county}/dokument/")
