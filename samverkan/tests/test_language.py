"""Swedish by default, English from the switch in the page header, and English message ids when
the Swedish catalogue is missing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.models import Membership
from plans.tests.test_case_pages import verified_login
from plans.tests.test_case_steps import open_case
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.models import Organisation
from structure.tests.builders import loaded_county

pytestmark = pytest.mark.django_db


def switch(client, language, next_page="/"):
    response = client.post("/i18n/setlang/", {"language": language, "next": next_page})
    assert response.status_code == 302 and response["Location"] == next_page
    return response


def test_the_interface_is_swedish_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="sv">' in page and "Samverkansstrukturer" in page
    assert response["Content-Language"] == "sv"
    assert 'lang="en">In English</button>' in page


def test_the_switch_turns_the_pages_english_and_back(client):
    response = switch(client, "en", "/konto/logga-in/")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Collaboration structures" in page
    assert 'lang="sv">På svenska</button>' in page
    switch(client, "sv")
    assert "Samverkansstrukturer" in client.get("/").content.decode()


def test_the_switch_returns_to_the_page_it_was_pressed_on(client):
    page = client.get("/konto/logga-in/").content.decode()
    assert 'name="next" value="/konto/logga-in/"' in page


def test_a_language_the_platform_does_not_speak_leaves_it_swedish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert '<html lang="sv">' in client.get("/").content.decode()


def test_the_switch_goes_nowhere_outside_the_platform(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"


@pytest.fixture
def worker_with_case():
    county = loaded_county("norrbotten")
    school = Organisation.objects.get(county=county, key="lulea-barn-och-utbildning")
    user = get_user_model().objects.create_user("kurator", password="x" * 16)
    Membership.objects.create(user=user, organisation=school, role="professional")
    return user, open_case(user, school)


def test_a_case_page_reads_in_english(client, worker_with_case):
    user, case = worker_with_case
    verified_login(client, user)
    switch(client, "en")
    page = client.get(f"/arenden/{case.pk}/").content.decode()
    assert "Needs noticed" in page and "Uppmärksammade behov" not in page
    # Plural forms come from the English message ids themselves.
    areas = client.get("/norrbotten/lansdelar/").content.decode()
    assert "The agreement divides the county into 4 areas." in areas


@pytest.fixture
def catalogue_missing(monkeypatch):
    """gettext as it behaves when the platform's .mo file is absent (a fresh clone before
    `compilemessages`, or a lost file): no catalogue found for the platform's locale directory."""
    import gettext

    from django.utils.translation import trans_real

    ours = str(Path(settings.LOCALE_PATHS[0]).resolve())
    real = gettext.translation

    def translation(domain, localedir=None, *args, **kwargs):
        if localedir and str(Path(localedir).resolve()) == ours:
            return gettext.NullTranslations()
        return real(domain, localedir, *args, **kwargs)

    monkeypatch.setattr(trans_real.gettext_module, "translation", translation)
    monkeypatch.setattr(trans_real, "_translations", {})
    monkeypatch.setattr(trans_real, "_default", None)


def test_without_the_catalogue_the_platform_speaks_its_english_message_ids(
    client, catalogue_missing, worker_with_case
):
    user, case = worker_with_case
    home = client.get("/")
    assert home.status_code == 200 and "Collaboration structures" in home.content.decode()
    assert client.get("/norrbotten/").status_code == 200
    assert client.get("/konto/logga-in/").status_code == 200
    verified_login(client, user)
    response = client.get(f"/arenden/{case.pk}/")
    assert response.status_code == 200 and "Needs noticed" in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_switches_to_english_and_back_in_the_browser(live_server, page):
    loaded_county("norrbotten")
    page.goto(f"{live_server.url}/norrbotten/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_role("button", name="In English").click()
    # Back on the same page, in English, and as accessible as in Swedish.
    expect(page).to_have_url(f"{live_server.url}/norrbotten/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Counties")).to_be_visible()
    assert accessibility_violations(page) == []
    page.set_viewport_size(PHONE)
    assert accessibility_violations(page) == [] and horizontal_overflow(page) == 0
    page.get_by_role("button", name="På svenska").click()
    expect(page.get_by_role("link", name="Län", exact=True)).to_be_visible()
