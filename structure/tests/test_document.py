"""One version of one document, superseded versions included."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_superseded_version_keeps_its_own_rules(client, norrbotten):
    html = client.get("/norrbotten/dokument/lansstyrgrupp/1/").content.decode()
    assert "ersatt" in html
    assert "Divisions-/länschef" in html  # 000's five division chiefs


def test_the_guideline_shows_its_deadlines(client, norrbotten):
    html = client.get("/norrbotten/dokument/norrbus/1/").content.decode()
    assert "inom 5 arbetsdagar" in html and "inom 10 arbetsdagar" in html


@pytest.mark.parametrize(
    "url", ["/norrbotten/dokument/lansstyrgrupp/9/", "/norrbotten/dokument/x/1/"]
)
def test_unknown_version_is_404(client, norrbotten, url):
    assert client.get(url).status_code == 404
