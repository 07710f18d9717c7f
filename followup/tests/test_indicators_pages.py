"""The follow-up page and the definitions: who may read a county's figures, the threshold and
"no data" as the page says them, and bad filter input answered with a message, never a 500."""

import pytest
from django.contrib.auth.models import Group
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Membership
from accounts.roles import CHAIR_GROUP
from followup.indicators import Period, PeriodError, indicators
from followup.models import FollowupSettings
from plans.tests.individual import user_of
from plans.tests.test_case_pages import verified_login
from structure.models import Organisation

from .test_indicators import D, case

pytestmark = pytest.mark.django_db

URL = "/uppfoljning/norrbotten/"


@pytest.fixture
def county(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def opener(people):
    return people["worker"]


@pytest.fixture
def people(county):
    region = Organisation.objects.get(
        county=county, key="region-norrbotten-halso-och-sjukvardsenheten"
    )
    social = Organisation.objects.get(county=county, key="lulea-socialtjansten")
    chair = user_of(social, "ordf", Membership.Role.UNIT_MANAGER)
    chair.groups.add(Group.objects.get_or_create(name=CHAIR_GROUP)[0])
    return {
        "coordinator": user_of(region, "koord", Membership.Role.COORDINATOR),
        "auditor": user_of(region, "gransk", Membership.Role.AUDITOR),
        "chair": chair,
        "worker": user_of(social, "arbetare"),
    }


@pytest.mark.parametrize("who", ["coordinator", "auditor", "chair"])
def test_the_countys_coordinators_chairs_and_auditors_read_its_follow_up(client, people, who):
    verified_login(client, people[who])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Uppföljning av Norrbottens län" in page
    for item in indicators():
        assert str(item.title) in page


def test_a_worker_or_another_countys_coordinator_may_not(client, people, county):
    verified_login(client, people["worker"])
    assert client.get(URL).status_code == 403
    from structure.tests.builders import loaded_county

    elsewhere = Organisation.objects.create(
        county=loaded_county("vasterbotten"),
        key="vb-region",
        name="Region Västerbotten",
        principal="region-vasterbotten",
        sector="health_care",
    )
    client.logout()
    verified_login(client, user_of(elsewhere, "vbkoord", Membership.Role.COORDINATOR))
    assert client.get(URL).status_code == 403


def test_the_second_factor_comes_first(client, people):
    client.force_login(people["coordinator"])
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/tvafaktor/" in response["Location"]


def test_no_data_and_fewer_than_the_threshold_are_said_in_words(client, people, county, opener):
    for _ in range(3):
        case(county, opener, opened=D("2025-02-03"), born=D("2015-01-01"))
    verified_login(client, people["coordinator"])
    page = client.get(URL, {"period": "2025"}).content.decode()
    assert "färre än 5" in page
    assert "Inga uppgifter" in page
    assert "0,0 %" not in page
    FollowupSettings.objects.create(county=county, small_number_threshold=3)
    page = client.get(URL, {"period": "2025", "breakdown": "area"}).content.decode()
    assert "Boden/Luleå" in page
    assert "färre än 3" not in page.split('id="cases_by_age_group"')[1].split("</section>")[0]


def test_the_rule_in_force_is_shown_from_the_guideline(client, people):
    verified_login(client, people["coordinator"])
    page = client.get(URL).content.decode()
    assert "5 arbetsdagar från samtycke från barnet/den unge och föräldrar" in page
    assert "Arbetsmodell för samverkan" in page


@pytest.mark.parametrize(
    "query",
    [
        {"period": "2025Q5"},
        {"period": "tjugohundra"},
        {"period": "9999"},
        {"period": "2025" * 10},
        {"breakdown": "kommun; drop table"},
        {"period": "2025\x00"},
    ],
)
def test_bad_filters_get_a_message_and_keep_what_was_typed(client, people, query):
    verified_login(client, people["coordinator"])
    response = client.get(URL, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Uppföljning av Norrbottens län" in page


def test_an_unknown_county_is_404(client, people):
    verified_login(client, people["coordinator"])
    assert client.get("/uppfoljning/atlantis/").status_code == 404


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_any_period_text_is_a_period_or_a_clear_error(text):
    try:
        period = Period.parse(text)
    except PeriodError as error:
        assert str(error.args[0])
    else:
        assert period.start <= period.end
        assert Period.parse(period.key) == period


def test_the_definitions_are_for_every_logged_in_user(client, people):
    client.force_login(people["worker"])
    page = client.get("/uppfoljning/definitioner/").content.decode()
    for item in indicators():
        assert f'id="{item.key}"' in page
        assert str(item.definition)[:40] in page
    # The source by the document's title, not the seed file's name.
    assert "004_f032565bf336a804.txt" not in page
    assert "Norrbus" in page
    client.logout()
    assert client.get("/uppfoljning/definitioner/").status_code == 302


def test_the_county_page_links_the_follow_up(client, people):
    from django.urls import reverse

    verified_login(client, people["coordinator"])
    page = client.get(reverse("structure:county", args=["norrbotten"])).content.decode()
    assert 'href="/uppfoljning/norrbotten/"' in page


THRESHOLD_URL = "/uppfoljning/norrbotten/grans-for-sma-tal/"


def test_the_countys_coordinator_sets_the_threshold_and_it_is_audited(client, people, county):
    from audit.models import AuditEvent

    verified_login(client, people["coordinator"])
    assert "Spara gränsen" in client.get(URL).content.decode()
    response = client.post(THRESHOLD_URL, {"small_number_threshold": "3"})
    assert response.status_code == 302
    assert FollowupSettings.threshold_for(county) == 3
    event = AuditEvent.objects.get(code="followup.threshold_set")
    assert event.params == {"threshold": 3}
    assert "Ingen siffra om färre än 3 individer visas." in client.get(URL).content.decode()


@pytest.mark.parametrize("bad", ["0", "101", "fem", "", "3.5", "9" * 30])
def test_a_bad_threshold_is_refused_with_a_message_and_nothing_changes(client, people, county, bad):
    verified_login(client, people["coordinator"])
    response = client.post(THRESHOLD_URL, {"small_number_threshold": bad})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert FollowupSettings.threshold_for(county) == 5


@pytest.mark.parametrize("who", ["auditor", "chair"])
def test_readers_do_not_set_the_threshold(client, people, county, who):
    verified_login(client, people[who])
    assert "Spara gränsen" not in client.get(URL).content.decode()
    assert client.post(THRESHOLD_URL, {"small_number_threshold": "2"}).status_code == 403
    assert FollowupSettings.threshold_for(county) == 5
