"""A coordinator walks a matter through Norrbotten in Debian's Chromium, axe on every page and
each page at phone width: raised in Luleå's municipal group, sent upward to the area group and
the länsstyrgrupp, recommended to the principals and decided by them one by one; then the
register of governing documents and its public page."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, ensure_demo_users
from accounts.two_factor import current_code
from agreements.services import load_county
from matters.models import Matter
from samverkan.browser import PHONE, accessibility_violations, horizontal_overflow
from structure.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    load_county("norrbotten")
    ensure_demo_users()
    return live_server.url


def check(page):
    assert accessibility_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, site, username):
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{site}/samverkansarenden/norrbotten/")
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("Kod från autentiseringsappen").fill(current_code(device))
    page.get_by_role("button", name="Verifiera").click()


def handle(page, outcome, target="", text=""):
    page.get_by_role("link", name="Registrera organets behandling").click()
    check(page)
    page.get_by_label("Utfall").select_option(outcome)
    if target:
        page.get_by_label("Till organet").select_option(target)
    if text:
        page.get_by_label("Vad organet sade eller rekommenderar").fill(text)
    page.get_by_role("button", name="Fortsätt").click()
    check(page)  # the confirmation
    page.get_by_role("button", name="Ja, registrera").click()


def test_a_matter_from_the_municipal_group_to_the_principals(site, page):
    log_in(page, site, "samordnare")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansärenden")
    check(page)
    page.get_by_role("link", name="Väck ett samverkansärende").click()
    check(page)
    page.get_by_label("Titel").fill("Gemensam rutin för hemgång")
    page.get_by_label("Frågeställningen").fill("Hur planerar kommun och region hemgången?")
    page.get_by_label("Väckt i").select_option("kommungrupp/lulea")
    lulea = Organisation.objects.get(key="lulea-socialtjansten")
    page.get_by_label("Tas upp av").select_option(str(lulea.pk))
    page.get_by_role("button", name="Väck ärendet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemensam rutin för hemgång")
    check(page)
    handle(page, "upward", "lansdelsgrupp/boden-lulea")
    handle(page, "upward", "lansstyrgrupp")
    handle(page, "recommendation", text="Länsstyrgruppen rekommenderar huvudmännen att anta.")
    expect(page.get_by_text("Antagen av 0 av 15")).to_be_visible()
    for name in ("Luleå kommun", "Kiruna kommun"):
        page.get_by_role("link", name=f"Registrera beslutet för {name}").click()
        page.get_by_label("Beslut", exact=True).select_option("adopted")
        page.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
        page.get_by_role("button", name="Fortsätt").click()
        check(page)
        page.get_by_role("button", name="Ja, registrera beslutet").click()
    expect(page.get_by_text("Antagen av 2 av 15")).to_be_visible()
    check(page)
    assert Matter.objects.get().decisions.filter(outcome="adopted").count() == 2


def test_the_register_and_its_public_page(site, page):
    log_in(page, site, "samordnare")
    page.goto(f"{site}/styrdokument/norrbotten/")
    check(page)
    page.get_by_role("link", name="Registrera ett dokument").click()
    check(page)
    page.get_by_label("Slag av dokument").select_option("guideline")
    page.get_by_label("Titel").fill("Norrbus")
    page.get_by_label("Ägande organ").select_option("lansstyrgrupp")
    page.get_by_label("Antaget den").fill("2025-03-01")
    page.get_by_label("Antaget av").fill("Länsstyrgruppen")
    page.get_by_label("Version").fill("2013")
    page.get_by_label("Offentligt på länets sida").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name="Länsstyrgruppen").first).to_be_visible()
    check(page)
    page.goto(f"{site}/styrdokument/norrbotten/installningar/")
    check(page)
    page.context.clear_cookies()
    page.goto(f"{site}/styrdokument/norrbotten/publika/")
    expect(page.get_by_text("Norrbus")).to_be_visible()
    check(page)
