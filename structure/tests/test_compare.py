"""Comparing two versions: the differences in words, as a page or an htmx fragment."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/norrbotten/dokument/lansstyrgrupp/jamfor/"
HTMX = {"HX-Request": "true"}
# The document's versions, then the two compared with their content.
QUERIES = 3


def test_meetings_per_year_four_to_at_least_four(client, loaded_county):
    response = client.get(URL, {"from": 1, "to": 2})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "<h1>Jämför versioner</h1>" in html
    assert "per år: 4 → minst 4" in html
    assert '<option value="1" selected>' in html and '<option value="2" selected>' in html


def test_by_default_the_first_and_the_last_version(client, loaded_county):
    html = client.get(URL).content.decode()
    assert "Från version 1 till version 2" in html and "minst 4" in html


def test_a_version_against_itself_has_no_differences(client, loaded_county):
    assert "Inga skillnader." in client.get(URL, {"from": 2, "to": 2}).content.decode()


def test_htmx_gets_only_the_changes(client, loaded_county):
    response = client.get(URL, {"from": 1, "to": 2}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html and "<h1>" not in html
    assert html.lstrip().startswith("<h2>Från version 1 till version 2</h2>")
    assert "per år: 4 → minst 4" in html


def test_htmx_with_bad_versions_gets_the_message_alone(client, loaded_county):
    response = client.get(URL, {"from": "x"}, headers=HTMX)
    html = response.content.decode()
    assert '<p class="error" role="alert">' in html and "<html" not in html


@pytest.mark.parametrize("params", [{"from": "x"}, {"from": 7, "to": 2}])
def test_bad_versions_get_a_message(client, loaded_county, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Välj två versioner" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/norrbotten/dokument/nosuch/jamfor/", "/nosuch/dokument/lansstyrgrupp/jamfor/"]
)
def test_unknown_document_or_county_is_404(client, loaded_county, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", ["loaded_county", "big_county"])
def test_queries_the_same_whatever_the_size(client, request, size, django_assert_num_queries):
    county = request.getfixturevalue(size)
    url = f"/{county}/dokument/lansstyrgrupp/jamfor/"
    for headers in ({}, HTMX):
        with django_assert_num_queries(QUERIES):
            response = client.get(url, headers=headers)
        assert response.status_code == 200
    expected = "4 → minst 4" if size == "loaded_county" else "minst 1 → minst 4"
    assert expected in response.content.decode()
