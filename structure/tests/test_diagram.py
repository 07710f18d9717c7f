"""The schematic diagram: an SVG drawn by Graphviz, with the same content as text."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db


def test_page_has_the_svg_and_a_text_alternative(client, norrbotten):
    html = client.get("/norrbotten/schema/").content.decode()
    assert "<svg" in html
    assert "Strukturen som text" in html
    assert "/norrbotten/organ/lansstyrgrupp/" in html


def test_svg_endpoint_is_valid_svg_with_links_to_the_bodies(client, norrbotten):
    response = client.get("/norrbotten/schema.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg")
    assert b"/norrbotten/organ/lansstyrgrupp/" in response.content
    assert b"Pilar" in response.content  # the legend


def test_queries_constant_whatever_the_size(queries, norrbotten, big_county):
    assert queries("/norrbotten/schema/") == queries(f"/{big_county}/schema/")
