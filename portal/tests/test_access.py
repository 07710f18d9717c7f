"""Who sees what on My pages: the young person from the county's age, the guardian until custody
ends, and no one else; a login that finds nothing gets the same neutral page whatever the
reason, and a portal session and a staff session never lend each other anything."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from plans.tests.test_case_steps import open_case
from portal.actions import do_record_guardian_identity
from portal.visitor import SESSION_KEY

from .conftest import GUARDIAN, STRANGER, enter, number

pytestmark = pytest.mark.django_db
YOUNG = number("20090918", "239")  # seventeen in 2026
CHILD = number("20140312", "239")  # twelve


def _neutral(text: str) -> str:
    """The page without what differs per request: the form token and the page's own address."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'name="next" value="[^"]+"', "", text)


@pytest.fixture
def young_case(met_case, orgs):
    _case, user = met_case
    school = orgs["lulea-barn-och-utbildning"]
    return open_case(user, school, identity_number=YOUNG, name="Hugo Sandberg", guardians=())


def test_the_young_person_from_the_age_sees_their_own_case(client, young_case):
    enter(client, YOUNG)
    home = client.get(reverse("portal:home"))
    assert "Din plan" in home.text
    page = client.get(reverse("portal:case", args=[young_case.pk]))
    assert page.status_code == 200
    event = AuditEvent.objects.filter(code="portal.overview_read").get()
    assert event.actor_name == f"portal:individual:{young_case.individual_id}"


def test_a_child_below_the_age_sees_nothing_of_their_own_and_is_told_kindly(
    client, planned, custody
):
    case, _user = planned
    enter(client, "20140312-2391")  # Elsa herself, twelve
    home = client.get(reverse("portal:home"))
    assert "från 15 års ålder" in home.text and "vårdnadshavare" in home.text
    assert "Elsa" not in home.text
    assert client.get(reverse("portal:case", args=[case.pk])).status_code == 404
    # The same words for a child of the same age who has no case at all.
    other = client.__class__()
    enter(other, CHILD)
    assert _neutral(other.get(reverse("portal:home")).text) == _neutral(home.text)


def test_a_stranger_and_a_guardian_whose_custody_ended_get_the_same_neutral_page(
    client, planned, custody
):
    case, user = planned
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    do_record_guardian_identity(
        user, case, custody.guardian, identity_number=GUARDIAN, custody_ends_on=yesterday
    )
    enter(client, GUARDIAN)
    ended = client.get(reverse("portal:home"))
    assert "Elsa" not in _neutral(ended.text)
    assert client.get(reverse("portal:case", args=[case.pk])).status_code == 404
    stranger = client.__class__()
    enter(stranger, STRANGER)
    assert _neutral(stranger.get(reverse("portal:home")).text) == _neutral(ended.text)
    refused = stranger.get(reverse("portal:case", args=[case.pk]))
    missing = stranger.get(reverse("portal:case", args=[case.pk + 1000]))
    assert refused.status_code == missing.status_code == 404
    assert _neutral(refused.text) == _neutral(missing.text)
    assert AuditEvent.objects.filter(code="portal.refused").count() == 3
    # The refusal names no individual: the trail tells nothing of whose case it was.
    assert not AuditEvent.objects.filter(code="portal.refused", individual_id__isnull=False)


def test_a_guardian_sees_only_their_own_childs_case(client, planned, custody, young_case):
    enter(client, GUARDIAN)
    assert client.get(reverse("portal:case", args=[young_case.pk])).status_code == 404
    assert "Hugo" not in client.get(reverse("portal:home")).text


def test_a_staff_user_does_not_see_the_portal(client, planned, custody):
    _case, user = planned
    client.force_login(user)
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")
    # Not even when the browser held a family member's session before the staff login.
    enter(client, GUARDIAN)
    client.force_login(user)
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")


def test_a_portal_login_gets_no_staff_rights(client, planned, custody):
    case, _user = planned
    enter(client, GUARDIAN)
    staff_page = client.get(reverse("plans:case", args=[case.pk]))
    assert staff_page.status_code == 302 and "/konto/" in staff_page["Location"]
    guardians = client.get(reverse("portal_staff:guardians", args=[case.pk]))
    assert guardians.status_code == 302


def test_the_session_ends_after_a_while_without_activity(client, custody, settings):
    enter(client, GUARDIAN)
    settings.SAMVERKAN_IDLE_SECONDS = -1
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:login")


def test_a_page_read_writes_the_last_activity_at_most_once_a_minute(client, custody):
    enter(client, GUARDIAN)
    seen = client.session[SESSION_KEY]["seen"]
    client.get(reverse("portal:home"))
    assert client.session[SESSION_KEY]["seen"] == seen
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "seen": seen - 61}
    session.save()
    client.get(reverse("portal:home"))
    assert client.session[SESSION_KEY]["seen"] >= seen
