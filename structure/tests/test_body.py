"""A body's page: mandate, seats with their rules, offices and rotation, meetings, relations."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_steering_group_as_the_agreement_states_it(client, norrbotten):
    html = client.get("/norrbotten/organ/lansstyrgrupp/").content.decode()
    for text in (
        "Socialchef",  # seats
        "geografisk spridning",  # constraint
        "Ansvara för omvärldsbevakning i gemensamma frågor",  # mandate
        "Ordförande</strong>: växlar: Region Norrbotten → Kommunerna",  # office, rotation
        "minst 4",  # meetings per year (001)
        "Representanter länsstyrgruppen",  # source section
        "001_47e6bb73daa8c2fc.txt",  # seed
    ):
        assert text in html, text


def test_a_body_with_one_group_per_area_lists_them(client, norrbotten):
    html = client.get("/norrbotten/organ/lansdelsgrupp/").content.decode()
    assert "Östra Norrbotten" in html and "Kalix kommun" in html


def test_unknown_body_is_404(client, norrbotten):
    assert client.get("/norrbotten/organ/nosuch/").status_code == 404


def test_queries_constant_whatever_the_size(queries, norrbotten, big_county):
    assert queries("/norrbotten/organ/kommungrupp/") == queries(f"/{big_county}/organ/kommungrupp/")
