"""The compliance pages: for logged-in users, findings first, filters, constant queries."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from structure.demo import ensure_demo_structure
from structure.generator import populate

from .builders import loaded_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_client(client):
    user = get_user_model().objects.create_user("samordnare", password="x" * 16)
    client.force_login(user)
    return client


@pytest.fixture
def demo():
    loaded_county("norrbotten")
    ensure_demo_structure()


def test_anonymous_users_are_sent_to_log_in(client, demo):
    response = client.get(reverse("structure:compliance", args=["norrbotten"]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_findings_first_then_what_holds(user_client, demo):
    response = user_client.get(reverse("structure:compliance", args=["norrbotten"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="problems"') < html.index('id="holds"')
    assert "Östra Norrbotten" in html
    assert response.context["errors"] >= 3 and len(response.context["holds"]) > 50


def test_filters_by_rule_and_severity(user_client, demo):
    url = reverse("structure:compliance", args=["norrbotten"])
    response = user_client.get(url, {"rule": "geographic-spread", "severity": "error"})
    problems = response.context["problems"]
    assert problems and {f.rule for f, _ in problems} == {"geographic-spread"}
    assert response.context["holds"] == []


def test_a_bad_filter_is_ignored_with_a_message(user_client, demo):
    url = reverse("structure:compliance", args=["norrbotten"])
    response = user_client.get(url, {"on": "2026-02-30", "rule": "nosuch"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_body_page_shows_only_that_body(user_client, demo):
    url = reverse("structure:body_compliance", args=["norrbotten", "lansstyrgrupp"])
    response = user_client.get(url)
    assert {f.body for f, _ in response.context["problems"] + response.context["holds"]} == {
        "lansstyrgrupp"
    }
    assert (
        user_client.get(
            reverse("structure:body_compliance", args=["norrbotten", "nosuch"])
        ).status_code
        == 404
    )


def test_queries_do_not_grow_with_the_structure(user_client, django_assert_max_num_queries):
    loaded_county("vasterbotten")
    url = reverse("structure:compliance", args=["vasterbotten"])
    populate("vasterbotten", datetime.date(2020, 1, 1))
    # The first page after logging in writes the session's last activity.
    user_client.get(url)
    # The structure's rules, then one query each for the meetings' and the matters' rules.
    with django_assert_max_num_queries(16) as small:
        user_client.get(url)
    populate("vasterbotten", datetime.date(2022, 1, 1), seed=2)
    populate("vasterbotten", datetime.date(2024, 1, 1), seed=3)
    with django_assert_max_num_queries(16) as large:
        user_client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
