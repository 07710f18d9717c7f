"""The worklist and the case page: reads audited, a case outside one's reach answers 404 and is
logged, whether it exists or not."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership
from accounts.two_factor import current_code
from audit.models import AuditEvent
from plans.services import do_record_consent
from structure.models import Organisation

from .test_case_steps import open_case

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


def verified_login(client, user):
    """Log in and pass the second factor, as the case pages require."""
    client.force_login(user)
    device = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="app")[0]
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302


@pytest.fixture
def setting(db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    kalix = Organisation.objects.get(county=county, key="kalix-socialtjansten")
    users = {}
    for name, organisation in (("kurator", school), ("kalix", kalix)):
        users[name] = get_user_model().objects.create_user(name, password="x" * 16)
        Membership.objects.create(user=users[name], organisation=organisation, role="professional")
    case = open_case(users["kurator"], school)
    do_record_consent(
        users["kurator"],
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-12-18"),
        organisations=[kalix],
    )
    return case, users


def test_the_worklist_shows_the_organisations_deadlines(client, setting):
    case, users = setting
    verified_login(client, users["kurator"])
    response = client.get("/arenden/")
    assert response.status_code == 200
    [item] = response.context["deadlines"]
    assert (item.case_id, item.step_code, item.due_on) == (case.pk, "notice", D("2026-12-29"))
    row = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    opened = timezone.localtime(case.opened_at).date().isoformat()
    for shown in (
        f'<a href="/arenden/{case.pk}/">Ärende {case.pk}</a>',
        f"öppnat {opened} av {case.opening_organisation.name}",
        "Kallelse",
        "2026-12-29",
    ):
        assert shown in row
    verified_login(client, users["kalix"])
    assert client.get("/arenden/").context["deadlines"] == []


def test_the_case_page_is_read_and_audited(client, setting):
    case, users = setting
    verified_login(client, users["kurator"])
    page = client.get(f"/arenden/{case.pk}/")
    html = page.content.decode()
    assert "Elsa Lantto" in html and "2026-12-29" in html
    [notice] = page.context["deadlines"]
    assert notice.working_days_left == notice.due.working_days_left(page.context["today"])
    assert "201403122391" not in html and "20140312-2391" not in html
    assert AuditEvent.objects.filter(action="read", object_id=str(case.pk)).count() == 1


@pytest.mark.parametrize("forged", [False, True])
def test_outside_reach_or_forged_is_404_and_logged(client, setting, forged):
    case, users = setting
    verified_login(client, users["kalix"])  # consent names Kalix, but Kalix does not take part
    pk = case.pk + 1000 if forged else case.pk
    response = client.get(f"/arenden/{pk}/")
    assert response.status_code == 404
    refused = AuditEvent.objects.get(action="refused")
    assert refused.object_id == str(pk) and refused.actor == users["kalix"]


def test_anonymous_users_are_sent_to_log_in(client, setting):
    case, _users = setting
    assert client.get(f"/arenden/{case.pk}/").status_code == 302


def test_opening_a_case_from_the_form(client, setting):
    _case, users = setting
    verified_login(client, users["kurator"])
    data = {
        "identity_number": "20110707-2397",
        "name": "Vidar Keskitalo",
        "guardians": "Anna Keskitalo\nPer Keskitalo",
        "concern": "Oro för frånvaro och mående.",
    }
    response = client.post("/arenden/nytt/", data)
    assert response.status_code == 302
    from plans.models import Case

    case = Case.objects.get(individual__name="Vidar Keskitalo")
    assert response["Location"] == f"/arenden/{case.pk}/"
    assert list(case.individual.guardians.values_list("name", flat=True)) == [
        "Anna Keskitalo",
        "Per Keskitalo",
    ]
    assert "20110707" not in response["Location"]


def test_a_wrong_number_keeps_what_was_typed(client, setting):
    _case, users = setting
    verified_login(client, users["kurator"])
    data = {"identity_number": "20110707-2398", "name": "Vidar", "concern": "Oro."}
    response = client.post("/arenden/nytt/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "identity_number" in form.errors and form.data["concern"] == "Oro."
    assert "20110707-2398" not in " ".join(form.errors["identity_number"])


def test_taking_the_steps_from_the_case_page(client, db):
    from structure.tests.builders import loaded_county

    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    social = Organisation.objects.get(county=county, key="lulea-socialtjansten")
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(
        user=user, organisation=school, role="professional", decides_on_network_meetings=True
    )
    verified_login(client, user)
    case = open_case(user, school)
    url = f"/arenden/{case.pk}/steg/"
    page = client.get(f"/arenden/{case.pk}/")
    assert page.context["step_form"].__class__.__name__ == "ConsentForm"

    consent = {
        "version": case.version,
        "given_by": "Maria Lantto",
        "given_how": "writing",
        "given_on": "2026-03-02",
        "organisations": [social.pk],
    }
    assert client.post(url, consent).status_code == 302
    stale = client.post(url, {**consent, "decided_on": "2026-03-03"})
    assert stale.status_code == 409  # the form was for the earlier version
    case.refresh_from_db()
    decision = {"version": case.version, "decided_on": "2026-03-03", "participants": [social.pk]}
    assert client.post(url, decision).status_code == 302
    case.refresh_from_db()
    assert client.post(url, {"version": case.version, "sent_on": "2026-03-04"}).status_code == 302
    case.refresh_from_db()
    meeting = {
        "version": case.version,
        "held_on": "2026-03-01",
        "attended": "Elsa, Maria Lantto, kurator, socialsekreterare",
        "picture": "Elsa behöver stöd i skolan och familjen stöd hemma.",
    }
    wrong = client.post(url, meeting)
    assert wrong.status_code == 200 and wrong.context["form"].errors  # before the notice
    assert client.post(url, {**meeting, "held_on": "2026-03-10"}).status_code == 302
    case.refresh_from_db()
    assert case.state == "met" and list(case.participants.all()) == [social]


def test_only_the_opening_organisation_takes_steps(client, setting):
    case, users = setting
    verified_login(client, users["kalix"])
    assert client.post(f"/arenden/{case.pk}/steg/", {"version": 1}).status_code == 404
