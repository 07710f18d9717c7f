"""A county's overview: levels, bodies with their seats, parties and the documents in force."""

import pytest

pytestmark = pytest.mark.django_db

# The agreement in force, and the county's other documents.
QUERIES = 2


def test_overview_by_level(client, loaded_county):
    response = client.get("/norrbotten/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Norrbottens län</h1>" in html
    levels = ["Politisk nivå", "Länsnivå", "Länsdelsnivå", "Kommunnivå"]
    positions = [html.index(name) for name in levels]
    assert positions == sorted(positions)
    assert "Länsstyrgruppen" in html and 'href="/norrbotten/organ/lansstyrgrupp/"' in html


def test_parties_and_the_other_documents_in_force(client, loaded_county):
    html = client.get("/norrbotten/").content.decode()
    assert "Region Norrbotten" in html and "Kalix kommun (kommunkod 2514)" in html
    assert 'href="/norrbotten/dokument/norrbus/1/"' in html
    # The superseded version of the agreement is not among the documents in force.
    assert "/norrbotten/dokument/lansstyrgrupp/1/" not in html


def test_links_to_the_diagram_areas_and_documents(client, loaded_county):
    html = client.get("/norrbotten/").content.decode()
    for url in ("/norrbotten/schema/", "/norrbotten/lansdelar/", "/norrbotten/dokument/"):
        assert f'href="{url}"' in html, url


def test_unknown_county_is_404(client, loaded_county):
    assert client.get("/nosuch/").status_code == 404


def test_a_county_without_an_agreement_in_force_is_404(client, loaded_county):
    from agreements.models import Agreement

    Agreement.objects.filter(county__slug="norrbotten", kind="agreement").update(in_force=False)
    assert client.get("/norrbotten/").status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    with django_assert_num_queries(QUERIES):
        response = client.get(f"/{county}/")
    assert response.status_code == 200
    bodies = response.content.decode().count(f'href="/{county}/organ/')
    assert bodies == (5 if size == "loaded_county" else 15)
