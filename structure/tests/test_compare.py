"""Comparing two versions: the differences in words, as a page or an htmx fragment."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/norrbotten/dokument/lansstyrgrupp/jamfor/"


def test_meetings_per_year_four_to_at_least_four(client, norrbotten):
    html = client.get(URL, {"from": 1, "to": 2}).content.decode()
    assert "per år: 4 → minst 4" in html
    assert "<html" in html


def test_htmx_gets_only_the_changes(client, norrbotten):
    response = client.get(URL, {"from": 1, "to": 2}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "minst 4" in html and "<html" not in html


@pytest.mark.parametrize("params", [{"from": "x"}, {"from": 7, "to": 2}])
def test_bad_versions_get_a_message(client, norrbotten, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Välj två versioner" in response.content.decode()


def test_unknown_document_is_404(client, norrbotten):
    assert client.get("/norrbotten/dokument/nosuch/jamfor/").status_code == 404
