"""A case is opened only for someone of the county's target group ages: Norrbus covers children
and young people up to and including 20 (004 "Målgrupp"); Västerbotten's agreement covers
children, adults and the elderly, so every age."""

import datetime

import pytest
from django.utils import timezone

from plans.models import Case
from plans.rules import individual_rules
from plans.tests.test_adults import vasterbotten  # noqa: F401 (the fixture)
from plans.tests.test_api import login, post
from plans.tests.test_case_steps import counsellor, county, school  # noqa: F401
from portal.demo import test_number as made_up_number

pytestmark = pytest.mark.django_db


def born_years_ago(years: int) -> str:
    """The number of someone who turned `years` on the first of this month."""
    today = timezone.localdate()
    return made_up_number(
        datetime.date(today.year - years, today.month, 1).strftime("%Y%m%d"), "238"
    )


def opening(number, **changes):
    return {
        "identity_number": number,
        "name": "Saga Niemi",
        "concern": "Behöver stöd från flera.",
        **changes,
    }


def test_norrbus_encodes_its_target_group_up_to_and_including_20(county):  # noqa: F811
    rules, document = individual_rules(county)
    [group] = rules.target_groups
    assert (group.min_age, group.max_age) == (None, 20)
    assert "upp till och med 20 års ålder" in group.description
    assert group.source.section == "Målgrupp" and document.title.startswith("Norrbus")


def test_a_21_year_old_is_refused_on_the_page_and_in_the_api(client, counsellor):  # noqa: F811
    login(client, counsellor)
    page = client.post("/arenden/nytt/", opening(born_years_ago(21)))
    text = page.content.decode()
    assert page.status_code == 200 and Case.objects.count() == 0
    assert "Personen är 21 år, utanför målgruppen för Norrbus – gemensamma riktlinjer" in text
    assert "(avsnittet ”Målgrupp”)" in text
    assert "upp till och med 20 års ålder" in text
    assert "Saga Niemi" in text  # what was typed is kept
    answer = post(client, "/api/cases", opening(born_years_ago(21)))
    assert answer.status_code == 422
    [message] = answer.json()["errors"]["identity_number"]
    assert "utanför målgruppen för Norrbus" in message
    assert Case.objects.count() == 0


def test_a_20_year_old_is_within_it(client, counsellor):  # noqa: F811
    login(client, counsellor)
    answer = post(client, "/api/cases", opening(born_years_ago(20)))
    assert answer.status_code == 201, answer.json()


def test_vasterbotten_covers_every_age(client, vasterbotten):  # noqa: F811
    user, _social, _region = vasterbotten
    login(client, user)
    answer = post(client, "/api/cases", opening(born_years_ago(88)))
    assert answer.status_code == 201, answer.json()
