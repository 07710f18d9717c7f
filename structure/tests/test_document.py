"""One version of one document, superseded versions included."""

import pytest

pytestmark = pytest.mark.django_db

# The version, with its county.
QUERIES = 1


def test_the_version_in_force(client, loaded_county):
    response = client.get("/norrbotten/dokument/lansstyrgrupp/2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Version 2" in html and 'class="tag">gäller' in html
    assert ".txt" not in html  # sources by title and section, not the seed's file name
    assert '<h3 id="body-lansstyrgrupp">Länsstyrgruppen</h3>' in html
    assert "Östra Norrbotten" in html  # the areas


def test_the_superseded_version_keeps_its_own_rules(client, loaded_county):
    html = client.get("/norrbotten/dokument/lansstyrgrupp/1/").content.decode()
    assert 'class="tag superseded">ersatt' in html
    assert ".txt" not in html
    assert "Divisions-/länschef" in html  # 000's five division chiefs


def test_the_guideline_shows_its_deadlines(client, loaded_county):
    html = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    assert "inom 5 arbetsdagar" in html and "inom 10 arbetsdagar" in html


def test_the_guideline_shows_the_whole_individual_level(client, loaded_county):
    html = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    # Actors, the plan's further contents, relatives, the plan owner and placement, each cited.
    assert "Familjecentraler och ungdomsmottagningar" in html
    assert "vem som mötet utsett till samordnare" in html
    assert "Närstående ska ges möjlighet" in html
    assert "Sunderby sjukhus" in html
    assert "(avsnitt ”Planansvarig”)" in html and "(avsnitt ”Samordnare”)" in html


@pytest.mark.parametrize(
    "url",
    [
        "/norrbotten/dokument/lansstyrgrupp/9/",
        "/norrbotten/dokument/nosuch/1/",
        "/nosuch/dokument/lansstyrgrupp/1/",
    ],
)
def test_unknown_version_document_or_county_is_404(client, loaded_county, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    for version in (1, 2):
        with django_assert_num_queries(QUERIES):
            response = client.get(f"/{county}/dokument/lansstyrgrupp/{version}/")
        assert response.status_code == 200
    sections = response.content.decode().count('<section aria-labelledby="body-')
    assert sections == (5 if size == "loaded_county" else 15)


def test_a_long_document_has_contents_whose_links_all_land(client, loaded_county):
    import re

    html = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    assert '<nav class="toc" aria-labelledby="toc-heading">' in html
    links = re.findall(r'href="#([\w-]+)"', html)
    ids = set(re.findall(r'id="([\w-]+)"', html))
    assert {"parties", "individual", "body-lansstyrgrupp"} <= set(links)
    assert set(links) <= ids


def test_the_encodings_interpretations_are_shown_with_the_documents_words(client, loaded_county):
    norrbus = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    assert "räknat från beslutet att kalla till mötet" in norrbus
    reading = '<span class="interpretation"><strong>Tolkning:</strong> Riktlinjen säger inte'
    assert reading in norrbus
    assert "<q>Vid akuta ärenden ska mötet komma till stånd snarast möjligt." in norrbus
    v2 = client.get("/norrbotten/dokument/lansstyrgrupp/2/").content.decode()
    assert "<q>Sammansatt är samverkansledare/samordnare och följer ordförandeskapet</q>" in v2


def test_a_recommendation_is_shown_as_one(client):
    from agreements.services import load_county

    load_county("vasternorrland")
    html = client.get("/vasternorrland/organ/lansledning/").content.decode()
    assert "förslagsvis minst 4 (en rekommendation, inte ett krav)" in html
    assert '<p class="advice-note">' in html and "<q>Fastställa mötesfrekvens" in html


def test_summaries_keep_the_documents_capitals(client):
    from agreements.services import load_county

    load_county("vasterbotten")
    html = client.get("/vasterbotten/").content.decode()
    # The leadership seminar's rule, as the document writes it (not lowercased).
    assert "<p>Möten per år: 1</p>" in html


def test_a_source_in_another_document_is_cited_by_that_documents_title(client, loaded_county):
    # Norrbus names eight of the municipalities only through the agreement (001 "Länsdelsnivå").
    html = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    assert (
        "Organisering av länsstyrgruppens samverkan inom hälso- och sjukvård, socialtjänst och "
        "skola, version 2, avsnitt ”Länsdelsnivå”"
    ) in html
    assert "(avsnitt ”Länsdelsnivå”)" in html  # Norrbus' own section of that name
