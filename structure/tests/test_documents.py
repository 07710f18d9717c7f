"""A county's documents and their versions, with which is in force."""

import pytest

pytestmark = pytest.mark.django_db

# Every version of every document of the county, without their content.
QUERIES = 1


def test_versions_and_which_is_in_force(client, loaded_county):
    response = client.get("/norrbotten/dokument/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dokument och versioner</h1>" in html
    assert html.count('class="tag">gäller') == 2  # the agreement's version 2 and Norrbus
    assert html.count('class="tag superseded">ersatt') == 1  # the agreement's version 1
    assert ".txt" not in html  # the documents by title and label, not by seed file
    assert "Ursprunglig överenskommelse" in html and "Reviderad Norrbus" in html
    for url in ("lansstyrgrupp/1/", "lansstyrgrupp/2/", "norrbus/1/"):
        assert f'href="/norrbotten/dokument/{url}"' in html, url


def test_only_a_document_with_several_versions_can_be_compared(client, loaded_county):
    html = client.get("/norrbotten/dokument/").content.decode()
    assert 'href="/norrbotten/dokument/lansstyrgrupp/jamfor/"' in html
    assert "/norrbotten/dokument/norrbus/jamfor/" not in html


def test_unknown_county_is_404(client, loaded_county):
    assert client.get("/nosuch/dokument/").status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    with django_assert_num_queries(QUERIES):
        response = client.get(f"/{county}/dokument/")
    assert response.status_code == 200
    versions = response.content.decode().count(f'href="/{county}/dokument/lansstyrgrupp/')
    assert versions == (2 if size == "loaded_county" else 4) + 1  # and the comparison
