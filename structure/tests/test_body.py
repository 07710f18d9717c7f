"""A body's page: mandate, seats with their rules, offices and rotation, meetings, relations."""

import pytest

pytestmark = pytest.mark.django_db

# The agreement in force; the rest is in its document.
QUERIES = 1


def test_the_steering_group_as_the_agreement_states_it(client, loaded_county):
    response = client.get("/norrbotten/organ/lansstyrgrupp/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "<h1>Länsstyrgruppen</h1>",
        "Socialchef",  # seats
        "geografisk spridning",  # constraint
        "Ansvara för omvärldsbevakning i gemensamma frågor",  # mandate
        "Ordförande</strong>: växlar: Region Norrbotten → Kommunerna",  # office, rotation
        "minst 4",  # meetings per year (001)
        "avsnitt ”Representanter länsstyrgruppen”",  # source section
        # The document by its title, never the seed's file name.
        "Organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, socialtjänst och "
        "skola, version 2",
    ):
        assert text in html, text
    assert ".txt" not in html


def test_relations_link_to_the_other_bodies(client, loaded_county):
    html = client.get("/norrbotten/organ/lansstyrgrupp/").content.decode()
    assert 'href="/norrbotten/organ/politisk-samverkansberedning/"' in html
    assert 'href="/norrbotten/organ/lansdelsgrupp/"' in html


def test_a_body_with_one_group_per_area_lists_them(client, loaded_county):
    html = client.get("/norrbotten/organ/lansdelsgrupp/").content.decode()
    assert "Östra Norrbotten" in html and "Kalix kommun" in html


def test_the_public_page_offers_no_management_links(client, loaded_county):
    html = client.get("/norrbotten/organ/lansstyrgrupp/").content.decode()
    assert "/ledamoter/" not in html and "/efterlevnad/" not in html


@pytest.mark.parametrize("url", ["/norrbotten/organ/nosuch/", "/nosuch/organ/lansstyrgrupp/"])
def test_unknown_body_or_county_is_404(client, loaded_county, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    # One body of each kind of instances: single, one per area, one per municipality.
    for body in ("lansstyrgrupp", "lansdelsgrupp", "kommungrupp"):
        with django_assert_num_queries(QUERIES):
            response = client.get(f"/{county}/organ/{body}/")
        assert response.status_code == 200
    html = client.get(f"/{county}/organ/lansdelsgrupp/").content.decode()
    groups = html.split('id="instances"')[1].count("<li>")
    assert groups == (4 if size == "loaded_county" else 10)
