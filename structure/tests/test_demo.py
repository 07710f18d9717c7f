"""The demo: a live structure in every county, each with a few departures on purpose that show
what the compliance engine catches (README "Logga in i demot")."""

import pytest

from structure.compliance import ADVICE, ERROR, OK, WARNING, evaluate
from structure.demo import DEMO_COUNTIES, ensure_demo_structures

from .builders import loaded_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for county in DEMO_COUNTIES:
        loaded_county(county)
    assert ensure_demo_structures() == list(DEMO_COUNTIES)
    assert ensure_demo_structures() == []  # once


def caught(county):
    report = evaluate(county)
    return report, {(f.severity, f.rule, f.body) for f in report.problems}


def test_norrbotten_shows_missing_members_spread_substitutes_and_an_office(demo):
    report, found = caught("norrbotten")
    assert {
        (ERROR, "seat-count", "lansstyrgrupp"),
        (ERROR, "geographic-spread", "lansstyrgrupp"),
        (ERROR, "substitutes", "lansstyrgrupp"),
        (ERROR, "office-filled", "lansstyrgrupp"),
    } <= found
    assert report.count(OK) > 50


def test_vasterbotten_shows_a_missing_member_a_wrong_vice_chair_and_an_ending_term(demo):
    report, found = caught("vasterbotten")
    assert found == {
        (ERROR, "seat-count", "samrad-vard-omsorg"),
        (ERROR, "office-rotation", "samrad-vard-omsorg"),
        (WARNING, "term-ending", "samrad-vard-omsorg"),
    }
    assert any("Vindelns kommun" in f.message for f in report.problems)
    assert report.count(OK) > 50


def test_vasternorrland_shows_an_error_a_warning_and_advice(demo):
    report, found = caught("vasternorrland")
    assert found == {
        (ERROR, "seat-count", "lansledning"),
        (WARNING, "term-ending", "halsam"),
        (ADVICE, "different-municipalities", "presidium"),
    }
    assert report.count(OK) > 50


def test_the_compliance_page_shows_advice_apart_from_errors(demo, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.create_user("samordnare", password="x" * 16))
    html = client.get(reverse("structure:compliance", args=["vasternorrland"])).content.decode()
    assert '<h2 id="advice">1 rekommendation</h2>' in html
    assert '<li class="finding advice"><strong>Rekommendation:</strong> HälSams presidium:' in html
    assert "avsnitt ”Politisk samverkan inom HälSam”" in html and ".txt" not in html
    # Ånge's missing school chief is an error on the file's reading of "förvaltningschefer",
    # and the page says so.
    assert "<strong>Bygger på en tolkning:</strong> Dokumentet anger inga antal" in html
    advice_only = client.get(
        reverse("structure:compliance", args=["vasternorrland"]), {"severity": ADVICE}
    ).content.decode()
    assert "1 rekommendation</h2>" in advice_only and "0 fel" in advice_only


def test_check_prints_advice_without_failing_on_it(demo, capsys):
    from samverkan.cli import main

    assert main(["check", "vasternorrland"]) == 1  # for the länsledning's missing chief
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if line.startswith("REKOMMENDATION")]
    assert "olika kommuner" in line and "avsnitt ”Politisk samverkan inom HälSam”]" in line
    assert "1 rekommendation i överenskommelsen följs inte." in out
