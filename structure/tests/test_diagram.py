"""The schematic diagram: an SVG drawn by Graphviz, with the same content as text."""

import xml.etree.ElementTree as ET

import pytest

from agreements.models import Agreement
from structure import services

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
# The agreement in force; the diagram is drawn without the database.
QUERIES = 1
NORRBOTTEN_BODIES = [
    "politisk-samverkansberedning",
    "lansstyrgrupp",
    "lansstyrgrupp-au",
    "lansdelsgrupp",
    "kommungrupp",
]


def _links(root: ET.Element) -> set[str]:
    # Graphviz also wraps the arrows in <a>, for their tooltips, without an address.
    return {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")} - {None}


@pytest.fixture
def draws(monkeypatch):
    """How many times Graphviz has drawn, starting from an empty cache."""
    calls = []
    draw = services._draw
    monkeypatch.setattr(services, "_diagrams", {})
    monkeypatch.setattr(services, "_draw", lambda *args: calls.append(args) or draw(*args))
    return calls


def test_page_has_the_svg_and_a_text_alternative(client, loaded_county):
    response = client.get("/norrbotten/schema/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="diagram" role="img" aria-labelledby="diagram-caption"><svg' in html
    assert '<figcaption id="diagram-caption">' in html
    text = html[html.index('id="text-alternative"') :]
    assert "Strukturen som text" in text
    for body in NORRBOTTEN_BODIES:
        assert f'href="/norrbotten/organ/{body}/"' in text, body
    assert "Politisk samverkansberedning styr Länsstyrgruppen" in text
    assert "Samverkansgrupp på kommunnivå rapporterar till Länsdelssamverkan" in text
    assert 'href="/norrbotten/schema.svg" download' in html


def test_the_page_shows_the_same_svg_as_the_endpoint(client, loaded_county):
    svg = client.get("/norrbotten/schema.svg").content.decode()
    assert svg in client.get("/norrbotten/schema/").content.decode()


def test_svg_endpoint_is_valid_svg_with_links_to_the_bodies(client, loaded_county):
    response = client.get("/norrbotten/schema.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert _links(root) == {f"/norrbotten/organ/{body}/" for body in NORRBOTTEN_BODIES}
    # No node ids as hover titles; the names and the legend are drawn.
    assert not list(root.iter(f"{SVG}title"))
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert "Länsstyrgruppen" in texts and "Pilar" in texts


def test_the_svg_is_drawn_once_per_version(client, loaded_county, draws):
    for url in ("/norrbotten/schema.svg", "/norrbotten/schema/", "/norrbotten/schema.svg"):
        assert client.get(url).status_code == 200
    assert len(draws) == 1
    # A corrected file of the version in force has another checksum: drawn anew.
    Agreement.objects.filter(county__slug="norrbotten", in_force=True).update(checksum="0" * 64)
    assert client.get("/norrbotten/schema.svg").status_code == 200
    assert len(draws) == 2


@pytest.mark.parametrize("url", ["/nosuch/schema/", "/nosuch/schema.svg"])
def test_unknown_county_is_404(client, loaded_county, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    for url in (f"/{county}/schema/", f"/{county}/schema.svg"):
        with django_assert_num_queries(QUERIES):
            response = client.get(url)
        assert response.status_code == 200
    assert len(_links(ET.fromstring(response.content))) == (5 if size == "loaded_county" else 15)
