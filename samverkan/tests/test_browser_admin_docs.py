"""The admin site, the API documentation and the error pages in Debian's Chromium: axe finds no
WCAG 2.1 A/AA violation on them at 320 px (WCAG's reflow width) and at 1280 px, and nothing
scrolls sideways at 320 px (issue 14, items 3 and 4)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import path as route
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.enrolment import do_issue_enrolment_code
from accounts.models import Membership
from accounts.two_factor import current_code
from meetings.tests.builders import user
from plans.models import ConsentReminder
from samverkan.browser import accessibility_violations, horizontal_overflow
from samverkan.urls import urlpatterns as site_urls
from structure.models import Organisation
from structure.tests.builders import loaded_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (320, 1280)


def refused(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a fault the error page must not show")


urlpatterns = [route("nekad/", refused), route("trasig/", broken), *site_urls]


def widest(tab) -> str:
    """The innermost element reaching furthest past the viewport's right edge, to name the cause."""
    return tab.evaluate(
        """() => {
        let found = null, right = document.documentElement.clientWidth;
        for (const element of document.body.querySelectorAll("*")) {
          const edge = element.getBoundingClientRect().right;
          if (edge > right) { found = element; right = edge; }
        }
        return found ? found.tagName + "." + found.className + "#" + found.id : "";
      }"""
    )


def problems(tab, path: str) -> list[str]:
    """axe's violations and sideways scrolling of the page at each width, one line each."""
    found = []
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 900})
        found += [f"{path} @{width}: {line}" for line in accessibility_violations(tab)]
        if width == WIDTHS[0] and (overflow := horizontal_overflow(tab)):
            found.append(f"{path} @{width}: scrolls sideways by {overflow} px ({widest(tab)})")
    return found


@pytest.fixture
def site(db):
    """A county's organisations, an administrator with an authenticator and another user with a
    membership, a device, a group and a consent reminder: something in every admin list."""
    county = loaded_county("norrbotten")
    administrator = user(
        "admin", is_staff=True, is_superuser=True, first_name="Ada", last_name="Admin"
    )
    device = TOTPDevice.objects.create(user=administrator, confirmed=True, name="Autentiseringsapp")
    colleague = user("kurator", first_name="Kim", last_name="Kurator")
    organisation = Organisation.objects.filter(county=county).first()
    membership = Membership.objects.create(
        user=colleague, organisation=organisation, role=Membership.Role.choices[0][0]
    )
    TOTPDevice.objects.create(user=colleague, confirmed=True, name="Telefon")
    Group.objects.create(name="Samordnare")
    ConsentReminder.objects.create(county=county)
    return {
        "administrator": administrator,
        "device": device,
        "colleague": colleague,
        "organisation": organisation,
        "membership": membership,
    }


@pytest.fixture
def admin_tab(page, live_server, site):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill("x" * 16)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(site["device"]))
    page.get_by_role("button", name="Verifiera").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def admin_paths(site) -> list[str]:
    colleague, organisation = site["colleague"], site["organisation"]
    membership, device = site["membership"], site["colleague"].totpdevice_set.get()
    return [
        "/admin/",
        "/admin/password_change/",
        "/admin/accounts/",
        "/admin/auth/",
        "/admin/otp_totp/",
        "/admin/plans/",
        "/admin/structure/",
        "/admin/accounts/membership/",
        f"/admin/accounts/membership/?q=Kurator&role__exact={membership.role}",
        f"/admin/accounts/membership/{membership.pk}/change/",
        "/admin/accounts/membership/add/",
        "/admin/auth/user/",
        "/admin/auth/user/?q=kim&is_staff__exact=0",
        f"/admin/auth/user/{colleague.pk}/change/",
        f"/admin/auth/user/{colleague.pk}/password/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{colleague.pk}/delete/",
        f"/admin/auth/user/{colleague.pk}/history/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/otp_totp/totpdevice/",
        "/admin/otp_totp/totpdevice/?confirmed__exact=1&q=kim",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/",
        "/admin/plans/consentreminder/",
        "/admin/plans/consentreminder/add/",
        "/admin/structure/organisation/",
        f"/admin/structure/organisation/?county__id__exact={organisation.county_id}&q=a",
        f"/admin/structure/organisation/{organisation.pk}/change/",
        "/admin/structure/organisation/add/",
    ]


def test_every_admin_page_passes_axe_and_reflows(admin_tab, live_server, site):
    found = []
    for path in admin_paths(site):
        response = admin_tab.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        found += problems(admin_tab, path)
    assert found == [], "\n".join(found)


def test_admin_forms_with_their_errors_pass_axe(admin_tab, live_server):
    found = []
    for path in (
        "/admin/structure/organisation/add/",
        "/admin/auth/user/add/",
        "/admin/accounts/membership/add/",
        "/admin/plans/consentreminder/add/",
    ):
        admin_tab.goto(f"{live_server.url}{path}")
        admin_tab.locator("input[name=_save]").click()
        admin_tab.wait_for_load_state("load")
        assert admin_tab.locator(".errornote").count() == 1, path
        found += problems(admin_tab, f"{path} (errors)")
    assert found == [], "\n".join(found)


def test_the_api_documentation_passes_axe_once_swagger_ui_has_drawn_it(page, live_server):
    page.goto(f"{live_server.url}/api/docs")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.locator(".swagger-ui .opblock").first.wait_for()
    found = problems(page, "/api/docs")
    # An operation with a parameter opened, as a reader opens one to see its parameters and
    # answers, and made ready to try.
    operation = page.locator("#operations-structure-structure_api_get_agreement")
    operation.locator(".opblock-summary-control").click()
    operation.locator(".opblock-body").wait_for()
    found += problems(page, "/api/docs (an operation open)")
    operation.get_by_role("button", name="Try it out").click()
    operation.locator(".parameters input").first.wait_for()
    found += problems(page, "/api/docs (an operation to try)")
    assert found == [], "\n".join(found)


def test_setting_up_an_authenticator_shows_a_qr_code_that_fits_a_phone(page, live_server, db):
    """Issue 14: the QR image exists (a QR library is installed), has a text alternative, and the
    otpauth address no longer runs off the screen at 320 px."""
    administrator = user("admin", is_staff=True, is_superuser=True)
    newcomer = user("kurator")
    code = do_issue_enrolment_code(administrator, newcomer)
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kurator")
    page.get_by_label("Lösenord").fill("x" * 16)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state("load")
    page.goto(f"{live_server.url}/konto/tvafaktor/")
    page.get_by_label("Registreringskod från din administratör").fill(code)
    page.get_by_role("button", name="Fortsätt").click()
    picture = page.get_by_role(
        "img", name="QR-kod som lägger till ditt konto i autentiseringsappen"
    )
    assert picture.evaluate("image => image.complete && image.naturalWidth > 0")
    found = problems(page, "/konto/tvafaktor/ (setting up)")
    assert found == [], "\n".join(found)
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Slå på tvåfaktorsinloggning").click()
    page.wait_for_url(lambda url: "tvafaktor" not in url)
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.urls(__name__)
def test_the_error_pages_speak_swedish_in_the_layout_with_a_way_back(page, live_server, db):
    found = []
    for path, status, heading in (
        ("/nekad/", 403, "Din roll tillåter inte det här"),
        ("/finns-inte-123/", 404, "Det finns inget här som du kan se"),
        ("/trasig/", 500, "Något gick fel hos oss"),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status, path
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert "a fault" not in page.content()
        back = page.get_by_role("link", name="Till din startsida")
        assert back.get_attribute("href") == "/start/"
        found += problems(page, f"{path} ({status})")
    # The way back leads somewhere: the start page sends a visitor without a login to log in.
    back.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).is_visible()
    assert found == [], "\n".join(found)


def test_the_admins_action_pages_pass_axe(admin_tab, live_server, site):
    """An action's pages: the enrolment code issued for a user, and the confirmation before
    deleting the chosen users."""
    found = []
    for action, title in (
        ("issue_enrolment_code", "Registreringskoder"),
        ("delete_selected", None),
    ):
        admin_tab.goto(f"{live_server.url}/admin/auth/user/")
        admin_tab.locator(f"input[name=_selected_action][value='{site['colleague'].pk}']").check()
        admin_tab.locator("select[name=action]").select_option(action)
        admin_tab.locator("button[name=index]").click()
        admin_tab.wait_for_load_state("load")
        if title:
            assert admin_tab.get_by_role("heading", name=title).count() >= 1
        found += problems(admin_tab, f"/admin/auth/user/ ({action})")
    assert found == [], "\n".join(found)
