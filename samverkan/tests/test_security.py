"""An attacker's walk through every security hole issue 10 names, each refused.

Admin without a second factor, secrets in the admin, cases opened and read by roles that do not
work with individuals, step rights from a draft plan or a former coordinator, a known number
leaking another organisation's registration, guesses spread over addresses, a session key kept
across the second factor, cacheable case pages, inline script, API documentation from a CDN,
emergency access without a reason, without limit or as an oracle, and a production start on
SQLite. Also: an admin's change of a membership counts from its holder's next request."""

import datetime
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership
from accounts.roles import ADMINISTRATOR_GROUP, CHAIR_GROUP, COORDINATOR_GROUP
from accounts.two_factor import current_code
from plans.access import can_act
from plans.models import Case, EmergencyAccess
from plans.services import (
    do_decide_to_call,
    do_draft_plan,
    do_establish_plan,
    do_open_case,
    do_record_consent,
    do_record_meeting,
    do_send_notice,
)
from structure.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
PASSWORD = "ett-langt-losenord-for-testet"
NUMBER = "20140312-2391"
OTHER_NUMBER = "20150505-2389"
REASON = "Akut oro på akutmottagningen, vårdnadshavare nås inte."


@pytest.fixture
def county(db):
    from structure.tests.builders import loaded_county

    return loaded_county("norrbotten")


@pytest.fixture
def orgs(county):
    def get(key):
        return Organisation.objects.get(county=county, key=key)

    return {
        "school": get("lulea-barn-och-utbildning"),
        "social": get("lulea-socialtjansten"),
        "bup": get("region-norrbotten-barn-och-ungdomspsykiatri"),
        "kalix": get("kalix-socialtjansten"),
    }


def member(username, organisation, role="professional", groups=(), **flags):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **flags)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def verify(client, user):
    """Log in and pass the second factor, as every case page and the admin require."""
    client.force_login(user)
    device = TOTPDevice.objects.get_or_create(user=user, confirmed=True, name="app")[0]
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302


def open_in(user, organisation, **fields):
    values = {
        "organisation": organisation,
        "identity_number": NUMBER,
        "name": "Elsa Lantto",
        "concern": "Hög frånvaro, oro hemma.",
        "guardians": ("Maria Lantto",),
    }
    return do_open_case(user, **{**values, **fields})


# --- The admin site -------------------------------------------------------------------------


@pytest.fixture
def superuser(orgs):
    return member(
        "admin", orgs["kalix"], "administrator", [ADMINISTRATOR_GROUP], is_staff=True,
        is_superuser=True,
    )  # fmt: skip


def test_the_admin_is_not_reached_with_a_password_alone(client, superuser):
    # Django's own password form is not there: the admin login sends to the platform's.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    response = client.post("/admin/login/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    # Logged in with the password only: every admin page sends to the second factor.
    client.force_login(superuser)
    for path in (
        "/admin/",
        "/admin/accounts/membership/",
        f"/admin/auth/user/{superuser.pk}/password/",
        "/admin/password_change/",
    ):
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0].startswith("/konto/tvafaktor/"), path
        assert response.resolver_match.url_name == "two_factor", path
    verify(client, superuser)
    assert client.get("/admin/").status_code == 200


def test_the_admin_never_shows_a_second_factors_secret(client, superuser):
    verify(client, superuser)
    device = TOTPDevice.objects.get(user=superuser)
    pages = [
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert device.key not in response.content.decode(), path
    # No new device with a key typed or shown here, and no QR code of the secret.
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code in (302, 404)
    # The key cannot be set through the form either.
    client.post(
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        {"name": "app", "key": "00" * 20},
    )
    device.refresh_from_db()
    assert device.key != "00" * 20


def test_memberships_and_organisations_are_kept_in_the_admin_in_swedish(client, superuser, orgs):
    verify(client, superuser)
    html = client.get("/admin/accounts/membership/").content.decode()
    assert "Organisationstillhörigheter" in html and "Kalix" in html
    html = client.get("/admin/structure/organisation/?q=kalix").content.decode()
    assert "Organisationer" in html and "Kalix" in html
    html = client.get(f"/admin/structure/organisation/{orgs['kalix'].pk}/change/").content.decode()
    assert "län" in html.lower() and "huvudman" in html.lower()
    # A user's organisation and role on the user's own page.
    html = client.get(f"/admin/auth/user/{superuser.pk}/change/").content.decode()
    assert "Organisationstillhörighet" in html and 'name="membership-0-role"' in html


def test_a_membership_changed_in_the_admin_counts_from_the_next_request(client, superuser, orgs):
    worker = member("kurator", orgs["school"])
    case = open_in(worker, orgs["school"])
    verify(client, worker)
    assert client.get(f"/arenden/{case.pk}/").status_code == 200

    from django.test import Client

    admin_client = Client()
    verify(admin_client, superuser)
    membership = worker.membership
    response = admin_client.post(
        f"/admin/accounts/membership/{membership.pk}/change/",
        {"user": worker.pk, "organisation": orgs["school"].pk, "role": "auditor"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # The same session, its very next request: the auditor sees no case and opens none.
    assert client.get(f"/arenden/{case.pk}/").status_code == 404
    assert client.get("/arenden/nytt/").status_code == 403


# --- Who opens and reads cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    "role, groups, superuser_flag",
    [
        ("auditor", (), False),
        ("administrator", (), False),
        ("coordinator", (), False),
        ("professional", (ADMINISTRATOR_GROUP,), False),
        ("professional", (COORDINATOR_GROUP,), False),
        ("unit_manager", (CHAIR_GROUP,), False),
        ("professional", (), True),
    ],
    ids=[
        "auditor",
        "administrator",
        "coordinator-membership",
        "in-administrators-group",
        "structure-coordinator",
        "chair",
        "superuser",
    ],
)
def test_roles_not_working_with_individuals_open_and_read_no_case(
    client, orgs, role, groups, superuser_flag
):
    worker = member("kurator", orgs["school"])
    case = open_in(worker, orgs["school"])
    user = member("x", orgs["school"], role, groups, is_superuser=superuser_flag)
    verify(client, user)
    data = {"identity_number": OTHER_NUMBER, "name": "Alva Ek", "concern": "Oro."}
    assert client.get("/arenden/nytt/").status_code == 403
    assert client.post("/arenden/nytt/", data).status_code == 403
    response = client.post("/api/cases", data, content_type="application/json")
    assert response.status_code == 403
    assert Case.objects.count() == 1
    # Not even the cases their own organisation opened.
    assert client.get(f"/arenden/{case.pk}/").status_code == 404
    assert client.get(f"/api/cases/{case.pk}").status_code == 404
    assert "Elsa Lantto" not in client.get("/arenden/lista/").content.decode()


# --- Step rights: the established plan and its current coordinator -----------------------------


def plan_fields(orgs, coordinator):
    return {
        "needs": "Stöd i skolan och utredning.",
        "measures_by_others": "Inga.",
        "overall_responsibility": "lulea",
        "coordinator_name": "Samordnaren",
        "coordinator_organisation": coordinator,
        "approved_by": "Maria Lantto (vårdnadshavare)",
        "approved_on": D("2026-03-12"),
        "approved_how": "at_meeting",
        "interventions": [
            {
                "description": "Särskilt stöd",
                "principal": "lulea",
                "organisation": orgs["school"],
                "scope": "Tre lektioner i veckan",
                "performer": "Speciallärare",
                "follow_up": "Nytt nätverksmöte",
                "follow_up_on": D("2026-05-20"),
            }
        ],
    }


def test_step_rights_follow_the_established_plan_and_the_current_coordinator(client, orgs):
    manager = member("rektor", orgs["school"], "unit_manager")
    social, bup = member("soc", orgs["social"]), member("bup", orgs["bup"])
    case = open_in(manager, orgs["school"])
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.make_aware(datetime.datetime(2026, 3, 1))
    )
    case.refresh_from_db()
    do_record_consent(
        manager,
        case,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=D("2026-03-02"),
        organisations=[orgs["social"], orgs["bup"]],
    )
    do_decide_to_call(
        manager, case, decided_on=D("2026-03-03"), participants=[orgs["social"], orgs["bup"]]
    )
    do_send_notice(manager, case, sent_on=D("2026-03-04"))
    do_record_meeting(manager, case, held_on=D("2026-03-12"))

    # A draft naming social services as coordinator gives them nothing.
    first = do_draft_plan(manager, case, **plan_fields(orgs, orgs["social"]))
    assert not can_act(social, case)
    verify(client, social)
    response = client.post(
        f"/api/cases/{case.pk}/closing",
        {"version": Case.objects.get(pk=case.pk).version, "closed_on": "2026-03-13",
         "reason": "Flyttat."},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 403
    # Established, it does.
    do_establish_plan(manager, first, on=D("2026-03-12"))
    assert can_act(social, case)
    # A revision naming child psychiatry: while a draft, social services still coordinate.
    revision = do_draft_plan(
        manager, case, **{**plan_fields(orgs, orgs["bup"]), "approved_on": D("2026-03-13")}
    )
    assert can_act(social, case) and not can_act(bup, case)
    # Established, the former coordinator keeps no right.
    do_establish_plan(manager, revision, on=D("2026-03-13"))
    assert can_act(bup, case) and not can_act(social, case)
    assert Case.objects.get(pk=case.pk).state != Case.State.CLOSED


# --- A known identity number ------------------------------------------------------------------


def test_a_known_number_reveals_nothing_another_organisation_registered(client, orgs):
    school = member("kurator", orgs["school"])
    open_in(school, orgs["school"])  # registers Elsa Lantto, guardian Maria Lantto
    kalix = member("kalix", orgs["kalix"])
    verify(client, kalix)
    typed = {
        "identity_number": NUMBER,
        "name": "Elsa Berg",
        "guardians": "Per Berg",
        "concern": "Oro hemma.",
    }
    # A different name: shown to the user, nothing opened, nothing typed lost, nothing leaked.
    response = client.post("/arenden/nytt/", typed)
    html = response.content.decode()
    assert response.status_code == 200 and Case.objects.count() == 1
    assert "under ett annat namn" in html
    assert "Elsa Lantto" not in html and "Maria Lantto" not in html
    assert 'value="Elsa Berg"' in html and "Per Berg" in html
    assert 'type="checkbox" name="name_checked"' in html
    # Confirmed: the case keeps what was typed and shows nothing of the other registration.
    response = client.post("/arenden/nytt/", {**typed, "name_checked": "on"})
    assert response.status_code == 302
    case = Case.objects.get(opening_organisation=orgs["kalix"])
    assert (case.name_as_given, case.guardians_as_given) == ("Elsa Berg", "Per Berg")
    html = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Elsa Berg" in html and "Per Berg" in html
    assert "Elsa Lantto" not in html and "Maria Lantto" not in html
    assert "skiljer sig från det som är registrerat" in html
    assert client.get(f"/api/cases/{case.pk}").json()["individual"]["name"] == "Elsa Berg"
    # The same name typed: opened at once, and still nothing of the guardians registered.
    other = member("kalix2", orgs["social"])
    case2 = open_in(other, orgs["social"], guardians=())
    client.force_login(other)
    verify(client, other)
    html = client.get(f"/arenden/{case2.pk}/").content.decode()
    assert "Maria Lantto" not in html
    # Once a consent covers both organisations, the registration is shared.
    registered = Case.objects.get(opening_organisation=orgs["school"])
    do_record_consent(
        school,
        registered,
        given_by="Maria Lantto",
        given_how="writing",
        given_on=timezone.localdate(),
        organisations=[orgs["social"]],
    )
    assert "Maria Lantto" in client.get(f"/arenden/{case2.pk}/").content.decode()


# --- Logging in -------------------------------------------------------------------------------


def failed_login(client, username, address):
    return client.post(
        "/konto/logga-in/", {"username": username, "password": "fel"}, REMOTE_ADDR=address
    )


def test_guesses_spread_over_addresses_lock_the_account(client, orgs):
    member("kurator", orgs["school"])
    for n in range(5):
        failed_login(client, "kurator", f"10.0.0.{n + 1}")
    response = client.post(
        "/konto/logga-in/",
        {"username": "kurator", "password": PASSWORD},
        REMOTE_ADDR="10.0.1.1",
    )
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_guesses_over_many_accounts_lock_the_address(client, orgs):
    member("kurator", orgs["school"])
    for n in range(5):
        failed_login(client, f"gissning{n}", "10.0.0.9")
    response = client.post(
        "/konto/logga-in/",
        {"username": "kurator", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_the_session_key_changes_when_the_second_factor_is_passed(client, orgs):
    user = member("kurator", orgs["school"])
    client.force_login(user)
    before = client.session.session_key
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="app")
    response = client.post("/konto/tvafaktor/", {"code": current_code(device)})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before


# --- Headers and pages ------------------------------------------------------------------------


class Inline(HTMLParser):
    """Inline script, event handler attributes and style attributes, as CSP would refuse."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        for name in names:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}=")


def test_case_pages_are_never_cached_and_every_page_is_under_a_strict_policy(client, orgs):
    worker = member("kurator", orgs["school"], "unit_manager")
    case = open_in(worker, orgs["school"])
    anonymous = ["/", "/konto/logga-in/", "/norrbotten/"]
    for path in anonymous:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    verify(client, worker)
    pages = [
        f"/arenden/{case.pk}/",
        "/arenden/",
        "/arenden/lista/",
        "/arenden/nytt/",
        "/arenden/nodatkomst/",
        "/konto/tvafaktor/",
        "/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "unsafe-inline" not in response["Content-Security-Policy"], path
        parser = Inline()
        parser.feed(response.content.decode())
        assert parser.found == [], (path, parser.found)
    assert "no-store" in client.get(f"/api/cases/{case.pk}")["Cache-Control"]


def test_the_api_documentation_comes_from_the_platforms_own_files(client):
    response = client.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    # What the page loads (scripts, stylesheets, icons), not the links of its menu.
    addresses = re.findall(r'<(?:script|link)[^>]*\b(?:src|href)="([^"]+)"', html)
    assert addresses and all(a.startswith("/static/") for a in addresses), addresses
    assert "cdn" not in html.lower()
    for address in addresses:
        assert finders.find(address.removeprefix("/static/")), address
    assert "unsafe-inline" not in response["Content-Security-Policy"]


# --- Emergency access -------------------------------------------------------------------------

EMERGENCY = "/arenden/nodatkomst/"


@pytest.fixture
def outsider(client, orgs):
    school = member("kurator", orgs["school"])
    open_in(school, orgs["school"])
    user = member("kalix", orgs["kalix"])
    verify(client, user)
    return user


@pytest.mark.parametrize("reason", ["x", "a" * 60, "asdf " * 10, "           ."])
def test_emergency_access_needs_a_reason_of_substance(client, outsider, reason):
    response = client.post(
        EMERGENCY, {"identity_number": NUMBER, "reason": reason, "understood": "on"}
    )
    assert response.status_code == 200
    assert "med några egna ord" in response.content.decode()
    assert not EmergencyAccess.objects.exists()


def test_emergency_access_is_limited_per_person_and_day(client, outsider, settings):
    settings.SAMVERKAN_EMERGENCY_ACCESSES_PER_DAY = 3
    data = {"identity_number": NUMBER, "reason": REASON, "understood": "on"}
    for _ in range(3):
        assert client.post(EMERGENCY, data).status_code == 302
    response = client.post(EMERGENCY, data)
    assert response.status_code == 200
    assert "så många som en person får öppna på en dag" in response.content.decode()
    assert EmergencyAccess.objects.filter(user=outsider).count() == 3


def test_emergency_access_answers_alike_whether_or_not_the_number_has_cases(client, outsider, orgs):
    def ask(number):
        response = client.post(
            EMERGENCY, {"identity_number": number, "reason": REASON, "understood": "on"}
        )
        # The answer is the redirect and the message the next page shows (then consumed).
        shown = [str(m) for m in client.get(EMERGENCY).context["messages"]]
        return response.status_code, response.get("Location"), shown

    assert ask(NUMBER) == ask(OTHER_NUMBER)
    # Both asked, both logged, and both wait for the auditor's review.
    assert EmergencyAccess.objects.filter(user=outsider).count() == 2
    auditor = member("granskare", orgs["bup"], "auditor")
    verify(client, auditor)
    response = client.get("/logg/nodatkomster/")
    assert response.status_code == 200 and len(response.context["accesses"]) == 2


# --- Production -------------------------------------------------------------------------------


def start(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SAMVERKAN_") and key != "DATABASE_URL"
    }
    env.update(
        SAMVERKAN_DEBUG="0",
        SAMVERKAN_SECRET_KEY="s" * 50,
        SAMVERKAN_FIELD_KEY="f" * 50,
        SAMVERKAN_AUDIT_KEY="a" * 50,
        SAMVERKAN_AUDIT_ANCHOR="/tmp/samverkan-test-anchor.json",
        SAMVERKAN_ALLOWED_HOSTS="samverkan.example.se",
        DJANGO_SETTINGS_MODULE="samverkan.settings",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_production_start_without_a_database_url_refuses_to_run():
    refused = start()
    assert refused.returncode != 0 and "started" not in refused.stdout
    assert "DATABASE_URL måste vara satt" in refused.stderr
    started = start(DATABASE_URL="postgres://samverkan@databasserver/samverkan")
    assert started.returncode == 0 and "started" in started.stdout, started.stderr


@pytest.mark.browser
def test_nothing_on_the_pages_is_blocked_by_the_policy(live_server, transactional_db, page):
    """In a real browser: the policy blocks nothing the platform itself serves, and the API
    documentation draws itself from the platform's own files."""
    from structure.tests.builders import loaded_county

    loaded_county("norrbotten")
    blocked, outside = [], []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url),
    )
    for path in ("/", "/konto/logga-in/", "/norrbotten/", "/api/docs"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Samverkan API")
    assert blocked == [] and outside == []


def test_behind_a_proxy_the_client_is_locked_out_not_the_proxy(client, orgs, settings):
    settings.SAMVERKAN_PROXY_COUNT = 1
    member("kurator", orgs["school"])
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    for n in range(5):
        client.post(
            "/konto/logga-in/",
            {"username": f"gissning{n}", "password": "fel"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    # The guesser's address is locked out, even when it claims another before the proxy's entry.
    response = client.post(
        "/konto/logga-in/",
        {"username": "kurator", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7",
        **proxy,
    )
    assert response.status_code == 429
    # Another client behind the same proxy logs in.
    response = client.post(
        "/konto/logga-in/",
        {"username": "kurator", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        **proxy,
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
