"""The emergency access page: only professionals and unit managers; a written reason and the
number open every case about the individual for a while, reads under it are flagged; the number
never reaches a URL, the page after success, or an error page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.views.debug import SafeExceptionReporterFilter

from accounts.models import Membership
from audit.models import AuditEvent
from plans.models import EmergencyAccess
from structure.models import Organisation

from .test_case_pages import verified_login
from .test_case_steps import open_case

pytestmark = pytest.mark.django_db
URL = "/arenden/nodatkomst/"
NUMBER = "20140312-2391"  # Elsa Lantto's, in open_case
DIGITS = ("20140312", "2391", "1403122391")
REASON = "Akut oro på akutmottagningen, vårdnadshavare nås inte."


@pytest.fixture
def setting(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    kalix = Organisation.objects.get(county=county, key="kalix-socialtjansten")
    users = {}
    for name, organisation, role in (
        ("kurator", school, "professional"),
        ("kalix", kalix, "professional"),
        ("chef", kalix, "unit_manager"),
        ("samordnare", kalix, "coordinator"),
        ("granskare", kalix, "auditor"),
        ("admin", kalix, "administrator"),
    ):
        users[name] = get_user_model().objects.create_user(name, password="x" * 16)
        Membership.objects.create(user=users[name], organisation=organisation, role=role)
    users["nobody"] = get_user_model().objects.create_user("nobody", password="x" * 16)
    return open_case(users["kurator"], school), users


def no_number_in(text: str):
    assert not any(digits in text for digits in DIGITS)


@pytest.mark.parametrize("name", ["samordnare", "granskare", "admin", "nobody"])
def test_other_roles_are_refused(client, setting, name):
    _case, users = setting
    verified_login(client, users[name])
    assert client.get(URL).status_code == 403
    data = {"identity_number": NUMBER, "reason": REASON, "understood": "on"}
    assert client.post(URL, data).status_code == 403
    assert not EmergencyAccess.objects.exists()


@pytest.mark.parametrize("name", ["kalix", "chef"])
def test_professionals_and_unit_managers_get_the_form(client, setting, name):
    _case, users = setting
    verified_login(client, users[name])
    response = client.get(URL)
    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"identity_number", "reason", "understood"}
    assert URL in client.get("/arenden/").content.decode()  # linked from the worklist


def test_the_worklist_links_to_it_only_for_those_who_may_use_it(client, setting):
    _case, users = setting
    verified_login(client, users["samordnare"])
    assert URL not in client.get("/arenden/").content.decode()


def test_anonymous_and_unverified_users_are_sent_away(client, setting):
    _case, users = setting
    assert client.get(URL).status_code == 302
    client.force_login(users["kalix"])
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/tvafaktor/" in response["Location"]


def test_emergency_access_opens_the_case_for_a_while(client, setting):
    case, users = setting
    verified_login(client, users["kalix"])
    assert client.get(f"/arenden/{case.pk}/").status_code == 404  # outside participation

    data = {"identity_number": NUMBER, "reason": REASON, "understood": "on"}
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    access = EmergencyAccess.objects.get(user=users["kalix"])
    assert access.reason == REASON and access.individual == case.individual
    assert access.ends_at > timezone.now() + datetime.timedelta(minutes=30)
    assert [a.pk for a in response.context["accesses"]] == [access.pk]
    html = response.content.decode()
    assert f'href="/arenden/{case.pk}/"' in html
    no_number_in(html)
    assert not response.context["form"].is_bound  # a fresh form, no number written back

    read = client.get(f"/arenden/{case.pk}/")
    assert read.status_code == 200
    event = AuditEvent.objects.filter(action="read", object_id=str(case.pk)).get()
    assert event.emergency and event.actor == users["kalix"]
    opened = AuditEvent.objects.get(object_type="plans.emergencyaccess", action="create")
    assert opened.emergency and opened.reason == REASON

    # When the access has ended, the case is out of reach again.
    EmergencyAccess.objects.filter(pk=access.pk).update(
        ends_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get(f"/arenden/{case.pk}/").status_code == 404
    assert client.get(URL).context["accesses"].count() == 0


@pytest.mark.parametrize(
    "data, field",
    [
        ({"identity_number": NUMBER, "reason": "Brått.", "understood": "on"}, "reason"),
        ({"identity_number": NUMBER, "reason": REASON}, "understood"),
        ({"identity_number": NUMBER, "reason": "a" * 40, "understood": "on"}, "reason"),
        ({"identity_number": "20140312-2392", "reason": REASON, "understood": "on"}, None),
    ],
    ids=["short reason", "not confirmed", "one letter repeated", "invalid number"],
)
def test_bad_input_is_refused_and_kept(client, setting, data, field):
    _case, users = setting
    verified_login(client, users["kalix"])
    response = client.post(URL, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field or "identity_number"]
    assert form.data["reason"] == data["reason"]  # nothing typed is lost
    for message in form.errors.get("identity_number", []):
        assert data["identity_number"][:8] not in message
    assert not EmergencyAccess.objects.exists()


def test_the_number_is_hidden_from_error_reports(client, setting):
    _case, users = setting
    verified_login(client, users["kalix"])
    response = client.post(URL, {"identity_number": NUMBER, "reason": "x"})
    hidden = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert hidden["identity_number"] != NUMBER and hidden["reason"] == "x"


def test_an_unknown_number_is_answered_alike_and_logged_for_review(client, setting):
    """Whether anyone has the number is not told before the access is logged: the same
    redirect and message as for a known number; the access then opens no case."""
    _case, users = setting
    verified_login(client, users["kalix"])
    data = {"identity_number": "20150505-2389", "reason": REASON, "understood": "on"}
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    access = EmergencyAccess.objects.get(user=users["kalix"])
    assert access.individual is None and access.reason == REASON
    opened = AuditEvent.objects.get(object_type="plans.emergencyaccess", action="create")
    assert opened.emergency and opened.actor == users["kalix"]
    assert "inget ärende gäller någon med det numret" in response.content.decode()
